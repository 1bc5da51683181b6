import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';

// Reading the rows of a spreadsheet the clerk picked: .xlsx through exceljs's streaming reader
// (a 100,000-row workbook in ~140 MB, TOOLCHAIN.md), .csv in UTF-8 (with or without BOM) or GBK,
// detected from the bytes. The file's type comes from its first bytes, not its name, so a renamed
// file still reads or gets the right message.

export interface SheetRow {
  /** 1-based line as Excel/WPS shows it. */
  line: number;
  /** Cells by column, index 0 = column A. */
  cells: CellValue[];
}

export type FileFormat = 'xlsx' | 'csv';

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Decides how to read the file, or refuses with what the clerk should do. */
export async function detectFormat(path: string, fileName: string): Promise<FileFormat> {
  const head = await firstBytes(path, 8);
  const lower = fileName.toLowerCase();
  if (head.length === 0) throw new AppError('RULE', '所选文件是空的，请确认后重新选择');
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AppError(
      'RULE',
      '这是旧版 Excel 文件（.xls），程序不直接读取。请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，再导入另存后的文件',
    );
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (lower.endsWith('.et') || lower.endsWith('.ods')) {
      throw new AppError('RULE', '这不是 Excel 工作簿，请在 WPS 或 Excel 中另存为 .xlsx 后再导入');
    }
    return 'xlsx';
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) {
    throw new AppError('RULE', '文件不是有效的 Excel 工作簿（可能已损坏或只是改了扩展名），请在 WPS 或 Excel 中打开并另存为 .xlsx 后再导入');
  }
  return 'csv';
}

/** The rows of the file's first worksheet (xlsx) or of the CSV text. */
export async function* readRows(path: string, format: FileFormat): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') yield* readXlsx(path);
  else yield* readCsv(await readFile(path));
}

// ---- xlsx ---------------------------------------------------------------------------------------

interface RichText {
  richText: { text: string }[];
}

/** An exceljs cell value as a plain value: rich text joined, a formula's cached result, a link's text. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (v as RichText).richText.map((r) => r.text).join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return null;
}

async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell dates from numbers; hyperlinks are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        // row.values is 1-based (index 0 unused) and sparse.
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        yield { line: row.number, cells };
      }
      // Only the first worksheet is read.
      return;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError('RULE', `无法读取这个 Excel 文件（${message.slice(0, 80)}）。请在 WPS 或 Excel 中打开并另存为 .xlsx 后再试`);
  }
}

// ---- csv ----------------------------------------------------------------------------------------

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise GBK (GB 18030, its superset). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes); comma or tab separated. */
export function* parseCsv(text: string): Generator<SheetRow> {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (;;) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i += 1;
          }
        } else {
          cell += ch;
          i += 1;
        }
        continue;
      }
      if (ch === '"' && cell === '') {
        quoted = true;
        i += 1;
      } else if (ch === sep) {
        cells.push(cell);
        cell = '';
        i += 1;
      } else if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      } else {
        cell += ch;
        i += 1;
      }
    }
    line += 1;
    yield { line, cells };
  }
}

function* readCsv(bytes: Buffer): Generator<SheetRow> {
  yield* parseCsv(decodeCsv(bytes).text);
}
