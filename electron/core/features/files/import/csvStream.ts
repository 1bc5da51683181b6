import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';
import { own } from '../../../files/xlsx/xmlScan';

// CSV read as a stream: a 124 MB file once took 2.5 GB because it was read whole, decoded whole and
// split whole. Now a first pass only checks whether the bytes are valid UTF-8 (else they are GBK,
// read as GB 18030, its superset) and a second decodes and parses chunk by chunk, handing over one
// record at a time. RFC 4180: quotes, doubled quotes, line breaks inside quotes; comma or tab
// separated (whichever the first line has more of). What a record may hold is bounded as in Excel.

export interface CsvRow {
  line: number;
  cells: CellValue[];
}

export const csvLimits = {
  /** Excel's limit on one cell. */
  maxCellText: 32_767,
  /** Excel's grid. */
  maxColumns: 16_384,
  maxRows: 1_048_576,
};

export type CsvEncoding = 'utf-8' | 'gb18030';

const chunkSize = 1024 * 1024;

/** Where a trailing UTF-8 sequence cut off by the chunk's end begins (buf.length when none is). */
function completeUpTo(buf: Buffer): number {
  for (let i = buf.length - 1; i >= 0 && i >= buf.length - 4; i--) {
    const b = buf[i]!;
    if (b < 0x80) return buf.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > buf.length ? i : buf.length;
    }
  }
  return buf.length;
}

/** UTF-8 (with or without BOM) when every byte of the file is valid UTF-8; otherwise GBK. */
export async function csvEncoding(path: string): Promise<CsvEncoding> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUpTo(buf);
    if (!isUtf8(buf.subarray(0, cut))) return 'gb18030';
    carry = Buffer.from(buf.subarray(cut));
  }
  return carry.length === 0 || isUtf8(carry) ? 'utf-8' : 'gb18030';
}

const commaSpecial = /[,\r\n"]/g;
const tabSpecial = /[\t\r\n"]/g;

function refuse(message: string): AppError {
  return new AppError('RULE', `${message}，程序停止读取，数据未改动。请在 WPS 或 Excel 中打开这个 CSV 文件检查后另存为 .xlsx 再导入`);
}

/** A CSV parser fed text chunks; records come out whole, with their 1-based record number. */
export class CsvParser {
  private sep: string | null = null;
  private head = '';
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  /** A '"' inside quotes was the chunk's last character: closing quote or the first of a pair. */
  private quoteAtEnd = false;
  /** A '\r' ended the previous record at a chunk's end: a '\n' first in the next chunk belongs to it. */
  private crAtEnd = false;
  private started = false;
  private line = 0;

  push(text: string, out: CsvRow[]): void {
    if (this.sep === null) {
      // The separator comes from the first line, so wait for it (or for 1 MB of text without one).
      this.head += text;
      const nl = this.head.indexOf('\n');
      if (nl < 0 && this.head.length < chunkSize) return;
      const firstLine = nl < 0 ? this.head : this.head.slice(0, nl);
      this.sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
      text = this.head;
      this.head = '';
    }
    this.scan(text, out);
  }

  end(out: CsvRow[]): void {
    if (this.sep === null) {
      const firstLine = this.head;
      this.sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
      const text = this.head;
      this.head = '';
      this.scan(text, out);
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.started) this.endRecord(out);
  }

  private endRecord(out: CsvRow[]): void {
    // own(): a cell sliced from a 1 MB chunk of text would keep the whole chunk alive.
    this.cells.push(own(this.cell));
    this.cell = '';
    this.line += 1;
    if (this.line > csvLimits.maxRows) throw refuse(`文件超过 ${csvLimits.maxRows} 行（Excel 的上限）`);
    out.push({ line: this.line, cells: this.cells });
    this.cells = [];
    this.started = false;
  }

  private addCell(): void {
    this.cells.push(own(this.cell));
    this.cell = '';
    if (this.cells.length >= csvLimits.maxColumns) throw refuse(`第 ${this.line + 1} 行超过 ${csvLimits.maxColumns} 列（Excel 的上限）`);
  }

  private checkCell(): void {
    if (this.cell.length > csvLimits.maxCellText) {
      throw refuse(`第 ${this.line + 1} 行有一个单元格超过 ${csvLimits.maxCellText} 个字符（Excel 的上限；常见原因是引号没有配对）`);
    }
  }

  private scan(text: string, out: CsvRow[]): void {
    const sep = this.sep!;
    const n = text.length;
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text[0] === '\n') i = 1;
    }
    if (this.quoteAtEnd && n > 0) {
      this.quoteAtEnd = false;
      if (text[0] === '"') {
        this.cell += '"';
        i += 1;
      } else this.quoted = false;
    }
    while (i < n) {
      this.started = true;
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.cell += text.slice(i);
          this.checkCell();
          return;
        }
        this.cell += text.slice(i, q);
        this.checkCell();
        if (q + 1 >= n) {
          this.quoteAtEnd = true;
          return;
        }
        if (text[q + 1] === '"') {
          this.cell += '"';
          i = q + 2;
        } else {
          this.quoted = false;
          i = q + 1;
        }
        continue;
      }
      // A run of plain characters, up to the next separator, line break or quote.
      const special = sep === ',' ? commaSpecial : tabSpecial;
      special.lastIndex = i;
      const j = special.exec(text)?.index ?? n;
      if (j > i) {
        this.cell += text.slice(i, j);
        this.checkCell();
        i = j;
        if (i >= n) return;
      }
      const ch = text[i]!;
      if (ch === '"') {
        // A quote opens a quoted cell only at its start; elsewhere it is text.
        if (this.cell === '') this.quoted = true;
        else this.cell += '"';
        i += 1;
      } else if (ch === sep) {
        this.addCell();
        i += 1;
      } else {
        this.endRecord(out);
        if (ch === '\r') {
          if (i + 1 >= n) {
            this.crAtEnd = true;
            return;
          }
          i += text[i + 1] === '\n' ? 2 : 1;
        } else i += 1;
      }
    }
  }
}

/** The records of a CSV text already in memory. */
export function* parseCsv(text: string): Generator<CsvRow> {
  const parser = new CsvParser();
  const out: CsvRow[] = [];
  parser.push(text, out);
  parser.end(out);
  yield* out;
}

/** The records of a CSV file, streamed. */
export async function* readCsvFile(path: string): AsyncGenerator<CsvRow> {
  const encoding = await csvEncoding(path);
  // ignoreBOM false (the default): a UTF-8 BOM is dropped by the decoder.
  const decoder = new TextDecoder(encoding);
  const parser = new CsvParser();
  const out: CsvRow[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
    parser.push(decoder.decode(chunk, { stream: true }), out);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  parser.push(decoder.decode(), out);
  parser.end(out);
  yield* out;
}
