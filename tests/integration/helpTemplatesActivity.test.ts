// Issue 15 item 10 for the office's activity ledgers (帮扶措施台账, 走访记录): each has a downloadable
// template — the header row the import recognises, one example row, a drop-down list on the coded
// columns (措施类型 from the office's own catalog, 走访类型) — and the template read back by the
// import's own reader takes its example row in, into the example household's case.
import type ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importApplyResultSchema } from '../../shared/contract/fileImport';
import { templateColumns } from '../../shared/domain/importTemplate';
import { parseIdNumber } from '../../shared/domain/idNumber';
import { sheetKinds } from '../../shared/domain/importFields';
import { visitKindLabels } from '../../shared/domain/monitoring';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, member } from './householdsFixtures';
import { listOf, previewTemplate, templateOf } from './templateFixtures';

let office: TestOffice;
let clerk: string;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
  clerk = await office.loginAs('clerk');
});
afterEach(async () => {
  await office.close();
});

async function activeTypeNames(): Promise<string[]> {
  return (await office.call('measures.catalog', {}, clerk)).types.filter((t) => t.active).map((t) => t.name);
}

describe('import templates of 帮扶措施台账 and 走访记录', () => {
  it('carry the header row, one example row and the lists of the coded columns (措施类型 from the office’s catalog)', async () => {
    const measures = await templateOf(office, clerk, 'measures');
    expect(measures.file.fileName).toBe('导入模板-帮扶措施台账.xlsx');
    const types = await activeTypeNames();
    const header = (ws: ExcelJS.Worksheet, n: number) => Array.from({ length: n + 1 }, (_v, i) => ws.getRow(1).getCell(i + 1).value ?? null);
    expect(header(measures.ws, 9)).toEqual(['户编号', '证件号码', '措施类型', '计划日期', '落实日期', '金额', '责任单位', '帮扶责任人', '备注', null]);
    const exampleRow = (ws: ExcelJS.Worksheet, n: number) => Array.from({ length: n }, (_v, i) => String(ws.getRow(2).getCell(i + 1).value ?? ''));
    const m = exampleRow(measures.ws, 9);
    expect(m[0]).toBe('3607230010010001');
    expect(types).toContain(m[2]);
    expect(m.slice(3, 5)).toEqual(['2026-03-20', '2026-04-10']);
    expect(listOf(measures.ws, measures.choices, 3)).toEqual(types);
    expect(listOf(measures.ws, measures.choices, 1)).toBeNull();
    expect(String(measures.ws.getRow(1).getCell(3).note)).toContain('措施目录中的措施名称或代码');

    const visits = await templateOf(office, clerk, 'visits');
    expect(visits.file.fileName).toBe('导入模板-走访记录.xlsx');
    expect(header(visits.ws, 7)).toEqual(['户编号', '证件号码', '走访日期', '走访人', '走访类型', '走访情况', '备注', null]);
    expect(exampleRow(visits.ws, 6)).toEqual(['3607230010010001', '360723198001010018', '2026-04-01', '王明、李华', '日常走访', '户主出院在家休养，医保报销已到位，家庭收入稳定。']);
    expect(listOf(visits.ws, visits.choices, 5)).toEqual(Object.values(visitKindLabels));
    expect(listOf(visits.ws, visits.choices, 3)).toBeNull();

    // Every template's example ID number is a real one (its check digit included), so the example row of
    // 户籍与家庭成员 and those naming its household here are not refused for it.
    for (const kind of sheetKinds) {
      const example = templateColumns(kind).find((c) => c.field === 'idNumber')?.example;
      if (example) expect(parseIdNumber(example, '2026-05-01').ok, `${kind}: ${example}`).toBe(true);
    }

    // The help page's table lists the same columns and the accepted names.
    expect(templateColumns('measures').find((c) => c.field === 'measureType')).toMatchObject({
      accepted: ['措施类型', '帮扶措施', '帮扶措施类型', '措施名称', '措施代码', '帮扶项目', '措施'],
      choices: null,
      valueNote: expect.stringContaining('措施目录') as unknown as string,
    });
  });

  it.each(['measures', 'visits'] as const)('%s: the template read back by the import takes its example row into the example household’s case', async (kind) => {
    // The example household (the households template's example) with an open case for 因病.
    const { id } = await office.call('households.create', householdInput(office, { householdCode: '3607230010010001', members: [member('张三', '360723198001010018', 'head')] }));
    await office.call('monitoring.open', { householdId: id, clueSource: 'cadreVisit', clueDate: '2026-03-10', clueNote: '户主住院', risks: ['illness'] });

    const preview = await previewTemplate(office, clerk, kind);
    expect(preview.missingRequired).toEqual([]);
    expect(preview.invalidRows).toEqual([]);
    expect(preview.counts).toMatchObject({ rows: 1, new: 1, invalid: 0 });

    const applied = await office.call('files.importApply', { previewId: preview.previewId, mode: 'allOrNothing' }, clerk);
    const done = await office.core.jobs.wait(applied.jobId);
    expect(done.status, done.error?.message).toBe('done');
    expect(importApplyResultSchema.parse(done.result).counts).toMatchObject({ new: 1, applied: 1, invalid: 0 });
    const db = office.core.db;
    if (kind === 'measures') {
      const rows = await db.selectFrom('measures').select(['planned_date', 'done_date', 'status']).execute();
      expect(rows).toEqual([{ planned_date: '2026-03-20', done_date: '2026-04-10', status: 'done' }]);
    } else {
      const rows = await db.selectFrom('visits').select(['visit_date', 'kind']).execute();
      expect(rows).toEqual([{ visit_date: '2026-04-01', kind: 'routine' }]);
    }
  });
});
