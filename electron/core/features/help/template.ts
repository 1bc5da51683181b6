import ExcelJS from 'exceljs';
import type { StoredFile } from '../../../../shared/contract/fileRefs';
import { importKindLabels, type SheetKind } from '../../../../shared/domain/importFields';
import { templateColumns, templateFileNames, type TemplateMeasureType } from '../../../../shared/domain/importTemplate';
import type { HandlerContext } from '../../context';
import { newOutboxFile } from '../../files/store';
import { catalog } from '../measures/catalogEdit';
import { statSync } from 'node:fs';

// The downloadable import template (issue 15 item 10): the header row the import recognises, one
// example row, and a drop-down list on each coded column. The lists live on a hidden sheet
// 选项, because Excel caps a list typed into the rule at 255 characters (减收原因 is longer).

export const templateSheetName = '导入数据';
export const choicesSheetName = '选项';
/** Rows below the header that carry the drop-down lists. */
export const templateRows = 1000;

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Builds the template workbook (kept apart from the file so the test can read what it holds). */
export function buildTemplate(kind: SheetKind, measureTypes: readonly TemplateMeasureType[] = []): ExcelJS.Workbook {
  const columns = templateColumns(kind, measureTypes);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '乡村振兴台账';
  const ws = workbook.addWorksheet(templateSheetName, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const choices = workbook.addWorksheet(choicesSheetName, { state: 'hidden' });

  ws.columns = columns.map((c) => ({ header: c.header, key: c.field, width: Math.min(40, Math.max(12, c.header.length * 2 + 4)) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    // Required columns stand out; the note says what the column takes.
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    cell.note = `${c.label}${c.required ? '（必填）' : ''}${c.choices ? `。可填：${c.choices.join('、')}` : ''}${c.valueNote ? `。${c.valueNote}` : ''}`;
  });
  // Every cell as text, so 户编号 and 证件号码 keep all their digits.
  ws.addRow(columns.map((c) => c.example));
  columns.forEach((_c, i) => {
    ws.getColumn(i + 1).numFmt = '@';
  });

  let listColumn = 0;
  columns.forEach((c, i) => {
    if (!c.choices) return;
    listColumn += 1;
    const letter = columnLetter(listColumn);
    choices.getCell(`${letter}1`).value = c.label;
    c.choices.forEach((v, j) => {
      choices.getCell(`${letter}${j + 2}`).value = v;
    });
    const ref = `'${choicesSheetName}'!$${letter}$2:$${letter}$${c.choices.length + 1}`;
    for (let row = 2; row <= templateRows + 1; row++) {
      ws.getCell(row, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ref],
        // The import also reads common synonyms and several risks in one cell: warn, never block.
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.label,
        error: `${c.label}一般填：${c.choices.slice(0, 8).join('、')}${c.choices.length > 8 ? ' 等' : ''}。仍要保留请选“是”。`,
      };
    }
  });
  workbook.title = `${importKindLabels[kind]}导入模板`;
  return workbook;
}

/** The office's active measure types (the 帮扶措施台账 template's 措施类型 list), the catalog loaded first if need be. */
export async function activeMeasureTypes(ctx: HandlerContext): Promise<TemplateMeasureType[]> {
  return (await catalog(ctx)).types.filter((t) => t.active).map((t) => ({ name: t.name, riskTypes: t.riskTypes, hasAmount: t.hasAmount }));
}

/** Writes the template into the outbox, whence the window saves it like an export. */
export async function writeTemplate(ctx: HandlerContext, kind: SheetKind): Promise<StoredFile> {
  const measureTypes = kind === 'measures' ? await activeMeasureTypes(ctx) : [];
  const out = newOutboxFile(ctx.dataDir, templateFileNames[kind]);
  await buildTemplate(kind, measureTypes).xlsx.writeFile(out.path);
  return { fileId: out.fileId, fileName: out.fileName, size: statSync(out.path).size };
}
