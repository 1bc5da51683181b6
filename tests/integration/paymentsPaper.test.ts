import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printResultSchema } from '../../shared/contract/print';
import { storedFile } from '../../electron/core/files/store';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { hire, makeHousehold, makePost, people } from './postsFixtures';

// Paper of posts and payment lists: the 拟聘名单公示 (masked) and the 花名册 with signature blocks,
// amounts in capitals and a content code that 核验 finds again.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-06-20T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function printed(jobId: string) {
  const snap = await office.core.jobs.wait(jobId);
  expect(snap.error).toBeNull();
  const result = printResultSchema.parse(snap.result);
  return { result, markup: readFileSync(storedFile(office.dataDir, 'outbox', result.file.fileId).path, 'utf8') };
}
const eighteenDigits = /(?<!\d)\d{17}[\dXx](?!\d)/;

describe('paper', () => {
  it('prints the 拟聘名单公示 of the village without ID numbers', async () => {
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    await office.call('posts.announce', { id: postId, date: '2026-06-01' });
    const { id } = await office.call('posts.apply', { postId, memberId: h.son, date: '2026-06-02' });
    await office.call('posts.recordStep', { id, step: 'villageReview', date: '2026-06-03', people });
    await office.call('posts.recordStep', { id, step: 'townshipReview', date: '2026-06-04', people });
    const none = await office.fail('posts.printNotice', { villageId: office.villages[0]!.id });
    expect(none.message).toContain('没有处于「公示」步骤');
    await office.call('posts.recordStep', { id, step: 'notice', date: '2026-06-05', people, noticeStart: '2026-06-05', noticeEnd: '2026-06-09' });
    const { jobId } = await office.call('posts.printNotice', { villageId: office.villages[0]!.id });
    const { result, markup } = await printed(jobId);
    expect(result.documents[0]!.title).toBe('坪埠村公益性岗位拟聘人员公示');
    expect(markup).toContain('王小军');
    expect(markup).toContain('2026年6月5日至2026年6月9日');
    expect(markup).not.toMatch(eighteenDigits);
  });

  it('prints the 花名册 with the total in capitals, signature blocks and a code 核验 finds', async () => {
    const villageId = office.villages[0]!.id;
    const h = await makeHousehold(office, '3504211010010001', 1);
    const postId = await makePost(office);
    await office.call('posts.announce', { id: postId, date: '2026-04-01' });
    const a = await hire(office, postId, h.son);
    await office.call('posts.saveMonth', { villageId, month: '2026-05', rows: [{ appointmentId: a.id, days: 20, grade: 'pass', adjustFen: -1050, adjustReason: '缺勤半天' }] });
    const { listId } = await office.call('posts.makePaymentList', { villageId, month: '2026-05' });
    await office.call('payments.saveAccount', { memberId: h.son, version: null, bankName: '中国邮政储蓄银行', accountNo: '6217 9931 0000 1234 567' });

    const { jobId } = await office.call('payments.print', { id: listId, kind: 'paper.payroll' });
    const { result, markup } = await printed(jobId);
    expect(markup).toContain('人民币肆佰捌拾玖元伍角'); // 500 − 10.50 = 489.50
    expect(markup).toContain('村委会审核');
    expect(markup).toContain('乡镇审核');
    expect(markup).toContain('扣发 10.50 元（缺勤半天）');
    expect(markup).toContain('尾号4567');
    expect(markup).not.toContain('62179931');
    expect(markup).not.toMatch(eighteenDigits);
    const verified = await office.call('print.verify', { code: result.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true, kind: 'paper.payroll' });

    const notice = await printed((await office.call('payments.print', { id: listId, kind: 'paper.paymentNotice' })).jobId);
    expect(notice.markup).toContain('监督电话');
    expect(notice.markup).toContain('12317');
    expect(notice.markup).not.toContain('尾号');
  });
});
