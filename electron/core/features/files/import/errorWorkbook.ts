import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { cellText } from '../../../../../shared/domain/importClean';
import { neutraliseText } from '../../../../../shared/lib/spreadsheetSafe';
import { newOutboxFile } from '../../../files/store';
import { readRows, sha256OfFile } from './read';
import type { InvalidRow, ParsedImport } from './types';

// The rows an import did not apply, for the clerk to correct and import again: the file's own
// columns in the file's order (the cells as read), then 错误原因; a frozen, bold header. Written
// with exceljs' streaming writer into the outbox, whence the window saves it.

export const errorWorkbookName = '导入错误清单.xlsx';
const reasonHeader = '错误原因';
const lineHeader = '原文件行号';

/**
 * Every cell of the refused lines as the file has them, by header, read back from the staged file;
 * null when it is gone or no longer the file that was previewed (the cells kept in memory serve then).
 */
async function originalCells(parsed: Pick<ParsedImport, 'source' | 'headerLine'>, lines: ReadonlySet<number>): Promise<Map<number, Record<string, string>> | null> {
  const source = parsed.source;
  if (!source || lines.size === 0) return null;
  try {
    if ((await sha256OfFile(source.path)) !== source.sha256) return null;
    const out = new Map<number, Record<string, string>>();
    let headers: { index: number; header: string }[] = [];
    const last = Math.max(...lines);
    for await (const row of readRows(source.path, source.format)) {
      if (row.line === parsed.headerLine) {
        headers = row.cells.map((c, index) => ({ index, header: cellText(c) })).filter((h) => h.header !== '');
      } else if (lines.has(row.line)) {
        const cells: Record<string, string> = {};
        for (const h of headers) if (!(h.header in cells)) cells[h.header] = cellText(row.cells[h.index] ?? null);
        out.set(row.line, cells);
      }
      if (row.line >= last) break;
    }
    return out;
  } catch {
    return null;
  }
}

/** Writes the workbook and returns its path in the outbox (outbox/<fileId>/导入错误清单.xlsx). */
export async function writeErrorWorkbook(dataDir: string, parsed: Pick<ParsedImport, 'columns' | 'source' | 'headerLine'>, refused: readonly InvalidRow[]): Promise<string> {
  // One row per line of the file, with every reason it was refused for (a national export's line
  // can be refused by two parts, e.g. its household and that household's income).
  const byLine = new Map<number, InvalidRow>();
  for (const r of refused) {
    const seen = byLine.get(r.line);
    if (!seen) byLine.set(r.line, r);
    else if (!seen.reason.includes(r.reason)) byLine.set(r.line, { ...seen, reason: `${seen.reason}；${r.reason}`, cells: { ...r.cells, ...seen.cells } });
  }
  const original = await originalCells(parsed, new Set(byLine.keys()));
  // The file's own cells win over what the parse kept: it keeps only the mapped ones.
  const rows = [...byLine.values()].map((r) => (original?.has(r.line) ? { ...r, cells: { ...r.cells, ...original.get(r.line) } } : r));
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
