import { AppError } from '../../../../shared/lib/result';

// The small XML scanner of our .xlsx reader: a rolling string buffer over a part's text chunks;
// whole elements (<si>…</si>) or single tags are taken once complete, an incomplete tail waits for
// the next chunk. What may wait is bounded (`maxPending` characters): a cell left unclosed over a
// gigabyte of digits is refused at once instead of being re-scanned chunk after chunk.

/** Excel's own limit on the text of one cell. */
export const maxCellText = 32_767;
/** The most one element or tag may span: a full cell's text escaped (&#x…; is 9 characters) and a formula. */
export const maxPending = 1_000_000;

export function tooLong(where: string): AppError {
  return new AppError(
    'RULE',
    `${where}的内容超过 ${maxCellText} 个字符（Excel 一个单元格的上限），文件可能已损坏或被恶意构造，程序停止读取，数据未改动。请在 WPS 或 Excel 中打开并另存为 .xlsx 后再试`,
  );
}

/**
 * A string that does not keep its source alive. V8 makes a slice of 13 or more characters a view
 * into the (256 KB) chunk it came from, so an ID number kept for the whole import would keep the
 * whole decompressed sheet in memory; concatenating and slicing again makes a flat copy.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const entityPattern = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const excelEscapePattern = /_x([0-9a-fA-F]{4})_/g;
const cdataPattern = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

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

/** Element text as written: entities decoded, CDATA sections taken literally (without their markup). */
export function xmlText(raw: string): string {
  if (!raw.includes('<![CDATA[')) return decodeXmlText(raw);
  // Escape the CDATA content so that one decoding pass treats both kinds of text alike.
  return decodeXmlText(raw.replace(cdataPattern, (_m, c: string) => c.replace(/&/g, '&amp;')));
}

const attributePattern = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag's text (also under their local names, without a prefix). */
export function attributes(tag: string): Record<string, string> {
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
export function attribute(tag: string, name: string): string | null {
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

const elementPatterns = new Map<string, { open: RegExp; close: RegExp }>();

/** The content of the first element of a local name (any prefix), or null. */
export function elementContent(xml: string, local: string): string | null {
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

/** Where an element name that starts at `i` ends (at whitespace, '/' or '>'), or buf.length. */
export function nameEndAt(buf: string, i: number): number {
  const n = buf.length;
  let j = i;
  while (j < n) {
    const c = buf.charCodeAt(j);
    if (c === 32 || c === 62 /* > */ || c === 47 /* / */ || c === 9 || c === 10 || c === 13) return j;
    j++;
  }
  return n;
}

/** Where a markup declaration or comment starting at `lt` ends (one past it), or -1 if not yet complete. */
function declarationEnd(buf: string, lt: number): number {
  if (buf.startsWith('<!--', lt)) {
    const end = buf.indexOf('-->', lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (buf.startsWith('<![CDATA[', lt)) {
    const end = buf.indexOf(']]>', lt + 9);
    return end < 0 ? -1 : end + 3;
  }
  const end = buf.indexOf('>', lt);
  return end < 0 ? -1 : end + 1;
}

function checkPending(pending: number, where: string): void {
  if (pending > maxPending) throw tooLong(where);
}

/**
 * Complete elements of some local names from a text stream, each handed over as (start tag text,
 * inner text or null when self-closing). What lies between the elements is skipped.
 */
export class ElementScanner {
  private buf = '';
  constructor(
    private readonly locals: ReadonlySet<string>,
    private readonly where: string,
  ) {}

  /** Adds a chunk and calls `each` for every element it completes. */
  push(chunk: string, each: (tag: string, inner: string | null) => void): void {
    const buf = this.buf === '' ? chunk : this.buf + chunk;
    let pos = 0;
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
      if (!this.locals.has(name)) {
        // Not ours: skip this tag (comments, CDATA and processing instructions included).
        const end = declarationEnd(buf, lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
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
    checkPending(this.buf.length, this.where);
  }
}

export type TagKind = 'open' | 'close' | 'empty';

/** Every start, end and empty-element tag of a text stream: (local name, attribute text, kind). */
export class TagScanner {
  private buf = '';
  constructor(private readonly where: string) {}

  push(chunk: string, each: (local: string, attrs: string, kind: TagKind) => void): void {
    const buf = this.buf === '' ? chunk : this.buf + chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        pos = buf.length;
        break;
      }
      const c = buf.charCodeAt(lt + 1);
      if (c === 33 /* ! */ || c === 63 /* ? */) {
        const end = declarationEnd(buf, lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
        continue;
      }
      const gt = buf.indexOf('>', lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      const closing = c === 47;
      const nameEnd = nameEndAt(buf, lt + (closing ? 2 : 1));
      const qname = buf.slice(lt + (closing ? 2 : 1), nameEnd);
      const colon = qname.indexOf(':');
      const local = colon >= 0 ? qname.slice(colon + 1) : qname;
      const empty = !closing && buf.charCodeAt(gt - 1) === 47;
      each(local, buf.slice(nameEnd, empty ? gt - 1 : gt), closing ? 'close' : empty ? 'empty' : 'open');
      pos = gt + 1;
    }
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
    checkPending(this.buf.length, this.where);
  }
}
