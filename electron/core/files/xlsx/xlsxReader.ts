import { open } from 'node:fs/promises';
import { AppError } from '../../../../shared/lib/result';
import type { CellValue } from '../../../../shared/domain/importClean';
import { cfbSignature, compoundFileError } from './officeContainer';
import type { SharedStrings } from './xlsxStrings';
import { dateStyles, openWorkbook, sharedStrings, stringItemText } from './xlsxWorkbook';
import { resaveAdvice, ZipFile } from './xlsxZip';
import { attribute, elementContent, maxCellText, maxPending, nameEndAt, own, tooLong, xmlText } from './xmlScan';

export { decodeXmlText } from './xmlScan';
export { isDateFormatCode } from './xlsxWorkbook';

// Our own streaming reader of an .xlsx's first worksheet, with no dependency beyond Node:
//
//   zip      xlsxZip.ts: each part streamed and inflated within size and ratio limits, decoded as
//            UTF-8 (or UTF-16 / GBK when its first bytes say so) across chunk boundaries.
//   xml      xmlScan.ts: a small scanner over a rolling string buffer, bounded per element.
//
// Parts read, found as Excel finds them: _rels/.rels names the workbook part (usually
// xl/workbook.xml); the workbook's relationships name its sheets, its styles and its shared
// strings. The first *worksheet* in tab order is read (a chart sheet before it is passed over).
// Cells come out as exceljs's reader gave them: shared and inline strings resolved, numbers as
// numbers, date-styled numbers and date text as Date (UTC midnight of the calendar day), booleans,
// errors as null; index 0 = column A. Office 2007 beta files (string items <sstItem>, other
// namespaces) read alike.

export interface XlsxRow {
  /** 1-based row number as Excel/WPS shows it. */
  line: number;
  /** Cells by column, index 0 = column A; no trailing empty cells. */
  cells: CellValue[];
}

/** Excel's grid: 16,384 columns (A–XFD) and 1,048,576 rows. */
export const maxColumns = 16_384;
export const maxRows = 1_048_576;

// ---- the sheet ----------------------------------------------------------------------------------

/** Column number (0-based) of a cell reference such as "AB12", or -1 when it has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  // Four letters already pass XFD: stop counting (a reference of a million letters must not take long).
  for (; i < ref.length && i < 5; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

const day = 24 * 3600 * 1000;

/**
 * Excel's serial day number as a Date (UTC midnight of the day, plus the time of day). In the 1900
 * system serial 1 is 1900-01-01 and 60 is the 29 February 1900 that never was (Lotus's bug kept by
 * Excel), so below 61 the count is one day later than the plain epoch of 1899-12-30 gives.
 */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  const epochOffset = date1904 ? 25569 - 1462 : serial < 61 ? 25568 : 25569;
  return new Date(Math.round((serial - epochOffset) * day));
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date cell's text (t="d", ISO 8601) as the calendar date and time it names, in UTC like every
 * other date here: "2024-03-01T00:00:00" must stay 1 March on a Beijing-time PC (new Date() of it
 * reads local time and gives 29 February 16:00 UTC). A zone suffix is ignored: the cell's wall
 * clock is what the clerk typed.
 */
export function dateCellToDate(text: string): Date | null {
  const m = isoDateTime.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0')));
  const date = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to 1 March (and reads year 24 as 1924): such text is not a date.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

const valuePattern = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?v\s*>/;

interface SheetContext {
  strings: SharedStrings;
  dates: boolean[];
  date1904: boolean;
}

/** A cell's r, t and s attributes in one pass over its start tag's text. */
interface CellTag {
  r: string | null;
  t: string | null;
  s: string | null;
}

function cellTag(tag: string): CellTag {
  const out: CellTag = { r: null, t: null, s: null };
  const n = tag.length;
  let i = 0;
  while (i < n) {
    // Skip whitespace, then read a name up to '='.
    let c = tag.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const eq = tag.indexOf('=', i);
    if (eq < 0) break;
    const name = tag.slice(i, eq).trim();
    let j = eq + 1;
    while (tag.charCodeAt(j) === 32) j++;
    c = tag.charCodeAt(j);
    if (c !== 34 && c !== 39) break;
    const end = tag.indexOf(c === 34 ? '"' : "'", j + 1);
    if (end < 0) break;
    if (name === 'r' || name === 't' || name === 's') out[name] = tag.slice(j + 1, end);
    i = end + 1;
  }
  return out;
}

/** One cell's value from its start tag's attributes and its inner XML. */
function cellValue(a: CellTag, inner: string, ctx: SheetContext): CellValue {
  const t = a.t;
  if (t === 'inlineStr') {
    // The common case: <is><t>…</t></is>.
    if (inner.startsWith('<is><t>') && inner.endsWith('</t></is>') && inner.indexOf('<', 7) === inner.length - 9) {
      const text = inner.slice(7, -9);
      return text.includes('&') || text.includes('_x') ? xmlText(text) : own(text);
    }
    const is = elementContent(inner, 'is');
    if (is !== null) return stringItemText(is);
  }
  let v: string | null;
  if (inner.startsWith('<v>') && inner.endsWith('</v>') && inner.indexOf('<', 3) === inner.length - 4) v = inner.slice(3, -4);
  else {
    const m = valuePattern.exec(inner);
    v = m ? m[1]! : null;
    if (v !== null && v.includes('<![CDATA[')) v = xmlText(v);
  }
  if (v === null) return null;
  switch (t) {
    case 's': {
      const s = ctx.strings.get(Number(v));
      return s === undefined ? null : s;
    }
    case 'str':
    case 'inlineStr':
      return own(xmlText(v));
    case 'b':
      return v.trim() !== '' && Number(v) !== 0;
    case 'e':
      return null;
    case 'd':
      return dateCellToDate(v) ?? own(xmlText(v));
    default: {
      if (v.trim() === '') return null;
      const n = Number(v);
      if (Number.isNaN(n)) return own(xmlText(v));
      if (a.s !== null && ctx.dates[Number(a.s)]) return excelSerialToDate(n, ctx.date1904);
      return n;
    }
  }
}

function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function outsideGrid(what: string): AppError {
  return new AppError(
    'RULE',
    `这个 Excel 文件中有超出表格范围的${what}（Excel 最多 16384 列、1048576 行），文件可能已损坏或被恶意构造，程序停止读取，数据未改动。${resaveAdvice}`,
  );
}

/** The refusal for a file that is an OLE compound file (password-protected .xlsx, old .xls), or null. */
async function compoundFileRefusal(path: string): Promise<AppError | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 8 || !head.equals(cfbSignature)) return null;
  } finally {
    await handle.close();
  }
  return compoundFileError(path);
}

/**
 * The rows of the first worksheet (`chunkSize`: bytes per inflated chunk, for the tests). Every
 * <row> is yielded, an empty one with no cells; cells without an `r` follow the previous one, rows
 * without one follow the previous row.
 */
export async function* readXlsxRows(path: string, options: { chunkSize?: number } = {}): AsyncGenerator<XlsxRow> {
  const refusal = await compoundFileRefusal(path);
  if (refusal) throw refusal;
  const zip = await ZipFile.open(path);
  const workbook = await openWorkbook(zip);
  const key = workbook.sheet;
  const ctx: SheetContext = { dates: await dateStyles(zip, workbook.styles), strings: await sharedStrings(zip, workbook.strings), date1904: workbook.date1904 };

  let buf = '';
  let line = 0;
  let cells: CellValue[] | null = null;
  let col = -1;
  let lastFilled = -1;
  const ready: XlsxRow[] = [];
  const endRow = () => {
    if (cells === null) return;
    if (cells.length > lastFilled + 1) cells.length = lastFilled + 1;
    ready.push({ line, cells });
    cells = null;
  };
  const startRow = (tag: string) => {
    endRow();
    const r = attribute(tag, 'r');
    const n = r === null ? NaN : Number(r);
    line = Number.isInteger(n) && n > 0 ? n : line + 1;
    if (line > maxRows) throw outsideGrid(`行（第 ${r === null ? line : r.slice(0, 20)} 行）`);
    cells = [];
    col = -1;
    lastFilled = -1;
  };
  const addCell = (tag: string, inner: string | null) => {
    if (cells === null) return; // a cell outside a row: not in a valid sheet
    const a = cellTag(tag);
    const at = a.r === null ? -1 : columnOf(a.r);
    col = at >= 0 ? at : col + 1;
    if (col >= maxColumns) throw outsideGrid(`单元格（第 ${line} 行的 ${a.r === null ? columnName(col) : a.r.slice(0, 20)}）`);
    if (inner === null || inner === '') return;
    const value = cellValue(a, inner, ctx);
    if (value === null) return;
    if (typeof value === 'string' && value.length > maxCellText) throw tooLong(`第 ${line} 行 ${columnName(col)} 列的单元格`);
    while (cells.length < col) cells.push(null);
    cells[col] = value;
    if (col > lastFilled) lastFilled = col;
  };

  for await (const chunk of zip.text(key, options.chunkSize)) {
    buf = buf === '' ? chunk : buf + chunk;
    let pos = 0;
    const n = buf.length;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        pos = n;
        break;
      }
      const nameEnd = nameEndAt(buf, lt + 1);
      if (nameEnd === n) {
        pos = lt;
        break;
      }
      const gt = buf.indexOf('>', nameEnd);
      if (gt < 0) {
        pos = lt;
        break;
      }
      // An unprefixed cell, nearly every element of a sheet: what the general path below does for
      // it, without cutting out its name and building its closing tag each time.
      if (nameEnd === lt + 2 && buf.charCodeAt(lt + 1) === 99 /* c */) {
        if (buf.charCodeAt(gt - 1) === 47) {
          addCell(buf.slice(nameEnd, gt - 1), null);
          pos = gt + 1;
          continue;
        }
        const close = buf.indexOf('</c>', gt + 1);
        if (close < 0) {
          pos = lt;
          break;
        }
        addCell(buf.slice(nameEnd, gt), buf.slice(gt + 1, close));
        pos = close + 4;
        continue;
      }
      let qname = buf.slice(lt + 1, nameEnd);
      const closing = qname.startsWith('/');
      if (closing) qname = qname.slice(1);
      const colon = qname.indexOf(':');
      const name = colon >= 0 ? qname.slice(colon + 1) : qname;
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      if (name === 'c' && !closing) {
        if (selfClosing) {
          addCell(buf.slice(nameEnd, gt - 1), null);
          pos = gt + 1;
          continue;
        }
        const closeTag = `</${qname}>`;
        const close = buf.indexOf(closeTag, gt + 1);
        if (close < 0) {
          pos = lt;
          break;
        }
        addCell(buf.slice(nameEnd, gt), buf.slice(gt + 1, close));
        pos = close + closeTag.length;
        continue;
      }
      if (name === 'row') {
        if (closing) endRow();
        else {
          startRow(buf.slice(nameEnd, selfClosing ? gt - 1 : gt));
          if (selfClosing) endRow();
        }
      } else if (name === 'sheetData' && closing) {
        endRow();
      } else if (qname.startsWith('!')) {
        const end = qname.startsWith('!--') ? buf.indexOf('-->', lt) : qname.startsWith('![CDATA[') ? buf.indexOf(']]>', lt) : gt - 2;
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end + 3;
        continue;
      }
      pos = gt + 1;
    }
    buf = pos >= n ? '' : buf.slice(pos);
    // An element that never closes (1 GiB of digits in one cell) is refused here, not re-scanned forever.
    if (buf.length > maxPending) throw tooLong(`第 ${line} 行附近的单元格`);
    if (ready.length > 0) {
      for (const row of ready) yield row;
      ready.length = 0;
    }
  }
  endRow();
  for (const row of ready) yield row;
}
