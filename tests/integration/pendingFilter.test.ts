// Issue 11 item 2: the ledgers' filter 待补充：有 — the households with at least one open 待补充
// item, their own (帮扶责任人) or a member's (残疾类别/等级) — chosen by the core from the 待补充
// queries, the same on 户籍台账, 监测对象台账 and their exports.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { exportResultSchema, type ExportInput } from '../../shared/contract/fileExport';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function household(code: string, over: Partial<InputOf<'households.create'>> = {}) {
  const n = Number(code.slice(-3));
  const members = [member('张三', idOf('19650312', 100 + n * 2), 'head'), member('李四妹', idOf('19680720', 100 + n * 2 + 1), 'spouse')];
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, members, ...over }));
  return id;
}

async function runExport(input: ExportInput): Promise<string[]> {
  const { jobId } = await office.call('files.export', input);
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`export ${snap.status}: ${snap.error?.message ?? ''}`);
  const result = exportResultSchema.parse(snap.result);
  const stored = office.core.outboxFile('admin-session', result.file.fileId);
  if (!stored) throw new Error('produced file not found');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(stored.path);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ''))));
  const col = rows[0]!.indexOf('户编号');
  return [...new Set(rows.slice(1).map((r) => r[col]!))];
}

const page = { search: '', sort: { column: 'householdCode', direction: 'asc' }, offset: 0, limit: 100 } as const;

describe('待补充：有 on the ledgers', () => {
  it('lists exactly the households with an open 待补充 item of their own or a member’s, on both ledgers and in their exports', async () => {
    const complete = await household('3504211010010001'); // 脱贫户 with a helper: nothing to complete
    const noHelper = await household('3504211010010002', { helperName: '' }); // 帮扶责任人未填
    const disabled = await household('3504211010010003', { kind: 'ordinary', helperName: '' }); // a member's 残疾类别
    await household('3504211010010004', { kind: 'ordinary', helperName: '' }); // an ordinary household needs no helper
    const closed = await household('3504211010010005', { helperName: '' });
    // A disabled person as the national import leaves them (the form itself asks for the category).
    await office.core.db.updateTable('members').set({ health: 'disabled', disability_category: null, disability_grade: null }).where('household_id', '=', disabled).where('relation', '=', 'spouse').execute();
    await office.call('households.close', { id: closed, reason: '整户迁出', date: '2026-04-30', membersLeaveAs: 'movedOut' });

    const pendingList = await office.call('pending.list', {});
    expect([...new Set(pendingList.items.map((i) => i.householdId))].sort()).toEqual([noHelper, disabled].sort());

    const all = await office.call('households.list', { ...page });
    expect(all.rows.map((r) => r.householdCode)).toEqual(['3504211010010001', '3504211010010002', '3504211010010003', '3504211010010004']);
    const withPending = await office.call('households.list', { ...page, pending: true });
    expect(withPending.total).toBe(2);
    expect(withPending.rows.map((r) => r.id)).toEqual([noHelper, disabled]);
    // Combined with the other filters (and with a search, whose page carries the total itself).
    expect((await office.call('households.list', { ...page, pending: true, kind: 'ordinary' })).rows.map((r) => r.id)).toEqual([disabled]);
    expect((await office.call('households.list', { ...page, pending: true, search: '李四' })).total).toBe(2);
    // A closed household's missing helper is no longer open work.
    expect((await office.call('households.list', { ...page, pending: true, status: 'all' })).rows.map((r) => r.id)).toEqual([noHelper, disabled]);

    // Completing the detail takes the household off the list.
    const detail = await office.call('households.get', { id: noHelper });
    await office.call('households.update', { id: noHelper, version: detail.household.version, patch: { helperName: '陈干部' } });
    expect((await office.call('households.list', { ...page, pending: true })).rows.map((r) => r.id)).toEqual([disabled]);

    // 监测对象台账: the cases whose household has an open item.
    const caseOf = async (householdId: string) =>
      (await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', clueNote: '户主住院', risks: ['illness'] })).case.id;
    await caseOf(complete);
    const pendingCase = await caseOf(disabled);
    const cases = await office.call('monitoring.list', { ...page, status: 'all' });
    expect(cases.total).toBe(2);
    const pendingCases = await office.call('monitoring.list', { ...page, status: 'all', pending: true });
    expect(pendingCases.rows.map((r) => r.id)).toEqual([pendingCase]);
    expect(pendingCases.total).toBe(1);

    // The exports carry the filter: the same households leave the office.
    expect(await runExport({ ledger: 'households', format: 'xlsx', filters: { pending: true } })).toEqual(['3504211010010003']);
    expect(await runExport({ ledger: 'households', format: 'xlsx', filters: {} })).toHaveLength(4);
    expect(await runExport({ ledger: 'monitoring', format: 'xlsx', filters: { pending: true } })).toEqual(['3504211010010003']);
  });
});
