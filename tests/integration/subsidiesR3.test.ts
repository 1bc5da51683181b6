import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { hire, makeHousehold, makePost } from './postsFixtures';

// 月报 R3 公益岗 (EMPLOYMENT-FUNDS §3.1): posts, people on duty by type, 应发 / 扣发 / 实发.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-06-10T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

describe('月报 R3 公益岗', () => {
  it('gives a village’s posts, its people on duty by type and the month’s money; other villages read 0', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office); // 坪埠村保洁员, 500 元 a month, ≥ 3 days
    await makePost(office, { villageId: office.villages[1]!.id, name: '旦上村护林员', postType: '护林员' });
    await office.call('posts.announce', { id: postId, date: '2026-04-01' });
    const a = await hire(office, postId, h.son);
    const b = await hire(office, postId, h.spouse);
    const villageId = office.villages[0]!.id;
    await office.call('posts.saveMonth', {
      villageId,
      month: '2026-05',
      rows: [
        { appointmentId: a.id, days: 20, grade: 'pass', adjustFen: -5_000, adjustReason: '缺勤一次' },
        { appointmentId: b.id, days: 22, grade: 'excellent', adjustFen: 3_000, adjustReason: '表现突出' },
      ],
    });
    const { r3 } = await office.call('subsidies.monthlyTables', { month: '2026-05' });
    const pick = (village: string) => {
      const r = r3.rows.find((x) => x.village === village)!;
      return [r.posts, r.onDuty, r['type.保洁员'], r['type.护林员'], r.due, r.deducted, r.reward, r.paid, r.paidOn];
    };
    // 应发 2 × 500 元; 扣发 50 元; 奖励 30 元; 实发 450 + 530 元. Not yet at the bank: no 发放日.
    expect(pick('坪埠村')).toEqual([1, 2, 2, 0, 100_000, 5_000, 3_000, 98_000, null]);
    expect(pick('旦上村')).toEqual([1, 0, 0, 0, 0, 0, 0, 0, null]);
    expect(pick('合计')).toEqual([2, 2, 2, 0, 100_000, 5_000, 3_000, 98_000, null]);
    // April: nobody on duty yet (agreements start 2026-05-01), no attendance.
    const april = (await office.call('subsidies.monthlyTables', { month: '2026-04' })).r3.rows.find((x) => x.village === '合计')!;
    expect([april.posts, april.onDuty, april.paid]).toEqual([2, 0, 0]);
  });
});
