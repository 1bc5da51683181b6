import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { exportResultSchema, type ExportInput } from '../../shared/contract/fileExport';
import { ledgerHeaders } from '../../shared/domain/ledgerLayouts';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function household(code: string, villageIndex: number, size: number, over: Partial<InputOf<'households.create'>> = {}) {
  const village = office.villages[villageIndex]!;
  const n = Number(code.slice(-3));
  const members = [member('张三', idOf('19650312', 100 + n * 3), 'head')];
  if (size > 1) members.push(member('李四妹', idOf('19680720', 100 + n * 3 + 1), 'spouse'));
  if (size > 2) members.push(member('张小明', idOf('19950105', 100 + n * 3 + 2), 'son'));
  const { id } = await office.call(
    'households.create',
    householdInput(office, { householdCode: code, villageId: village.id, groupId: village.groups[0]!.id, members, ...over }),
  );
  return id;
}

async function runExport(input: ExportInput) {
  const { jobId } = await office.call('files.export', input);
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`export ${snap.status}: ${snap.error?.message ?? ''}`);
  const result = exportResultSchema.parse(snap.result);
  const stored = office.core.outboxFile('admin-session', result.file.fileId);
  if (!stored) throw new Error('produced file not found');
  return { ...result, path: stored.path };
}

async function readSheet(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { ws, header: rows[0]!.map(String), data: rows.slice(1) };
}

describe('files.export', () => {
  it('writes the person-level 户籍台账 with the filters of households.list applied', async () => {
    await household('3504211010010001', 0, 3, { helperName: '=1+1' });
    await household('3504211010010002', 0, 2, { kind: 'monitored' });
    await household('3504211010020003', 1, 1);
    const h4 = await household('3504211010020004', 1, 3);
    await office.call('income.save', { householdId: h4, year: 2025, wageFen: 3_000_050 });

    const all = await runExport({ ledger: 'households', format: 'xlsx', filters: {} });
    expect(all.rows).toBe(9);
    const { ws, header, data } = await readSheet(all.path);
    expect(header).toEqual(ledgerHeaders('households'));
    expect(header).toEqual(expect.arrayContaining(['户编号', '姓名', '证件号码', '与户主关系', '人均纯收入']));
    expect(data).toHaveLength(9);
    // A frozen header row.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Prints as a clerk expects without setting anything up: A4 landscape (37 columns), one page
    // wide, the headings on every page, title and office on top, page numbers below.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddHeader).toBe('&L明溪县城关乡&C&B户籍台账&R制表日期：2026-05-01');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    const col = (name: string) => header.indexOf(name);
    const first = data[0]!;
    expect(first[col('户编号')]).toBe('3504211010010001');
    expect(first[col('证件号码')]).toBe(idOf('19650312', 103));
    expect(first[col('与户主关系')]).toBe('户主');
    expect(first[col('户类型')]).toBe('脱贫户');
    expect(first[col('出生日期')]).toBeInstanceOf(Date);
    expect((first[col('出生日期')] as Date).toISOString().slice(0, 10)).toBe('1965-03-12');
    // A helper name that looks like a formula is written as text, not as a formula.
    expect(first[col('帮扶责任人')]).toBe("'=1+1");
    // Money: 元 with two decimals, a number.
    const h4Row = data.find((r) => r[col('户编号')] === '3504211010020004')!;
    expect(h4Row[col('人均纯收入')]).toBeCloseTo(10_000.17, 2);
    expect(ws.getColumn(col('人均纯收入') + 1).numFmt).toBe('#,##0.00');

    const village1 = await runExport({ ledger: 'households', format: 'xlsx', filters: { villageId: office.villages[1]!.id } });
    expect(village1.rows).toBe(4);
    const kindOnly = await runExport({ ledger: 'households', format: 'xlsx', filters: { kind: 'monitored' } });
    expect(kindOnly.rows).toBe(2);
    const search = await runExport({ ledger: 'households', format: 'xlsx', filters: { search: '3504211010020' } });
    expect(search.rows).toBe(4);
    expect((await readSheet(search.path)).data.map((r) => r[6])).toEqual(Array(4).fill(null).map((_, i) => (i === 0 ? '3504211010020003' : '3504211010020004')));
  });

  it('writes CSV as UTF-8 with a BOM, one header line and the same rows', async () => {
    await household('3504211010010001', 0, 3, { helperName: '@SUM(A1)' });
    const csv = await runExport({ ledger: 'households', format: 'csv', filters: {} });
    expect(csv.file.fileName.endsWith('.csv')).toBe(true);
    const bytes = readFileSync(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split(',')).toEqual(ledgerHeaders('households'));
    expect(lines[1]).toContain('张三');
    expect(lines[1]).toContain("'@SUM(A1)");
    expect(csv.rows).toBe(3);
  });

  it('exports 监测对象台账, 收入台账 and 走访待办 with their list filters', async () => {
    const a = await household('3504211010010001', 0, 3);
    const b = await household('3504211010020002', 1, 3);
    await office.call('monitoring.open', { householdId: a, clueSource: 'cadreVisit', clueDate: '2026-04-20', risks: ['illness'] });
    await office.call('monitoring.open', { householdId: b, clueSource: 'selfReport', clueDate: '2026-04-21', risks: ['schooling', 'housing'] });
    await office.call('income.save', { householdId: a, year: 2024, wageFen: 3_000_000 });
    await office.call('income.save', { householdId: a, year: 2025, wageFen: 2_400_000, declineCause: 'lostJob' });
    await office.call('income.save', { householdId: b, year: 2025, wageFen: 6_000_000 });

    const cases = await runExport({ ledger: 'monitoring', format: 'xlsx', filters: {} });
    expect(cases.rows).toBe(2);
    const sheet = await readSheet(cases.path);
    expect(sheet.header).toEqual(ledgerHeaders('monitoring'));
    const risks = sheet.data.map((r) => r[sheet.header.indexOf('风险类型')]);
    expect(risks).toEqual(['因病', '因学、住房安全']);
    expect(sheet.data[0]![sheet.header.indexOf('监测状态')]).toBe('识别中');
    expect(sheet.data[1]![sheet.header.indexOf('线索来源')]).toBe('农户自主申报');

    const filtered = await runExport({ ledger: 'monitoring', format: 'xlsx', filters: { riskType: 'housing' } });
    expect(filtered.rows).toBe(1);
    const none = await runExport({ ledger: 'monitoring', format: 'xlsx', filters: { status: 'eliminated' } });
    expect(none.rows).toBe(0);
    expect((await readSheet(none.path)).header).toEqual(ledgerHeaders('monitoring'));

    const incomeAll = await runExport({ ledger: 'income', format: 'xlsx', filters: {} });
    expect(incomeAll.rows).toBe(3);
    const income2025 = await runExport({ ledger: 'income', format: 'xlsx', filters: { year: 2025 } });
    expect(income2025.rows).toBe(2);
    const inc = await readSheet(income2025.path);
    const ia = inc.data.find((r) => r[inc.header.indexOf('户编号')] === '3504211010010001')!;
    expect(ia[inc.header.indexOf('人均纯收入')]).toBe(8000);
    expect(ia[inc.header.indexOf('上年人均纯收入')]).toBe(10000);
    expect(ia[inc.header.indexOf('人均增减')]).toBe(-2000);
    expect(ia[inc.header.indexOf('是否减收')]).toBe('是');
    expect(ia[inc.header.indexOf('减收原因')]).toBe('未实现务工或工资降低');
    const incomeVillage = await runExport({ ledger: 'income', format: 'xlsx', filters: { year: 2025, villageId: office.villages[1]!.id } });
    expect(incomeVillage.rows).toBe(1);

    const due = await runExport({ ledger: 'visitsDue', format: 'xlsx', filters: { month: '2026-05' } });
    const dueList = await office.call('visits.due', { month: '2026-05', limit: 500 });
    expect(due.rows).toBe(dueList.total);
    const dueVillage = await runExport({ ledger: 'visitsDue', format: 'xlsx', filters: { month: '2026-05', villageId: office.villages[1]!.id } });
    expect(dueVillage.rows).toBe((await office.call('visits.due', { month: '2026-05', villageId: office.villages[1]!.id })).total);
  });

  it('records the export in the audit log and refuses an unknown ledger', async () => {
    await household('3504211010010001', 0, 2);
    await runExport({ ledger: 'households', format: 'xlsx', filters: {} });
    const log = await office.call('audit.list', { limit: 20 });
    expect(log.rows.some((r) => r.summary.startsWith('导出户籍台账'))).toBe(true);
    const err = await office.fail('files.export', { ledger: 'nothing', format: 'xlsx' });
    expect(err.code).toBe('INVALID_INPUT');
  });
});
