// Issue 11, item 5: the office's own spreadsheets. A two-row header (a group heading 家庭成员情况
// merged over 姓名 / 证件号码 …, single columns merged down both rows, a title line above) is read
// by joining the two levels, in .xlsx and in the CSV saved from it; a one-row-per-household sheet
// with the members in one cell is recognised and explained once, not a wall of errors.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { educationLabels, laborLabels, relationLabels } from '../../shared/domain/household';
import { stageUpload } from '../../electron/core/files/store';
import { genHouseholds, simpleXlsx, type GenHousehold } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterEach(async () => {
  await office.close();
});

async function preview(fileName: string, bytes: Buffer, kind: 'households' | 'national' = 'households'): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, fileName, bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string) {
  const { jobId } = await office.call('files.importApply', { previewId, mode: 'allOrNothing' });
  const snap = await office.core.jobs.wait(jobId);
  return snap;
}

async function count(table: 'households' | 'members'): Promise<number> {
  return Number((await office.core.db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

const upper = ['序号', '户编号', '行政村', '自然村', '户类型', '家庭成员情况', '', '', '', '', '帮扶责任人', ''];
const lower = ['', '', '', '', '', '姓名', '证件号码', '与户主关系', '文化程度', '劳动技能', '姓名', '联系电话'];

function personRows(households: readonly GenHousehold[]): (string | number)[][] {
  let n = 1;
  return households.flatMap((h) =>
    h.members.map((m) => [n++, h.code, h.village, h.group, '脱贫户', m.name, m.idNumber, relationLabels[m.relation], educationLabels[m.education], laborLabels[m.labor], '陈干部', '13900001111']),
  );
}

/** The office's ledger: a merged title, then the two header rows with their merges, then one row per person. */
async function twoLevelXlsx(households: readonly GenHousehold[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农户台账');
  ws.addRow(['2026年坪埠村、旦上村农户及家庭成员台账']);
  ws.mergeCells(1, 1, 1, upper.length);
  ws.addRow(upper);
  ws.addRow(lower);
  for (let c = 1; c <= 5; c++) ws.mergeCells(2, c, 3, c);
  ws.mergeCells(2, 6, 2, 10);
  ws.mergeCells(2, 11, 2, 12);
  for (const r of personRows(households)) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('two-row merged headers', () => {
  it('reads 家庭成员情况 / 姓名 … by joining the two levels (xlsx with merges, and the same sheet as CSV); imports exactly; re-import changes nothing', async () => {
    const gen = genHouseholds(4, 1);
    const people = gen.reduce((n, h) => n + h.members.length, 0);
    const first = await preview('农户台账.xlsx', await twoLevelXlsx(gen));
    expect(first.headerLine).toBe(3);
    expect(first.missingRequired).toEqual([]);
    expect(first.sheetProblem).toBeNull();
    const fieldOf = (header: string) => first.columns.find((c) => c.header === header)?.field;
    expect(fieldOf('姓名')).toBe('name');
    expect(fieldOf('证件号码')).toBe('idNumber');
    expect(fieldOf('户编号')).toBe('householdCode');
    expect(fieldOf('帮扶责任人姓名')).toBe('helperName');
    expect(fieldOf('帮扶责任人联系电话')).toBe('helperPhone');
    expect(first.counts).toMatchObject({ rows: people, new: 4, changed: 0, unchanged: 0, invalid: 0 });
    expect((await apply(first.previewId)).status).toBe('done');
    expect(await count('households')).toBe(4);
    expect(await count('members')).toBe(people);
    const helpers = await office.core.db.selectFrom('households').select(['helper_name', 'helper_phone', 'phone']).execute();
    expect(helpers.every((h) => h.helper_name === '陈干部' && h.helper_phone === '13900001111' && h.phone === null)).toBe(true);

    // The same sheet saved as CSV: merged cells keep their text in the first cell only.
    const csv = [['2026年农户台账'], upper, lower, ...personRows(gen)].map((r) => r.join(',')).join('\r\n');
    const again = await preview('农户台账.csv', Buffer.from(`\uFEFF${csv}`, 'utf8'));
    expect(again.headerLine).toBe(3);
    expect(again.counts).toMatchObject({ rows: people, new: 0, changed: 0, unchanged: 4, invalid: 0 });
    expect(await count('households')).toBe(4);
  });
});

describe('one row per household, members in one cell', () => {
  it('is recognised and explained once in the preview (no row errors), and cannot be applied', async () => {
    const gen = genHouseholds(5, 1);
    const rows = gen.map((h, i) => [i + 1, h.code, h.village, h.group, '脱贫户', h.members.map((m) => m.name).join(i % 2 === 0 ? '、' : '，'), h.members[0]!.idNumber, h.members.length]);
    const bytes = await simpleXlsx(['序号', '户编号', '行政村', '自然村', '户类型', '家庭成员', '户主身份证号', '家庭人口数'], rows, '2026年坪埠村脱贫户花名册');
    const p = await preview('花名册.xlsx', bytes);
    const lists = gen.filter((h) => h.members.length > 1).length;
    expect(p.sheetProblem).toContain(`这张表是一行一户，家庭成员写在同一格里（“家庭成员”列，共 ${lists} 行`);
    expect(p.sheetProblem).toContain('请把表改成一行一人');
    expect(p.invalidTotal).toBe(0);
    expect(p.counts).toMatchObject({ rows: 5, new: 0, changed: 0, invalid: 0 });
    await expect(apply(p.previewId)).rejects.toThrow(/家庭成员写在同一格里/);
    expect(await count('households')).toBe(0);

    // The same layout with a 姓名 column holding the list, picked as the national export.
    const named = await simpleXlsx(['户编号', '行政村', '自然村', '户类型', '姓名', '证件号码'], gen.map((h) => [h.code, h.village, h.group, '脱贫户', h.members.map((m) => m.name).join('、'), h.members[0]!.idNumber]));
    const n = await preview('名单.xlsx', named, 'national');
    expect(n.sheetProblem).toContain('“姓名”列');
    expect(n.invalidTotal).toBe(0);
  });
});
