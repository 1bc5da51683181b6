import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { ledgerHeaders } from '../../shared/domain/ledgerLayouts';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

// 脱贫人口小额信贷 (issue 13 item 6) through the channels a clerk's page calls.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice(); // the test clock says 2026-03-10
});
afterEach(async () => {
  await office.close();
});

async function household() {
  const { id } = await office.call('households.create', householdInput(office));
  const detail = await office.call('households.get', { id });
  return { id, xiaoMing: detail.members.find((m) => m.name === '张小明')!, zhang: detail.members.find((m) => m.name === '张三')! };
}

function loan(householdId: string, borrowerId: string, over: Partial<InputOf<'loans.save'>> = {}): InputOf<'loans.save'> {
  return {
    householdId,
    borrowerId,
    bank: '县农商银行',
    contractNo: 'NS2025-0042',
    amountFen: 5_000_000,
    loanDate: '2025-03-01',
    dueDate: '2028-03-01',
    rateBp: 345,
    use: 'breeding',
    ...over,
  };
}

describe('小额信贷', () => {
  it('records a loan as the bank made it, with the rules it breaks as warnings, and audits it', async () => {
    const h = await household();
    const ok = await office.call('loans.save', loan(h.id, h.xiaoMing.id));
    expect(ok).toMatchObject({ borrowerName: '张小明', outstandingFen: 5_000_000, status: 'current', warnings: [], version: 1 });
    const odd = await office.call('loans.save', loan(h.id, h.zhang.id, { contractNo: 'NS2025-0043', amountFen: 8_000_000, use: 'housing' }));
    expect(odd.warnings).toEqual(['贷款金额超过 5 万元，按政策不享受贴息', '用途“建房”不符合政策：小额信贷应户借户用户还，用于发展生产']);
    expect((await auditRows(office, ok.id))[0]!.summary).toContain('登记小额信贷');
    const ledger = await office.call('loans.ledger', { year: 2026 });
    expect(ledger).toMatchObject({ total: 2, outstandingFen: 13_000_000, overdue: 0 });
  });

  it('refuses a borrower from another household, the same contract twice, and a stale save', async () => {
    const h = await household();
    const other = await office.call('households.create', householdInput(office, { householdCode: '3504211010010002', members: [member('王五', idOf('19700101', 71), 'head')] }));
    const otherHead = (await office.call('households.get', { id: other.id })).members[0]!;
    const wrong = await office.fail('loans.save', loan(h.id, otherHead.id));
    expect(wrong.fields?.borrowerId).toContain('不是该户成员');
    const first = await office.call('loans.save', loan(h.id, h.xiaoMing.id));
    const twice = await office.fail('loans.save', loan(h.id, h.xiaoMing.id));
    expect(twice.fields?.contractNo).toContain('已经登记过了');
    const clerk = await office.loginAs('clerk');
    await office.call('loans.save', { ...loan(h.id, h.xiaoMing.id, { rateBp: 385 }), id: first.id, version: first.version }, clerk);
    const stale = await office.fail('loans.save', { ...loan(h.id, h.xiaoMing.id, { bank: '县邮储银行' }), id: first.id, version: first.version });
    expect(stale.code).toBe('CONFLICT');
  });

  it('repayments lower the balance, a late loan is overdue, and 贴息 follows the year’s share', async () => {
    const h = await household();
    const l = await office.call('loans.save', loan(h.id, h.xiaoMing.id, { loanDate: '2024-01-05', dueDate: '2026-01-05' }));
    const paid = await office.call('loans.addEvent', { kind: 'repayment', loanId: l.id, eventDate: '2026-01-05', principalFen: 2_000_000, interestFen: 172_500 });
    expect(paid).toMatchObject({ outstandingFen: 3_000_000, status: 'overdue', overdueDays: 64, interestPaidFen: 172_500, subsidyDueFen: 120_750 });
    const over = await office.fail('loans.addEvent', { kind: 'repayment', loanId: l.id, eventDate: '2026-02-01', principalFen: 3_000_001, interestFen: 0 });
    expect(over.fields?.principalFen).toContain('超过尚欠本金 30,000.00 元');
    await office.call('loans.saveSettings', { year: 2026, maxAmountFen: 5_000_000, maxTermMonths: 36, minAge: 18, maxAge: 65, subsidyPercent: 80, maxRateBp: null, version: null });
    const after = await office.call('loans.get', { id: l.id });
    expect(after.loan.subsidyDueFen).toBe(138_000);
    const sub = await office.call('loans.addEvent', { kind: 'subsidy', loanId: l.id, eventDate: '2026-03-01', subsidyFen: 138_000, subsidyYear: 2026 });
    expect(sub.subsidyPaidFen).toBe(138_000);
    expect((await office.call('loans.overdueCount', {})).count).toBe(1);
    const todo = (await office.call('reports.workbench', {})).todos.find((t) => t.key === 'loans.overdue');
    expect(todo).toMatchObject({ count: 1, route: '/funds/loans?status=overdue' });
    const overdueOnly = await office.call('loans.ledger', { year: 2026, status: 'overdue' });
    expect(overdueOnly.rows.map((r) => r.id)).toEqual([l.id]);
    expect((await office.call('loans.ledger', { year: 2026, status: 'current' })).total).toBe(0);
  });

  it('pages the ledger in household order; a page past the end still carries the year’s totals; a loan settled in an earlier year is gone', async () => {
    const h = await household();
    const other = await office.call('households.create', householdInput(office, { householdCode: '3504211010010002', members: [member('王五', idOf('19800101', 71), 'head')] }));
    const wang = (await office.call('households.get', { id: other.id })).members[0]!;
    const a = await office.call('loans.save', loan(h.id, h.xiaoMing.id));
    const b = await office.call('loans.save', loan(other.id, wang.id, { contractNo: 'NS2025-0050', amountFen: 3_000_000 }));
    const settled = await office.call('loans.save', loan(h.id, h.zhang.id, { contractNo: 'NS2023-0001', loanDate: '2023-03-01', dueDate: '2025-03-01' }));
    await office.call('loans.addEvent', { kind: 'repayment', loanId: settled.id, eventDate: '2025-02-20', principalFen: 5_000_000, interestFen: 0 });
    const first = await office.call('loans.ledger', { year: 2026, limit: 1 });
    expect(first).toMatchObject({ total: 2, outstandingFen: 8_000_000, overdue: 0 });
    expect(first.rows.map((r) => r.id)).toEqual([a.id]);
    expect((await office.call('loans.ledger', { year: 2026, limit: 1, offset: 1 })).rows.map((r) => r.id)).toEqual([b.id]);
    expect(await office.call('loans.ledger', { year: 2026, limit: 1, offset: 5 })).toMatchObject({ total: 2, outstandingFen: 8_000_000, rows: [] });
    const in2025 = await office.call('loans.ledger', { year: 2025 });
    expect(in2025.rows.map((r) => r.id).sort()).toEqual([a.id, b.id, settled.id].sort());
    expect((await office.call('loans.ledger', { year: 2025, status: 'settled' })).rows.map((r) => r.id)).toEqual([settled.id]);
    expect(await office.call('loans.ledger', { year: 2027, status: 'settled' })).toMatchObject({ total: 0, outstandingFen: 0, rows: [] });
  });

  it('a wrong repayment is reversed, not edited: once, by a reviewer, with the reason kept', async () => {
    const h = await household();
    const l = await office.call('loans.save', loan(h.id, h.xiaoMing.id));
    await office.call('loans.addEvent', { kind: 'repayment', loanId: l.id, eventDate: '2026-03-01', principalFen: 5_000_000, interestFen: 0 });
    expect((await office.call('loans.get', { id: l.id })).loan.status).toBe('settled');
    const { events } = await office.call('loans.get', { id: l.id });
    const clerk = await office.loginAs('clerk');
    expect((await office.fail('loans.reverseEvent', { eventId: events[0]!.id, reason: '录错金额' }, clerk)).code).toBe('FORBIDDEN');
    const reversed = await office.call('loans.reverseEvent', { eventId: events[0]!.id, reason: '录错金额' });
    expect(reversed).toMatchObject({ outstandingFen: 5_000_000, status: 'current' });
    const again = await office.fail('loans.reverseEvent', { eventId: events[0]!.id, reason: '再冲一次' });
    expect(again.message).toContain('已经冲销过了');
    const history = (await office.call('loans.get', { id: l.id })).events;
    expect(history).toHaveLength(2);
    expect(history[0]!.reversedBy).toBe(history[1]!.id);
    expect(history[1]).toMatchObject({ principalFen: -5_000_000, note: '录错金额' });
  });

  it('exports the 小额信贷台账 with the borrower’s ID number, balance and 贴息 in the national layout', async () => {
    const h = await household();
    const l = await office.call('loans.save', loan(h.id, h.xiaoMing.id));
    await office.call('loans.addEvent', { kind: 'repayment', loanId: l.id, eventDate: '2026-03-01', principalFen: 1_000_000, interestFen: 43_125 });
    const { jobId } = await office.call('files.export', { ledger: 'loans', format: 'xlsx', filters: { year: 2026 } });
    const file = exportResultSchema.parse((await office.core.jobs.wait(jobId)).result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(office.core.outboxFile('admin-session', file.file.fileId)!.path);
    const rows: ExcelJS.CellValue[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const headers = ledgerHeaders('loans');
    expect(rows[0]!.map(String)).toEqual(headers);
    const row = Object.fromEntries(headers.map((hd, i) => [hd, rows[1]![i]]));
    expect(row).toMatchObject({ 借款人: '张小明', 身份证号: h.xiaoMing.idNumber, 贷款金额: 50_000, 贷款余额: 40_000, 本年付息: 431.25, 本年应贴息: 301.87, 状态: '正常' });
  });

  it('a new loan of a household with an open case ticks its JR01 measure in the same transaction; a case without a matching risk keeps the loan and says why', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['businessFailure'] });
    const saved = await office.call('loans.save', loan(h.id, h.xiaoMing.id, { loanDate: '2026-03-05', dueDate: '2029-03-05' }));
    expect(saved.measureNote).toContain('JR01');
    const plan = await office.call('measures.forCase', { caseId: opened.case.id });
    expect(plan.measures.map((m) => [m.measureTypeCode, m.status, m.doneDate, m.amountFen])).toEqual([['JR01', 'done', '2026-03-05', 5_000_000]]);
    const edited = await office.call('loans.save', { ...loan(h.id, h.xiaoMing.id, { loanDate: '2026-03-05', dueDate: '2029-03-05', rateBp: 300 }), id: saved.id, version: saved.version });
    expect(edited.measureNote).toBeNull();

    const other = await office.call('households.create', householdInput(office, { householdCode: '3504211010010002', members: [member('王五', idOf('19700101', 71), 'head')] }));
    const otherHead = (await office.call('households.get', { id: other.id })).members[0]!;
    const ill = await office.call('monitoring.open', { householdId: other.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['illness'] });
    const kept = await office.call('loans.save', loan(other.id, otherHead.id, { contractNo: 'NS2026-0777', loanDate: '2026-03-05', dueDate: '2029-03-05' }));
    expect(kept.measureNote).toContain('小额信贷已保存；未能登记 JR01');
    expect((await office.call('measures.forCase', { caseId: ill.case.id })).measures).toEqual([]);
    expect((await office.call('loans.forHousehold', { householdId: other.id })).loans).toHaveLength(1);
  });
});
