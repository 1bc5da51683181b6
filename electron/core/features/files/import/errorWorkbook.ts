import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { neutraliseText } from '../../../../../shared/lib/spreadsheetSafe';
import { newOutboxFile } from '../../../files/store';
import type { InvalidRow, ParsedImport } from './types';

// The rows an import did not apply, for the clerk to correct and import again: the file's own
// columns in the file's order (the cells as read), then 错误原因; a frozen, bold header. Written
// with exceljs' streaming writer into the outbox, whence the window saves it.

export const errorWorkbookName = '导入错误清单.xlsx';
const reasonHeader = '错误原因';
const lineHeader = '原文件行号';

/** Writes the workbook and returns its path in the outbox (outbox/<fileId>/导入错误清单.xlsx). */
export async function writeErrorWorkbook(dataDir: string, parsed: Pick<ParsedImport, 'columns'>, rows: readonly InvalidRow[]): Promise<string> {
  const out = newOutboxFile(dataDir, errorWorkbookName);
  const headers: string[] = [];
  const seen = new Set<string>();
  const add = (h: string) => {
    if (h === '' || seen.has(h) || h === reasonHeader || h === lineHeader) return;
    seen.add(h);
    headers.push(h);
  };
  for (const c of parsed.columns) add(c.header);
  for (const r of rows) for (const h of Object.keys(r.cells)) add(h);

  const sink = createWriteStream(out.path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = '乡村振兴台账';
  const ws = workbook.addWorksheet('导入错误清单', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: lineHeader, key: '__line', width: 10 },
    ...headers.map((h, i) => ({ header: h, key: `c${i}`, width: Math.min(40, Math.max(10, h.length * 2 + 4)) })),
    { header: reasonHeader, key: '__reason', width: 60 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  for (const r of sorted) {
    // Cells go back as text, as the clerk typed them; a cell that would run as a formula is neutralised.
    ws.addRow([r.line, ...headers.map((h) => neutraliseText(r.cells[h] ?? '')), neutraliseText(r.reason)]).commit();
  }
  ws.commit();
  await workbook.commit();
  await finished(sink);
  return out.path;
}
