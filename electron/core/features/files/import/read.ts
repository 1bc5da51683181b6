import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';
import { readCsvFile } from './csvStream';
import { cfbSignature, compoundFileError } from '../../../files/xlsx/officeContainer';
import { readXlsxRows } from '../../../files/xlsx/xlsxReader';

// Reading the rows of a spreadsheet the clerk picked: .xlsx through our own streaming reader
// (xlsxReader.ts; exceljs's garbles a Chinese character split across two zip chunks), .csv in
// UTF-8 (with or without BOM) or GBK, detected from the bytes, streamed (csvStream.ts). The file's
// type comes from its first bytes, not its name, so a renamed file still reads or gets the right
// message (a password-protected workbook, an old .xls, an ODS: see officeContainer.ts and the reader).

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
  if (head.length >= 4 && head.subarray(0, 4).equals(cfbSignature.subarray(0, 4))) throw await compoundFileError(path);
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (lower.endsWith('.ods')) throw new AppError('RULE', '这是 ODS 文件，不是 Excel 文件，请在 WPS 或 Excel 中另存为 .xlsx 后再导入');
    if (lower.endsWith('.et')) throw new AppError('RULE', '这不是 Excel 工作簿，请在 WPS 或 Excel 中另存为 .xlsx 后再导入');
    return 'xlsx';
  }
  if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) {
    throw new AppError('RULE', '文件不是有效的 Excel 工作簿（可能已损坏或只是改了扩展名），请在 WPS 或 Excel 中打开并另存为 .xlsx 后再导入');
  }
  return 'csv';
}

/** The rows of the file's first worksheet (xlsx) or of the CSV text. */
export function readRows(path: string, format: FileFormat): AsyncGenerator<SheetRow> {
  // Handed over, not delegated with yield*: each level of async delegation costs every row a turn.
  return format === 'xlsx' ? readXlsx(path) : readCsvFile(path);
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

export { parseCsv } from './csvStream';
