import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';
import { hire, makeHousehold, makePost, people } from './postsFixtures';

// 公益性岗位 (issue 12 item 3): the hiring steps in order, ages from the yearly settings, one post
// per person, agreements of at most a year, 退岗, and the village's monthly attendance grid.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-20T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

describe('hiring steps', () => {
  it('run in order from the 公告 to 在岗, refusing a skipped step, a clerk at 乡审核 and a short notice', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    const early = await office.fail('posts.apply', { postId, memberId: h.son, date: '2026-04-10' });
    expect(early.message).toContain('还没有发布招聘公告');
    await office.call('posts.announce', { id: postId, date: '2026-04-01', note: '招聘保洁员 2 名' });

    const { id } = await office.call('posts.apply', { postId, memberId: h.son, date: '2026-04-10' });
    const skip = await office.fail('posts.recordStep', { id, step: 'notice', date: '2026-04-11', people, noticeStart: '2026-04-11', noticeEnd: '2026-04-13' });
    expect(skip.message).toContain('下一步应为「村评议」');
    await office.call('posts.recordStep', { id, step: 'villageReview', date: '2026-04-12', people });
    const clerk = await office.loginAs('clerk');
    const byClerk = await office.fail('posts.recordStep', { id, step: 'townshipReview', date: '2026-04-14', people }, clerk);
    expect(byClerk.code).toBe('FORBIDDEN');
    await office.call('posts.recordStep', { id, step: 'townshipReview', date: '2026-04-14', people });
    const short = await office.fail('posts.recordStep', { id, step: 'notice', date: '2026-04-15', people, noticeStart: '2026-04-15', noticeEnd: '2026-04-16' });
    expect(short.message).toContain('少于设置的 3 天');
    await office.call('posts.recordStep', { id, step: 'notice', date: '2026-04-15', people, noticeStart: '2026-04-15', noticeEnd: '2026-04-17' });
    const during = await office.fail('posts.recordStep', { id, step: 'sign', date: '2026-04-17', people, agreementType: 'service', startDate: '2026-05-01', endDate: '2027-04-30' });
    expect(during.message).toContain('公示期满后才能签协议');
    const tooLong = await office.fail('posts.recordStep', { id, step: 'sign', date: '2026-04-20', people, agreementType: 'service', startDate: '2026-05-01', endDate: '2027-05-01' });
    expect(tooLong.message).toContain('最长 12 个月');
    expect(tooLong.message).toContain('2027-04-30');
    await office.call('posts.recordStep', { id, step: 'sign', date: '2026-04-20', people, agreementType: 'service', startDate: '2026-05-01', endDate: '2027-04-30' });
    await office.call('posts.recordStep', { id, step: 'onDuty', date: '2026-05-01', people });

    const [a] = await office.call('posts.appointments', { postId });
    expect(a!.status).toBe('onDuty');
    expect(a!.steps.map((s) => s.step)).toEqual(['apply', 'villageReview', 'townshipReview', 'notice', 'sign', 'onDuty']);
    const [post] = await office.call('posts.list', { villageId: office.villages[0]!.id });
    expect(post!.onDuty).toBe(1);
  });

  it('refuses a second post for one person and ages outside the settings; warns at 70 once the limit allows it', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    await office.call('posts.announce', { id: postId, date: '2026-04-01' });
    const old = await office.fail('posts.apply', { postId, memberId: h.head, date: '2026-04-10' });
    expect(old.message).toContain('超过程序默认的男性上限 60 周岁');

    await office.call('posts.apply', { postId, memberId: h.son, date: '2026-04-10' });
    const other = await makePost(office, { name: '坪埠村护路员', postType: '护路员' });
    await office.call('posts.announce', { id: other, date: '2026-04-01' });
    const twice = await office.fail('posts.apply', { postId: other, memberId: h.son, date: '2026-04-11' });
    expect(twice.message).toContain('每人同时只能有一个公益性岗位');

    // A county allowing up to 75: 王大山 (born 1955 in this household) is hired with a warning.
    await office.call('posts.saveSettings', { year: 2026, minAge: 16, maxAgeMale: 75, maxAgeFemale: 75, warnAge: 70, noticeDays: 3, maxTermMonths: 12 });
    const elder = await office.call('households.create', householdInput(office, { householdCode: '3504211010010009', members: [member('陈老伯', idOf('19550101', 91), 'head')] }));
    const elderId = (await office.call('households.get', { id: elder.id })).members[0]!.id;
    const applied = await office.call('posts.apply', { postId: other, memberId: elderId, date: '2026-04-10' });
    expect(applied.warnings[0]).toContain('71 周岁');
  });

  it('退岗 ends the appointment with date and reason; the person may then apply again', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    await office.call('posts.announce', { id: postId, date: '2026-04-01' });
    const { id } = await hire(office, postId, h.son);
    const badReason = await office.fail('posts.leave', { id, date: '2026-05-10', reason: '随便' });
    expect(badReason.message).toContain('退岗原因');
    await office.call('posts.leave', { id, date: '2026-05-10', reason: '不再需要就业' });
    const [a] = await office.call('posts.appointments', { postId });
    expect(a).toMatchObject({ status: 'left', leftDate: '2026-05-10', leftReason: '不再需要就业' });
    await office.call('posts.apply', { postId, memberId: h.son, date: '2026-05-12' });
  });
});

describe('monthly attendance', () => {
  it('gives 应发 and 实发 per row, refuses a deduction without reason, and is locked once on a list', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    await office.call('posts.announce', { id: postId, date: '2026-04-01' });
    const a = await hire(office, postId, h.son);
    const b = await hire(office, postId, h.spouse);
    const villageId = office.villages[0]!.id;

    const grid = await office.call('posts.monthGrid', { villageId, month: '2026-05' });
    expect(grid.rows.map((r) => r.name).sort()).toEqual(['刘秀英', '王小军']);
    expect(grid.rows.every((r) => !r.recorded)).toBe(true);

    const noReason = await office.fail('posts.saveMonth', { villageId, month: '2026-05', rows: [{ appointmentId: a.id, days: 20, grade: 'pass', adjustFen: -5000 }] });
    expect(noReason.message).toContain('请填写扣发原因');
    await office.call('posts.saveMonth', {
      villageId,
      month: '2026-05',
      rows: [
        { appointmentId: a.id, days: 20, grade: 'pass', adjustFen: -5000, adjustReason: '缺勤一次' },
        { appointmentId: b.id, days: 2, grade: 'pass', adjustFen: 0 },
      ],
    });
    const after = await office.call('posts.monthGrid', { villageId, month: '2026-05' });
    const son = after.rows.find((r) => r.name === '王小军')!;
    const spouse = after.rows.find((r) => r.name === '刘秀英')!;
    expect([son.dueFen, son.paidFen]).toEqual([50_000, 45_000]);
    expect([spouse.dueFen, spouse.paidFen]).toEqual([0, 0]); // below the 3-day minimum

    const made = await office.call('posts.makePaymentList', { villageId, month: '2026-05' });
    expect(made.lines).toBe(1);
    const locked = await office.fail('posts.saveMonth', { villageId, month: '2026-05', rows: [{ appointmentId: a.id, days: 22, grade: 'pass', adjustFen: 0 }] });
    expect(locked.message).toContain('已列入发放清册');
    const again = await office.fail('posts.makePaymentList', { villageId, month: '2026-05' });
    expect(again.message).toContain('没有尚未列入清册');
  });
});
