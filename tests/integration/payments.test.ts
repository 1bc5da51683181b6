import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { stageUpload, storedFile } from '../../electron/core/files/store';
import { writeLedgerFile } from '../../electron/core/files/export/ledgerFile';
import { readXlsxRows } from '../../electron/core/files/xlsx/xlsxReader';
import { bankColumns } from '../../electron/core/features/payments/bankFile';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { hire, makeHousehold, makePost } from './postsFixtures';

// 发放清册 (issue 12 item 4): a month's attendance to a paid list, the bank's results with
// failures and a resend, a reversing correction, and the payee check at approval.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-06-20T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function monthList(n = 2) {
  const villageId = office.villages[0]!.id;
  const postId = await makePost(office, { places: 5 });
  await office.call('posts.announce', { id: postId, date: '2026-04-01' });
  const hired = [];
  for (let i = 0; i < n; i++) {
    const h = await makeHousehold(office, `350421101001000${i + 1}`, i + 1);
    const a = await hire(office, postId, h.son);
    hired.push({ ...h, appointmentId: a.id });
  }
  await office.call('posts.saveMonth', {
    villageId,
    month: '2026-05',
    rows: hired.map((h) => ({ appointmentId: h.appointmentId, days: 22, grade: 'excellent' as const, adjustFen: 0 })),
  });
  const { listId } = await office.call('posts.makePaymentList', { villageId, month: '2026-05' });
  return { listId, hired };
}

async function step(listId: string, date: string) {
  const { list } = await office.call('payments.get', { id: listId });
  return office.call('payments.advance', { id: listId, version: list.version, date });
}

async function accounts(memberIds: string[]) {
  for (const [i, memberId] of memberIds.entries()) {
    await office.call('payments.saveAccount', { memberId, version: null, bankName: '农村信用社（农商银行）', accountNo: `62170000000000${String(i).padStart(4, '0')}` });
  }
}

describe('a month of attendance to a paid list', () => {
  it('goes 草稿 → 公示 → 审核 → 交银行 → 对账, with results, a failure and its resend', async () => {
    const { listId, hired } = await monthList(2);
    const draft = await office.call('payments.get', { id: listId });
    expect(draft.list).toMatchObject({ purpose: '公益岗补贴', period: '2026-05', status: 'draft', lineCount: 2, totalFen: 100_000 });

    await step(listId, '2026-06-01');
    const clerk = await office.loginAs('clerk');
    const { list } = await office.call('payments.get', { id: listId });
    const byClerk = await office.fail('payments.advance', { id: listId, version: list.version, date: '2026-06-10' }, clerk);
    expect(byClerk.code).toBe('FORBIDDEN');
    await step(listId, '2026-06-10');
    const noAccount = await office.fail('payments.advance', { id: listId, date: '2026-06-11' });
    expect(noAccount.message).toContain('还没有登记银行账号');
    const clerkFile = await office.fail('payments.bankRows', { id: listId }, clerk);
    expect(clerkFile.code).toBe('FORBIDDEN');
    await accounts(hired.map((h) => h.son));
    const bank = await office.call('payments.bankRows', { id: listId });
    expect(bank[0]!.accountNo).toMatch(/^6217\d{14}$/);
    const shown = await office.call('payments.get', { id: listId });
    expect(shown.lines[0]!.accountMasked).toContain('****');
    await step(listId, '2026-06-11');

    const early = await office.fail('payments.advance', { id: listId, date: '2026-06-12' });
    expect(early.message).toContain('没有银行结果');
    const [ok, bad] = bank;
    await office.call('payments.recordResults', {
      id: listId,
      results: [
        { lineId: ok!.lineId, result: 'success' },
        { lineId: bad!.lineId, result: 'failed', reason: '账号不存在' },
      ],
    });
    await step(listId, '2026-06-12');
    const done = await office.call('payments.get', { id: listId });
    expect(done.list).toMatchObject({ status: 'reconciled', failedCount: 1 });

    const resend = await office.call('payments.resendFailed', { id: listId });
    expect(resend.lines).toBe(1);
    const again = await office.fail('payments.resendFailed', { id: listId });
    expect(again.message).toContain('没有尚未重发的失败行');
    const second = await office.call('payments.get', { id: resend.listId });
    expect(second.lines[0]).toMatchObject({ resendOfLineId: bad!.lineId, amountFen: 50_000 });
  });

  it('refuses a second line for the same purpose × person × period and edits of a paid list; a correction reverses', async () => {
    const { listId, hired } = await monthList(1);
    const manual = await office.call('payments.create', { purpose: '公益岗补贴', period: '2026-05', title: '补录' });
    const dup = await office.fail('payments.addLine', { listId: manual.id, memberId: hired[0]!.son, basis: '补发', amountFen: 1000 });
    expect(dup.message).toContain('同一用途、同一人、同一期间只能发放一次');

    await accounts([hired[0]!.son]);
    await step(listId, '2026-06-01');
    await step(listId, '2026-06-10');
    await step(listId, '2026-06-11');
    const { lines } = await office.call('payments.get', { id: listId });
    const removed = await office.fail('payments.removeLine', { lineId: lines[0]!.id, reason: '多发' });
    expect(removed.message).toContain('请用「更正」冲回');
    await office.call('payments.recordResults', { id: listId, results: [{ lineId: lines[0]!.id, result: 'success' }] });

    const fix = await office.call('payments.correct', { lineId: lines[0]!.id, correctFen: 45_000, reason: '出勤天数录错' });
    const corrected = await office.call('payments.get', { id: fix.listId });
    expect(corrected.lines.map((l) => l.amountFen)).toEqual([-50_000, 45_000]);
    expect(corrected.lines[0]!.reversesLineId).toBe(lines[0]!.id);
    const original = await office.call('payments.get', { id: listId });
    expect(original.lines[0]!.reversed).toBe(true);
    expect(original.list.totalFen).toBe(50_000); // the paid list itself is unchanged
    const twice = await office.fail('payments.correct', { lineId: lines[0]!.id, correctFen: 0, reason: '再冲' });
    expect(twice.message).toContain('已经冲回过');
  });

  it('refuses approval when the recipient household was closed, naming why', async () => {
    const { listId, hired } = await monthList(1);
    await step(listId, '2026-06-01');
    await office.call('households.close', { id: hired[0]!.id, date: '2026-06-05', reason: '全户迁往外省', membersLeaveAs: 'movedOut' });
    const refused = await office.fail('payments.advance', { id: listId, date: '2026-06-10' });
    expect(refused.code).toBe('RULE');
    expect(refused.message).toContain('王小军（户编号 3504211010010001）所在户已于 2026-06-05 注销');
  });

  it('round-trips the bank file: full accounts out, the bank result sheet in, failures marked with reasons', async () => {
    const { listId, hired } = await monthList(2);
    await accounts(hired.map((h) => h.son));
    await step(listId, '2026-06-01');
    await step(listId, '2026-06-10');
    const snap = await office.core.jobs.wait((await office.call('payments.bankFile', { id: listId })).jobId);
    expect(snap.error).toBeNull();
    const out = exportResultSchema.parse(snap.result);
    const rows = [];
    for await (const r of readXlsxRows(storedFile(office.dataDir, 'outbox', out.file.fileId).path)) rows.push(r.cells.map((c) => (c === null ? '' : String(c))));
    expect(rows[0]).toContain('账号');
    expect(rows[1]).toContain('621700000000000000');
    await step(listId, '2026-06-11');

    // The bank fills in 结果 and 失败原因 and re-sorts the sheet.
    const lineIds = rows.slice(1).map((r) => r[7]!);
    const back = [
      { seq: 1, name: '王小军', idNumber: '', bankName: '', accountNo: '621700000000000001', amountFen: 50_000, memo: '', lineId: lineIds[1], result: '失败', reason: '账户已销户' },
      { seq: 2, name: '王小军', idNumber: '', bankName: '', accountNo: '621700000000000000', amountFen: 50_000, memo: '', lineId: lineIds[0], result: '成功', reason: '' },
    ];
    const tmp = join(office.dataDir, 'bank-result.xlsx');
    const control = { report: () => {}, signal: new AbortController().signal, throwIfCancelled: () => {} };
    await writeLedgerFile(tmp, 'bank-result.xlsx', 'xlsx', [{ name: '结果', columns: bankColumns, rows: back }], control, () => {});
    const staged = stageUpload(office.dataDir, '回单.xlsx', readFileSync(tmp));
    const counted = await office.call('payments.importResults', { id: listId, fileId: staged.fileId });
    expect(counted).toEqual({ success: 1, failed: 1, measureNotes: [] });
    const { lines } = await office.call('payments.get', { id: listId });
    expect(lines.find((l) => l.id === lineIds[1])).toMatchObject({ result: 'failed', resultReason: '账户已销户' });
    expect(lines.find((l) => l.id === lineIds[0])).toMatchObject({ result: 'success' });
  });
});
