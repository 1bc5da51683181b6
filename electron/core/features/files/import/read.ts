import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';
import { readXlsxRows } from './xlsxReader';

// Reading the rows of a spreadsheet the clerk picked: .xlsx through our own streaming reader
// (xlsxReader.ts; exceljs's garbles a Chinese character split across two zip chunks), .csv in
// UTF-8 (with or without BOM) or GBK, detected from the bytes. The file's type comes from its first bytes, not its name, so a renamed
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

// ---- xlsx ----------------------------------------------------------------------------------------

/** The first worksheet's rows, through our own streaming reader (xlsxReader.ts). */
async function* readXlsx(path: string): AsyncGenerator<SheetRow> {
  try {
    yield* readXlsxRows(path);
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
