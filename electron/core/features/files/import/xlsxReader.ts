import { open } from 'node:fs/promises';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';
import { cfbSignature, compoundFileError } from './officeContainer';
import { SharedStrings } from './xlsxStrings';
import { resaveAdvice, unreadable, ZipFile } from './xlsxZip';
import { attribute, attributes, ElementScanner, elementContent, maxCellText, maxPending, nameEndAt, own, TagScanner, tooLong, xmlText } from './xmlScan';

export { decodeXmlText } from './xmlScan';

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

// ---- workbook, styles, shared strings -----------------------------------------------------------

/** A relationship target relative to the folder of its source part ("/xl/…" is absolute). */
function resolvePart(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface Relationship {
  id: string;
  /** The last segment of the type URI ("worksheet", "officeDocument"), whatever the namespace. */
  type: string;
  /** The target's zip key, or null when the zip has no such part. */
  key: string | null;
}

/** The relationships of a part (from its _rels/NAME.rels), in order. */
async function relationships(zip: ZipFile, part: string): Promise<Relationship[]> {
  const slash = part.lastIndexOf('/');
  const folder = part.slice(0, slash + 1);
  const relsKey = zip.find(`${folder}_rels/${part.slice(slash + 1)}.rels`);
  if (!relsKey) return [];
  const out: Relationship[] = [];
  const scanner = new TagScanner(relsKey);
  const each = (local: string, tag: string) => {
    if (local !== 'Relationship') return;
    const a = attributes(tag);
    if (!a.Target || a.TargetMode === 'External') return;
    out.push({ id: a.Id ?? '', type: (a.Type ?? '').replace(/.*\//, ''), key: zip.find(resolvePart(folder, a.Target)) });
  };
  for await (const chunk of zip.text(relsKey)) scanner.push(chunk, each);
  return out;
}

/** The refusal for a zip that holds no workbook: an ODS, a Word or PowerPoint file, or nothing known. */
async function notAWorkbook(zip: ZipFile): Promise<AppError> {
  const mimetypeKey = zip.find('mimetype');
  const mimetype = mimetypeKey ? (await zip.wholeText(mimetypeKey, 200)).trim() : '';
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet' || zip.find('content.xml')) {
    return new AppError('RULE', '这是 ODS 文件，不是 Excel 文件，请在 WPS 或 Excel 中另存为 .xlsx 后再导入');
  }
  if (zip.find('word/document.xml')) return new AppError('RULE', '这是 Word 文档，不是 Excel 工作簿，请选择要导入的 Excel 文件');
  if (zip.find('ppt/presentation.xml')) return new AppError('RULE', '这是 PowerPoint 演示文稿，不是 Excel 工作簿，请选择要导入的 Excel 文件');
  if (zip.find('xl/workbook.bin')) return new AppError('RULE', `这是 Excel 二进制工作簿（.xlsb），程序不直接读取。${resaveAdvice}`);
  return unreadable('文件中没有工作表');
}

interface Workbook {
  /** The first worksheet's part. */
  sheet: string;
  styles: string | null;
  strings: string | null;
  date1904: boolean;
}

const notWorksheets = new Set(['chartsheet', 'dialogsheet', 'macrosheet', 'xlmacrosheet', 'xlintlmacrosheet']);

/** The workbook's parts: its first worksheet, styles and shared strings; whether dates count from 1904. */
async function openWorkbook(zip: ZipFile): Promise<Workbook> {
  const rootRels = await relationships(zip, '');
  const workbookKey = rootRels.find((r) => r.type === 'officeDocument' && r.key)?.key ?? zip.find('xl/workbook.xml');
  if (!workbookKey) throw await notAWorkbook(zip);

  let date1904 = false;
  const sheetIds: string[] = [];
  const scanner = new TagScanner(workbookKey);
  const each = (local: string, tag: string, kind: string) => {
    if (kind === 'close') return;
    if (local === 'workbookPr') {
      const v = attributes(tag).date1904;
      date1904 = v === '1' || v === 'true';
    } else if (local === 'sheet') sheetIds.push(attributes(tag).id ?? '');
  };
  for await (const chunk of zip.text(workbookKey)) scanner.push(chunk, each);

  const rels = await relationships(zip, workbookKey);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const isWorksheet = (r: Relationship | undefined): r is Relationship & { key: string } =>
    r !== undefined && r.key !== null && !notWorksheets.has(r.type.toLowerCase()) && !/(^|\/)(chartsheets|dialogsheets|macrosheets)\//i.test(r.key);
  let sheet: string | null = null;
  for (const id of sheetIds) {
    const r = byId.get(id);
    if (isWorksheet(r)) {
      sheet = r.key;
      break;
    }
  }
  // No usable list: the lowest-numbered worksheet part beside the workbook.
  if (!sheet) {
    const folder = workbookKey.slice(0, workbookKey.lastIndexOf('/') + 1);
    const found = zip
      .names()
      .map((n) => ({ n, m: /^(.*\/)?worksheets\/sheet(\d+)\.xml$/i.exec(n) }))
      .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null && (x.m[1] ?? '') === folder)
      .sort((a, b) => Number(a.m[2]) - Number(b.m[2]));
    sheet = found[0]?.n ?? null;
  }
  if (!sheet) throw unreadable('文件中没有工作表');
  const folder = workbookKey.slice(0, workbookKey.lastIndexOf('/') + 1);
  const styles = rels.find((r) => r.type === 'styles' && r.key)?.key ?? zip.find(`${folder}styles.xml`);
  const strings = rels.find((r) => r.type === 'sharedStrings' && r.key)?.key ?? zip.find(`${folder}sharedStrings.xml`);
  return { sheet, styles, strings, date1904 };
}

/** Built-in number formats that are dates or times (including the Chinese locale's 27–36, 50–58). */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A custom format code that shows a date or time: y, m, d, h or s outside quotes and escapes, or [h]/[mm]/[ss]. */
export function isDateFormatCode(code: string): boolean {
  // Elapsed time ("[h]:mm", "[ss]") is a time even when nothing else is left.
  if (/\[(h+|m+|s+)\]/i.test(code.replace(/"[^"]*"/g, ''))) return true;
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhs]/i.test(bare.replace(/general/gi, ''));
}

/** For each cellXfs index: does it format the number as a date? */
async function dateStyles(zip: ZipFile, key: string | null): Promise<boolean[]> {
  if (!key) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  // Only the numFmts list: a conditional format's <dxf> has a numFmt of its own.
  let inNumFmts = false;
  const scanner = new TagScanner(key);
  const each = (local: string, tag: string, kind: string) => {
    if (local === 'cellXfs') inCellXfs = kind === 'open';
    else if (local === 'numFmts') inNumFmts = kind === 'open';
    else if (kind === 'close') return;
    else if (local === 'numFmt' && inNumFmts) {
      const a = attributes(tag);
      if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
    } else if (local === 'xf' && inCellXfs) {
      xfs.push(Number(attribute(tag, 'numFmtId') ?? 0));
    }
  };
  for await (const chunk of zip.text(key)) scanner.push(chunk, each);
  return xfs.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : builtInDate(id);
  });
}

const phoneticPattern = /<(?:[A-Za-z_][\w.-]*:)?rPh[\s>][\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?rPh\s*>/g;
const textRunPattern = /<(?:[A-Za-z_][\w.-]*:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?t\s*>/g;

/** The text of a string item (<si>, <sstItem> or <is>): its <t> texts joined, phonetic runs (<rPh>) left out. */
function stringItemText(inner: string): string {
  // The common case: one plain <t>…</t>.
  if (inner.startsWith('<t>') && inner.endsWith('</t>') && inner.indexOf('<', 3) === inner.length - 4) {
    const t = inner.slice(3, -4);
    return t.includes('&') || t.includes('_x') ? xmlText(t) : own(t);
  }
  const body = inner.includes('rPh') ? inner.replace(phoneticPattern, '') : inner;
  let out = '';
  textRunPattern.lastIndex = 0;
  for (let m = textRunPattern.exec(body); m; m = textRunPattern.exec(body)) out += xmlText(m[1]!);
  return own(out);
}

const stringItems = new Set(['si', 'sstItem']);

async function sharedStrings(zip: ZipFile, key: string | null): Promise<SharedStrings> {
  const out = new SharedStrings();
  if (!key) return out;
  const scanner = new ElementScanner(stringItems, '文字表中的一段文字');
  const each = (_tag: string, inner: string | null) => {
    const s = inner === null ? '' : stringItemText(inner);
    if (s.length > maxCellText) throw tooLong(`文字表第 ${out.count + 1} 段文字`);
    out.add(s);
  };
  for await (const chunk of zip.text(key)) scanner.push(chunk, each);
  return out;
}

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
