import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { ledgerHeaders } from '../../shared/domain/ledgerLayouts';
import { storedFile } from '../../electron/core/files/store';
import type { InputOf, OutputOf } from '../../shared/contract';
import type { ProjectStepKind } from '../../shared/domain/funds';
import * as fx from './fundsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

type Detail = OutputOf<'funds.getProject'>;

const setDay = (date: string) => fx.setDay(office, date);
const batch = (over: Partial<InputOf<'funds.createBatch'>> = {}) => fx.batch(office, over);
const project = (over: Partial<InputOf<'funds.createProject'>> = {}) => fx.project(office, over);
const step = (p: Detail, kind: ProjectStepKind, date: string, noticeEnd: string | null = null) => fx.step(office, p, kind, date, noticeEnd);
const intoLibrary = (p: Detail) => fx.intoLibrary(office, p);

describe('project library', () => {
  it('takes a project from 村申报 through 验收 with its notices, refusing a short notice and money before the library', async () => {
    let p = await project();
    expect(p.projectCode).toBe('XM2026-0001');
    expect(p.status).toBe('draft');
    const b = await batch();

    const early = await office.fail('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-03-01', amountFen: 100 });
    expect(early.message).toContain('不在项目库中');

    p = await step(p, 'villageApply', '2026-03-02');
    await setDay('2026-03-03');
    const short = await office.fail('funds.recordStep', { projectId: p.id, step: 'villageNotice', date: '2026-03-03', people: '村两委', noticeEnd: '2026-03-11' });
    expect(short.message).toContain('不少于 10 天');
    p = await step(p, 'villageNotice', '2026-03-03', '2026-03-12');
    expect(p.dueDate).toBe('2026-03-27'); // notice end + 15 days to review

    await setDay('2026-03-12');
    const inNotice = await office.fail('funds.recordStep', { projectId: p.id, step: 'townshipReview', date: '2026-03-12', people: '乡镇审核组' });
    expect(inNotice.message).toContain('公示期满后');

    p = await step(p, 'townshipReview', '2026-03-13');
    p = await step(p, 'townshipNotice', '2026-03-14', '2026-03-23');
    p = await step(p, 'countyApprove', '2026-03-24');
    p = await step(p, 'libraryNotice', '2026-03-25', '2026-04-03');
    expect(p.status).toBe('inLibrary');
    for (const [kind, date] of [
      ['annualPlan', '2026-04-04'],
      ['implement', '2026-04-10'],
      ['complete', '2026-08-01'],
      ['accept', '2026-08-10'],
    ] as const) {
      p = await step(p, kind, date);
    }
    expect(p.steps.map((s) => s.step)).toEqual([
      'villageApply',
      'villageNotice',
      'townshipReview',
      'townshipNotice',
      'countyApprove',
      'libraryNotice',
      'annualPlan',
      'implement',
      'complete',
      'accept',
    ]);
    expect(p.allowedSteps).toEqual(['fundsDone']);
    const audit = await office.call('audit.list', { entityId: p.id });
    expect(audit.rows.length).toBe(11);
  });

  it('refuses the library to a project without 绩效目标 and 联农带农 until they are filled in', async () => {
    let p = await project({ performanceTarget: null, farmerLink: null });
    p = await step(p, 'villageApply', '2026-03-02');
    p = await step(p, 'villageNotice', '2026-03-03', '2026-03-12');
    p = await step(p, 'townshipReview', '2026-03-13');
    p = await step(p, 'townshipNotice', '2026-03-14', '2026-03-23');
    await setDay('2026-03-24');
    const refused = await office.fail('funds.recordStep', { projectId: p.id, step: 'countyApprove', date: '2026-03-24', people: '县乡村振兴局' });
    expect(refused.message).toContain('不能入库');
    p = await office.call('funds.setTargets', { id: p.id, version: p.version, performanceTarget: '户均增收 1500 元', farmerLink: '优先吸纳脱贫劳动力务工' });
    p = await step(p, 'countyApprove', '2026-03-24');
    expect(p.lastStep).toBe('countyApprove');
  });
});

describe('allocations and disbursements', () => {
  it('splits a batch over projects, refuses one fen over, and reverses an allocation by a named entry', async () => {
    const b = await batch({ amountFen: 500_000_00 });
    const p1 = await intoLibrary(await project({ name: '大棚一期', budgetFen: 300_000_00 }));
    const p2 = await intoLibrary(await project({ name: '村道硬化', projectType: 'infrastructure', budgetFen: 400_000_00 }));
    await setDay('2026-04-08');
    await office.call('funds.allocate', { batchId: b.id, projectId: p1.id, date: '2026-04-05', amountFen: 300_000_00 });
    const overBudget = await office.fail('funds.allocate', { batchId: b.id, projectId: p1.id, date: '2026-04-05', amountFen: 1 });
    expect(overBudget.message).toContain('超过项目批复预算');
    const overBatch = await office.fail('funds.allocate', { batchId: b.id, projectId: p2.id, date: '2026-04-05', amountFen: 200_000_01 });
    expect(overBatch.message).toContain('该批次只剩 200,000.00 元未分配');
    let d2 = await office.call('funds.allocate', { batchId: b.id, projectId: p2.id, date: '2026-04-05', amountFen: 200_000_00 });
    expect(d2.allocatedFen).toBe(200_000_00);

    // Disburse up to the allocation: equal passes, one fen more is refused.
    await office.call('funds.disburse', { batchId: b.id, projectId: p2.id, date: '2026-04-06', amountFen: 50_000_00, voucherNo: '记-0412', payeeKind: 'contractor', stage: 'advance' });
    const overDisb = await office.fail('funds.disburse', { batchId: b.id, projectId: p2.id, date: '2026-04-06', amountFen: 150_000_01, voucherNo: '记-0413', payeeKind: 'contractor', stage: 'progress' });
    expect(overDisb.message).toContain('只剩 150,000.00 元可拨付');

    // Reverse p1's allocation: its money returns to the batch, and p2 may take it.
    let d1 = await office.call('funds.getProject', { id: p1.id });
    const original = d1.allocations[0]!;
    d1 = await office.call('funds.reverseAllocation', { id: original.id, date: '2026-04-07', note: '项目调整，改由下一批次安排' });
    expect(d1.allocatedFen).toBe(0);
    expect(d1.allocations.map((a) => [a.amountFen, a.reversesId])).toEqual([
      [300_000_00, null],
      [-300_000_00, original.id],
    ]);
    expect(d1.allocations[0]!.reversedBy).toBe(d1.allocations[1]!.id);
    const twice = await office.fail('funds.reverseAllocation', { id: original.id, date: '2026-04-07', note: '重复' });
    expect(twice.message).toContain('已经冲销过');

    await office.call('funds.allocate', { batchId: b.id, projectId: p2.id, date: '2026-04-07', amountFen: 200_000_00 });
    const batches = await office.call('funds.listBatches', { year: 2026 });
    expect(batches.rows[0]).toMatchObject({ amountFen: 500_000_00, allocatedFen: 400_000_00, disbursedFen: 50_000_00 });

    // An allocation with disbursements under it cannot be reversed below what was paid.
    d2 = await office.call('funds.getProject', { id: p2.id });
    await office.call('funds.disburse', { batchId: b.id, projectId: p2.id, date: '2026-04-08', amountFen: 200_000_00, voucherNo: '记-0420', payeeKind: 'contractor', stage: 'progress' });
    const blocked = await office.fail('funds.reverseAllocation', { id: d2.allocations[1]!.id, date: '2026-04-08', note: '调整' });
    expect(blocked.message).toContain('请先冲销相应的拨付记录');

    // The same sums leave the office as a workbook (台账导出).
    const { jobId } = await office.call('files.export', { ledger: 'funds', format: 'xlsx', filters: { year: 2026 } });
    const snap = await office.core.jobs.wait(jobId);
    const file = exportResultSchema.parse(snap.result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(office.core.outboxFile('admin-session', file.file.fileId)!.path);
    const sheetRows: ExcelJS.CellValue[][] = [];
    wb.worksheets[0]!.eachRow((row) => sheetRows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(sheetRows[0]!.map(String)).toEqual(ledgerHeaders('funds'));
    expect(sheetRows.find((r) => r[1] === '县级衔接推进乡村振兴补助资金')!.slice(2, 6)).toEqual([500_000, 400_000, 250_000, 250_000]);
    const ledger = await office.call('funds.ledger', { year: 2026 });
    const county = ledger.rows.find((r) => r.sourceCode === 'county')!;
    expect(county).toMatchObject({ issuedFen: 500_000_00, allocatedFen: 400_000_00, disbursedFen: 250_000_00, balanceFen: 250_000_00, progressPermille: 625 });
    expect(ledger.total.issuedFen).toBe(500_000_00);
  });

  it('a year closed at the county date refuses entries, and late spending shows as a to-do', async () => {
    const b = await batch();
    const p = await intoLibrary(await project());
    await setDay('2026-04-05');
    await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100_000_00 });
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 49_999_99, voucherNo: '记-1', payeeKind: 'contractor', stage: 'advance' });

    await setDay('2026-06-30');
    let todos = await office.call('funds.todos', {});
    expect(todos.lateSpending.map((r) => r.id)).toEqual([p.id]);
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-06-30', amountFen: 1, voucherNo: '记-2', payeeKind: 'contractor', stage: 'progress' });
    todos = await office.call('funds.todos', {});
    expect(todos.lateSpending).toEqual([]);

    const catalog = await office.call('funds.catalog', {});
    await office.call('funds.saveSettings', { ...catalog.inForce, closeDate: '2026-12-31', version: null });
    await setDay('2026-12-31');
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-12-31', amountFen: 100, voucherNo: '记-3', payeeKind: 'contractor', stage: 'progress' });
    await setDay('2027-01-01');
    const closed = await office.fail('funds.disburse', { batchId: b.id, projectId: p.id, date: '2027-01-01', amountFen: 100, voucherNo: '记-4', payeeKind: 'contractor', stage: 'progress' });
    expect(closed.message).toContain('2026 年度资金已于 2026-12-31 结账');
    const d = await office.call('funds.getProject', { id: p.id });
    const closedReverse = await office.fail('funds.reverseDisbursement', { id: d.disbursements[0]!.id, date: '2027-01-01', note: '更正' });
    expect(closedReverse.message).toContain('结账');
  });

  it('role checks: a reviewer cannot allocate, a clerk cannot reverse', async () => {
    const b = await batch();
    const p = await intoLibrary(await project());
    await setDay('2026-04-05');
    const reviewer = await office.loginAs('reviewer');
    const refused = await office.fail('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100 }, reviewer);
    expect(refused.code).toBe('FORBIDDEN');
    const d = await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100 });
    const clerk = await office.loginAs('clerk');
    const clerkRefused = await office.fail('funds.reverseAllocation', { id: d.allocations[0]!.id, date: '2026-04-05', note: '错' }, clerk);
    expect(clerkRefused.code).toBe('FORBIDDEN');
  });
});

describe('funds paper', () => {
  it('prints the 入库公示 and the 资金拨付审批表 with the supervision line, phone, signature blocks and a verifiable code', async () => {
    const b = await batch();
    const p = await intoLibrary(await project());
    await setDay('2026-04-05');
    await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 120_000_00 });
    const d = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 12_000_00, voucherNo: '记-0501', payeeKind: 'contractor', stage: 'advance' });

    const notice = await office.call('funds.printNotice', { projectId: p.id });
    const markup = readFileSync(storedFile(office.dataDir, 'outbox', notice.file.fileId).path, 'utf8');
    expect(markup).toContain('入库公示');
    expect(markup).toContain('2026年3月25日至2026年4月3日（共 10 天）');
    expect(markup).toContain('12317');
    expect(markup).toContain('0598-2812345');
    expect(markup).toContain('务工带动、入股分红');
    const verified = await office.call('print.verify', { code: notice.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true, kind: 'funds.libraryNotice' });

    const approval = await office.call('funds.printPayment', { disbursementId: d.disbursements[0]!.id });
    const form = readFileSync(storedFile(office.dataDir, 'outbox', approval.file.fileId).path, 'utf8');
    expect(form).toContain('人民币壹万贰仟元整');
    expect(form).toContain('120,000.00 元');
    for (const role of ['经办人', '财务负责人', '分管领导', '主要领导']) expect(form).toContain(role);
    // A later payment does not change the printed form: the reprint keeps its code.
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100, voucherNo: '记-0502', payeeKind: 'contractor', stage: 'progress' });
    const again = await office.call('print.verify', { code: approval.documents[0]!.contentCode });
    expect(again).toMatchObject({ found: true, matches: true });
  });
});
