import { AppError } from '../../../../shared/lib/result';
import { SharedStrings } from './xlsxStrings';
import { resaveAdvice, unreadable, type ZipFile } from './xlsxZip';
import { attribute, attributes, ElementScanner, maxCellText, own, TagScanner, tooLong, xmlText } from './xmlScan';

// The workbook half of our .xlsx reader (xlsxReader.ts reads the sheet): where the parts are, as
// Excel finds them (_rels/.rels names the workbook, whose relationships name its sheets, styles and
// shared strings), which cell styles are dates, and the shared strings table.


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

export interface Workbook {
  /** The first worksheet's part. */
  sheet: string;
  styles: string | null;
  strings: string | null;
  date1904: boolean;
}

const notWorksheets = new Set(['chartsheet', 'dialogsheet', 'macrosheet', 'xlmacrosheet', 'xlintlmacrosheet']);

/** The workbook's parts: its first worksheet, styles and shared strings; whether dates count from 1904. */
export async function openWorkbook(zip: ZipFile): Promise<Workbook> {
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
export async function dateStyles(zip: ZipFile, key: string | null): Promise<boolean[]> {
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
export function stringItemText(inner: string): string {
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

export async function sharedStrings(zip: ZipFile, key: string | null): Promise<SharedStrings> {
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
