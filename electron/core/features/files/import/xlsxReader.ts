import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { AppError } from '../../../../../shared/lib/result';
import type { CellValue } from '../../../../../shared/domain/importClean';

// Our own streaming reader of an .xlsx's first worksheet, with no dependency beyond Node:
//
//   zip      the central directory at the end of the file says where each part is; a part is
//            streamed from its offset (fs.createReadStream) through zlib's raw inflate.
//   text     ONE TextDecoder per part, used with { stream: true }, so a UTF-8 character split
//            across two inflated chunks is joined, not garbled (exceljs decodes each chunk on its
//            own and turns 配偶 into 配�� when the split falls inside it: exceljs #2063/#2084).
//   xml      a small scanner over a rolling string buffer: whole elements (<si>…</si>, <c>…</c>)
//            are taken once they are complete; an incomplete tail waits for the next chunk.
//
// Parts read: xl/workbook.xml and its rels (which file is the first sheet; the 1904 date system),
// xl/sharedStrings.xml (the strings table), xl/styles.xml (which cell styles are dates), then the
// sheet itself, one row at a time. Cells come out as exceljs's reader gave them: shared and inline
// strings resolved, numbers as numbers, date-styled numbers as Date (UTC, from the Excel serial),
// booleans, errors as null; index 0 = column A.

export interface XlsxRow {
  /** 1-based row number as Excel/WPS shows it. */
  line: number;
  /** Cells by column, index 0 = column A; no trailing empty cells. */
  cells: CellValue[];
}

const resaveAdvice = '请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，再导入另存后的文件';

function unreadable(what: string): AppError {
  return new AppError('RULE', `无法读取这个 Excel 文件（${what}）。${resaveAdvice}`);
}

// ---- zip ----------------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

const eocdSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** The entries of the zip's central directory, by name. */
async function readCentralDirectory(handle: FileHandle, fileSize: number): Promise<Map<string, ZipEntry>> {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === eocdSignature && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('文件不完整或已损坏，找不到压缩包目录');
  const entryCount = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const zip64 = eocd >= 20 && tail.readUInt32LE(eocd - 20) === zip64LocatorSignature;
  if (zip64 || entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new AppError('RULE', `这个 Excel 文件使用了程序不支持的大文件压缩格式（ZIP64）。${resaveAdvice}`);
  }
  if (cdOffset + cdSize > fileSize) throw unreadable('文件不完整或已损坏，压缩包目录超出文件末尾');
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== centralSignature) throw unreadable('文件已损坏，压缩包目录有误');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) {
      throw new AppError('RULE', `这个 Excel 文件的内容已加密（设置了密码），程序不能读取。请在 WPS 或 Excel 中取消密码，${resaveAdvice.slice(1)}`);
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new AppError('RULE', `这个 Excel 文件使用了程序不支持的大文件压缩格式（ZIP64）。${resaveAdvice}`);
    }
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size, crc, localHeaderOffset });
  }
  return entries;
}

const defaultChunkSize = 256 * 1024;

class ZipFile {
  private constructor(
    readonly path: string,
    private readonly entries: Map<string, ZipEntry>,
    private readonly dataStart: Map<string, number>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const entries = await readCentralDirectory(handle, size);
      // Where each entry's data begins: after its local header's own name and extra field.
      const dataStart = new Map<string, number>();
      for (const [key, e] of entries) {
        if (!/\.(xml|rels)$/i.test(key)) continue;
        const local = await readAt(handle, e.localHeaderOffset, 30);
        if (local.length < 30 || local.readUInt32LE(0) !== localSignature) throw unreadable('文件已损坏，压缩包内容有误');
        const start = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        if (start + e.compressedSize > size) throw unreadable('文件不完整，可能没有下载或复制完整');
        dataStart.set(key, start);
      }
      return new ZipFile(path, entries, dataStart);
    } finally {
      await handle.close();
    }
  }

  /** The entry's key by name, ignoring case (some programs write xl/SharedStrings.xml). */
  find(name: string): string | null {
    if (this.entries.has(name)) return name;
    const lower = name.toLowerCase();
    for (const key of this.entries.keys()) if (key.toLowerCase() === lower) return key;
    return null;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's text, decoded as UTF-8 across chunk boundaries, one chunk of text at a time. */
  async *text(key: string, chunkSize = defaultChunkSize): AsyncGenerator<string> {
    const entry = this.entries.get(key);
    const start = this.dataStart.get(key);
    if (!entry || start === undefined) throw unreadable(`缺少 ${key}`);
    if (entry.method !== 0 && entry.method !== 8) throw unreadable(`不支持的压缩方式 ${entry.method}`);
    if (entry.compressedSize === 0) return;
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: chunkSize });
    let source: NodeJS.ReadableStream = raw;
    if (entry.method === 8) {
      const inflate = zlib.createInflateRaw({ chunkSize });
      pipeline(raw, inflate, () => {});
      source = inflate;
    }
    const decoder = new TextDecoder('utf-8');
    const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
    let crc = 0;
    let length = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (crc32) crc = crc32(chunk, crc);
        const s = decoder.decode(chunk, { stream: true });
        if (s !== '') yield s;
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unreadable(`文件已损坏，解压 ${key} 出错`);
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
    if (length !== entry.size || (crc32 && (crc >>> 0) !== entry.crc)) throw unreadable(`文件已损坏，${key} 校验不符`);
  }

  async wholeText(key: string): Promise<string> {
    let s = '';
    for await (const chunk of this.text(key)) s += chunk;
    return s;
  }
}

// ---- xml helpers --------------------------------------------------------------------------------

/**
 * A string that does not keep its source alive. V8 makes a slice of 13 or more characters a view
 * into the (256 KB) chunk it came from, so an ID number kept for the whole import would keep the
 * whole decompressed sheet in memory; concatenating and slicing again makes a flat copy.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const entityPattern = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const excelEscapePattern = /_x([0-9a-fA-F]{4})_/g;

/** XML character and entity references, then Excel's own _xHHHH_ escapes (e.g. _x000D_ for CR). */
export function decodeXmlText(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(entityPattern, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return namedEntities[name] ?? m;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  }
  if (out.includes('_x')) out = out.replace(excelEscapePattern, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

const attributePattern = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag's text (without the local names' prefixes). */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  attributePattern.lastIndex = 0;
  for (let m = attributePattern.exec(tag); m; m = attributePattern.exec(tag)) {
    const name = m[1]!;
    const value = decodeXmlText(m[2] ?? m[3] ?? '');
    out[name] = value;
    const colon = name.indexOf(':');
    if (colon >= 0 && !name.startsWith('xmlns')) {
      const local = name.slice(colon + 1);
      if (!(local in out)) out[local] = value;
    }
  }
  return out;
}

/** One attribute's value from a start tag's text, or null (faster than attributes() for a cell). */
function attribute(tag: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return null;
    from = i + name.length;
    const before = tag.charCodeAt(i - 1);
    // Preceded by whitespace (not part of a longer name such as "spans" for "s").
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let j = from;
    while (tag.charCodeAt(j) === 32) j++;
    if (tag[j] !== '=') continue;
    j++;
    while (tag.charCodeAt(j) === 32) j++;
    const quote = tag[j];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, j + 1);
    if (end < 0) return null;
    const v = tag.slice(j + 1, end);
    return v.includes('&') ? decodeXmlText(v) : v;
  }
}

/** Start tags of a local name (any prefix) in a whole document: their attribute text, in order. */
function startTags(xml: string, local: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])([^>]*)>`, 'g');
  const out: string[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1]!);
  return out;
}

const elementPatterns = new Map<string, { open: RegExp; close: RegExp }>();

/** The content of the first element of a local name (any prefix), or null. */
function elementContent(xml: string, local: string): string | null {
  let p = elementPatterns.get(local);
  if (!p) {
    p = {
      open: new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])[^>]*?(/?)>`),
      close: new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${local}\\s*>`, 'g'),
    };
    elementPatterns.set(local, p);
  }
  const m = p.open.exec(xml);
  if (!m) return null;
  if (m[1] === '/') return '';
  const from = m.index + m[0].length;
  p.close.lastIndex = from;
  const close = p.close.exec(xml);
  return close ? xml.slice(from, close.index) : null;
}

const phoneticPattern = /<(?:[A-Za-z_][\w.-]*:)?rPh[\s>][\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?rPh\s*>/g;
const textRunPattern = /<(?:[A-Za-z_][\w.-]*:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?t\s*>/g;

/** The text of a string item (<si> or <is>): its <t> texts joined, phonetic runs (<rPh>) left out. */
function stringItemText(inner: string): string {
  // The common case: one plain <t>…</t>.
  if (inner.startsWith('<t>') && inner.endsWith('</t>') && inner.indexOf('<', 3) === inner.length - 4) {
    const t = inner.slice(3, -4);
    return t.includes('&') || t.includes('_x') ? decodeXmlText(t) : own(t);
  }
  const body = inner.includes('rPh') ? inner.replace(phoneticPattern, '') : inner;
  let out = '';
  textRunPattern.lastIndex = 0;
  for (let m = textRunPattern.exec(body); m; m = textRunPattern.exec(body)) out += m[1]!;
  return own(decodeXmlText(out));
}

/**
 * Complete elements of a local name from a text stream, each handed over as (start tag text, inner
 * text or null when self-closing). What lies between the elements is skipped; an element not yet
 * complete waits in the buffer for the next chunk.
 */
class ElementScanner {
  private buf = '';
  constructor(private readonly local: string) {}

  /** Adds a chunk and calls `each` for every element it completes. */
  push(chunk: string, each: (tag: string, inner: string | null) => void): void {
    const buf = this.buf === '' ? chunk : this.buf + chunk;
    let pos = 0;
    const local = this.local;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        pos = buf.length;
        break;
      }
      const nameEnd = nameEndAt(buf, lt + 1);
      if (nameEnd === buf.length) {
        pos = lt;
        break;
      }
      const qname = buf.slice(lt + 1, nameEnd);
      const colon = qname.indexOf(':');
      const name = colon >= 0 ? qname.slice(colon + 1) : qname;
      if (name !== local) {
        // Not ours: skip to the end of this tag (comments and processing instructions included).
        const end = qname.startsWith('!--') ? buf.indexOf('-->', lt) : buf.indexOf('>', lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end + 1;
        continue;
      }
      const gt = buf.indexOf('>', nameEnd);
      if (gt < 0) {
        pos = lt;
        break;
      }
      if (buf.charCodeAt(gt - 1) === 47 /* / */) {
        each(buf.slice(nameEnd, gt - 1), null);
        pos = gt + 1;
        continue;
      }
      const closeTag = `</${qname}>`;
      const close = buf.indexOf(closeTag, gt + 1);
      if (close < 0) {
        pos = lt;
        break;
      }
      each(buf.slice(nameEnd, gt), buf.slice(gt + 1, close));
      pos = close + closeTag.length;
    }
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
  }
}

/** Where an element name that starts at `i` ends (at whitespace, '/' or '>'), or buf.length. */
function nameEndAt(buf: string, i: number): number {
  const n = buf.length;
  let j = i;
  while (j < n) {
    const c = buf.charCodeAt(j);
    if (c === 32 || c === 62 /* > */ || c === 47 /* / */ || c === 9 || c === 10 || c === 13) return j;
    j++;
  }
  return n;
}

// ---- workbook, styles, shared strings -----------------------------------------------------------

/** The first worksheet's part name, and whether the workbook counts dates from 1904. */
async function firstSheet(zip: ZipFile): Promise<{ key: string; date1904: boolean }> {
  const workbookKey = zip.find('xl/workbook.xml');
  const fallback = () => {
    const sheets = zip
      .names()
      .map((n) => ({ n, m: /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(n) }))
      .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
      .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
    return sheets[0]?.n ?? null;
  };
  if (!workbookKey) {
    const key = fallback();
    if (!key) throw unreadable('文件中没有工作表');
    return { key, date1904: false };
  }
  const workbook = await zip.wholeText(workbookKey);
  const pr = startTags(workbook, 'workbookPr')[0];
  const date1904Attr = pr ? attributes(pr).date1904 : undefined;
  const date1904 = date1904Attr === '1' || date1904Attr === 'true';
  const sheet = startTags(workbook, 'sheet')[0];
  const relsKey = zip.find('xl/_rels/workbook.xml.rels');
  if (sheet && relsKey) {
    const rid = attributes(sheet).id;
    const rels = await zip.wholeText(relsKey);
    for (const tag of startTags(rels, 'Relationship')) {
      const a = attributes(tag);
      if (a.Id !== rid || !a.Target) continue;
      const key = zip.find(resolvePart('xl/', a.Target));
      if (key) return { key, date1904 };
    }
  }
  const key = fallback();
  if (!key) throw unreadable('找不到第一个工作表');
  return { key, date1904 };
}

/** A relationship target relative to the folder of its source part ("/xl/…" is absolute). */
function resolvePart(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Built-in number formats that are dates or times (including the Chinese locale's 27–36, 50–58). */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A custom format code that shows a date or time: y, m, d or h outside quotes, [..] and escapes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdh]/i.test(bare.replace(/general/gi, ''));
}

/** For each cellXfs index: does it format the number as a date? */
async function dateStyles(zip: ZipFile): Promise<boolean[]> {
  const key = zip.find('xl/styles.xml');
  if (!key) return [];
  const xml = await zip.wholeText(key);
  const custom = new Map<number, string>();
  const numFmts = elementContent(xml, 'numFmts');
  if (numFmts) {
    for (const tag of startTags(numFmts, 'numFmt')) {
      const a = attributes(tag);
      if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
    }
  }
  const cellXfs = elementContent(xml, 'cellXfs');
  if (!cellXfs) return [];
  return startTags(cellXfs, 'xf').map((tag) => {
    const id = Number(attributes(tag).numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : builtInDate(id);
  });
}

async function sharedStrings(zip: ZipFile): Promise<string[]> {
  const key = zip.find('xl/sharedStrings.xml');
  if (!key) return [];
  const out: string[] = [];
  const scanner = new ElementScanner('si');
  const each = (_tag: string, inner: string | null) => out.push(inner === null ? '' : stringItemText(inner));
  for await (const chunk of zip.text(key)) scanner.push(chunk, each);
  return out;
}

// ---- the sheet ----------------------------------------------------------------------------------

/** Column number (0-based) of a cell reference such as "AB12", or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** Excel's serial day number as a Date (UTC), as exceljs converts it. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

const valuePattern = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?v\s*>/;

interface SheetContext {
  strings: string[];
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
      return text.includes('&') || text.includes('_x') ? decodeXmlText(text) : own(text);
    }
    const is = elementContent(inner, 'is');
    if (is !== null) return stringItemText(is);
  }
  let v: string | null;
  if (inner.startsWith('<v>') && inner.endsWith('</v>') && inner.indexOf('<', 3) === inner.length - 4) v = inner.slice(3, -4);
  else {
    const m = valuePattern.exec(inner);
    v = m ? m[1]! : null;
  }
  if (v === null) return null;
  switch (t) {
    case 's': {
      const s = ctx.strings[Number(v)];
      return s === undefined ? null : s;
    }
    case 'str':
    case 'inlineStr':
      return own(decodeXmlText(v));
    case 'b':
      return v.trim() !== '' && Number(v) !== 0;
    case 'e':
      return null;
    case 'd': {
      const d = new Date(v.trim());
      return Number.isNaN(d.getTime()) ? own(decodeXmlText(v)) : d;
    }
    default: {
      if (v.trim() === '') return null;
      const n = Number(v);
      if (Number.isNaN(n)) return own(decodeXmlText(v));
      if (a.s !== null && ctx.dates[Number(a.s)]) return excelSerialToDate(n, ctx.date1904);
      return n;
    }
  }
}

/**
 * The rows of the first worksheet (`chunkSize`: bytes per inflated chunk, for the tests). Every
 * <row> is yielded, an empty one with no cells; cells without an `r` follow the previous one, rows
 * without one follow the previous row.
 */
export async function* readXlsxRows(path: string, options: { chunkSize?: number } = {}): AsyncGenerator<XlsxRow> {
  const zip = await ZipFile.open(path);
  const { key, date1904 } = await firstSheet(zip);
  const ctx: SheetContext = { dates: await dateStyles(zip), strings: await sharedStrings(zip), date1904 };

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
    cells = [];
    col = -1;
    lastFilled = -1;
  };
  const addCell = (tag: string, inner: string | null) => {
    if (cells === null) return; // a cell outside a row: not in a valid sheet
    const a = cellTag(tag);
    const at = a.r === null ? -1 : columnOf(a.r);
    col = at >= 0 ? at : col + 1;
    if (inner === null || inner === '') return;
    const value = cellValue(a, inner, ctx);
    if (value === null) return;
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
      } else if (qname.startsWith('!--')) {
        const end = buf.indexOf('-->', lt);
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
    if (ready.length > 0) {
      for (const row of ready) yield row;
      ready.length = 0;
    }
  }
  endRow();
  for (const row of ready) yield row;
}
