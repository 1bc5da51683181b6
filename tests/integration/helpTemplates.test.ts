// 帮助's import templates (issue 15 item 10): each kind's template carries the header row the import
// recognises, one example row, and drop-down lists for the coded columns; imported again it maps
// every column to its field and misses no required one.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetKind } from '../../shared/domain/importFields';
import { templateColumns } from '../../shared/domain/importTemplate';
import { openTestOffice, type TestOffice } from './harness';
import { listOf, previewTemplate, templateOf } from './templateFixtures';

// The kinds whose columns need nothing from the office (the activity kinds: helpTemplatesActivity.test.ts).
const templateKinds = ['households', 'incomes', 'cases', 'loans'] as const satisfies readonly SheetKind[];

let office: TestOffice;
let clerk: string;
beforeAll(async () => {
  office = await openTestOffice();
  clerk = await office.loginAs('clerk');
});
afterAll(async () => {
  await office.close();
});

describe('import templates', () => {
  it.each(templateKinds)('%s: header row, example row and validation lists', async (kind) => {
    const { file, ws, choices } = await templateOf(office, clerk, kind);
    expect(file.fileName).toMatch(/^导入模板-.+\.xlsx$/);
    const columns = templateColumns(kind);
    expect(choices.state).toBe('hidden');
    const header = columns.map((_c, i) => String(ws.getRow(1).getCell(i + 1).value));
    expect(header).toEqual(columns.map((c) => c.header));
    expect(ws.getRow(1).getCell(columns.length + 1).value).toBeNull();
    expect(columns.map((_c, i) => String(ws.getRow(2).getCell(i + 1).value ?? ''))).toEqual(columns.map((c) => c.example));
    expect(ws.getRow(2).getCell(1).value).not.toBe('');

    const coded = columns.filter((c) => c.choices);
    expect(coded.length).toBeGreaterThan(0);
    columns.forEach((c, i) => {
      const rule = ws.getCell(2, i + 1).dataValidation as ExcelJS.DataValidation | undefined;
      if (!c.choices) {
        expect(rule?.type).toBeUndefined();
        return;
      }
      expect(rule?.type).toBe('list');
      // The rule points at the column of 选项 that holds exactly the accepted labels.
      expect(listOf(ws, choices, i + 1)).toEqual(c.choices);
      expect(ws.getCell(500, i + 1).dataValidation?.type).toBe('list');
    });
  });

  it.each(templateKinds)('%s: imported again, every column is recognised', async (kind) => {
    const preview = await previewTemplate(office, clerk, kind);
    expect(preview.missingRequired).toEqual([]);
    expect(preview.columns.map((c) => c.field)).toEqual(templateColumns(kind).map((c) => c.field));
  });

  it('关于 names the version and the data folder', async () => {
    const about = await office.call('help.about', {}, clerk);
    expect(about.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(about.dataDir).toBe(office.dataDir);
  });
});
