import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { numberFormats, type ColumnKind, type LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import { neutraliseText } from '../../../../shared/lib/spreadsheetSafe';
import type { LedgerRecord, LedgerWorkbookWriter } from './writers';
import { ZipStream } from './zipStream';

// A streaming .xlsx writer for the big ledgers. exceljs' streaming writer builds a cell object
// and looks its style up for every cell, which at 100,000 people × 37 columns cost more than the
// whole submission's 10-second budget; here a row is one string, styles are fixed ids defined
// once in styles.xml, and each sheet is deflated chunk by chunk straight into the zip on the sink.
// The files open in Excel, WPS and LibreOffice, and read back with exceljs (the tests do).

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const nsR = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** cellXfs ids in styles.xml. */
const style = { header: 1, money: 2, date: 3, percent: 4, title: 5, subtitle: 6 } as const;
const styleOfKind: Readonly<Partial<Record<ColumnKind, number>>> = { money: style.money, date: style.date, percent: style.percent };

const stylesXml = `${xmlHead}<styleSheet xmlns="${ns}"><numFmts count="3"><numFmt numFmtId="164" formatCode="${numberFormats.date}"/><numFmt numFmtId="165" formatCode="${numberFormats.percent}"/><numFmt numFmtId="166" formatCode="${numberFormats.money}"/></numFmts><fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font><font><b/><sz val="14"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// eslint-disable-next-line no-control-regex -- characters XML 1.0 cannot carry at all
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

// eslint-disable-next-line no-control-regex -- the same set plus & < >, to skip the work for plain text
const needsEscape = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function escapeXml(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;');
}

function columnLetters(n: number): string {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const dayMs = 86_400_000;
const excelEpoch = Date.UTC(1899, 11, 30);

/** Day numbers already worked out: a ledger's dates repeat (its data date is on every row). Emptied when a file is finished. */
const serials = new Map<string, number | null>();

/** 'YYYY-MM-DD' → Excel's day number, or null when the text is not a date. */
function dateSerial(text: string): number | null {
  const known = serials.get(text);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const serial = m ? (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - excelEpoch) / dayMs : null;
  // About 40,000 days since 1900: the map stays small, but text that is not a date is not kept.
  if (m && serials.size < 100_000) serials.set(text, serial);
  return serial;
}

/**
 * Excel trims a cell's leading and trailing spaces and folds line breaks unless told to keep them;
 * the attribute that says so is a quarter of a ledger's XML when written on every cell, so it goes
 * only on text that has whitespace to keep.
 */
const hasWhitespace = /\s/;

function textCell(ref: string, text: string): string {
  const t = escapeXml(neutraliseText(text));
  return hasWhitespace.test(t) ? `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${t}</t></is></c>` : `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
}

function cell(ref: string, column: LedgerColumn, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'money':
      return typeof value === 'number' ? `<c r="${ref}" s="${style.money}"><v>${value / 100}</v></c>` : textCell(ref, value);
    case 'date': {
      const serial = typeof value === 'string' ? dateSerial(value) : value;
      return serial === null ? textCell(ref, String(value)) : `<c r="${ref}" s="${style.date}"><v>${serial}</v></c>`;
    }
    case 'percent':
      return typeof value === 'number' ? `<c r="${ref}" s="${style.percent}"><v>${value}</v></c>` : textCell(ref, value);
    case 'int':
      return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : textCell(ref, value);
    case 'text':
    case 'code':
      return textCell(ref, String(value));
  }
}

const poolBytes = 1 << 20;

/**
 * A sheet's XML on its way to the zip: each row is encoded to UTF-8 as soon as it is built, into a
 * 1 MiB buffer that goes to the zip when full. Concatenating a chunk's rows into one string first
 * left V8 a rope of millions of small pieces to flatten at every flush — a third of the quarterly
 * submission's time (issue 11.7).
 */
class SheetBytes {
  private pool: Buffer = Buffer.allocUnsafe(poolBytes);
  private used = 0;
  /** Buffers the zip has deflated and given back: reused, so a sheet allocates only what is in flight. */
  private readonly spare: Buffer[] = [];

  constructor(private readonly zip: ZipStream) {}

  add(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
    if (this.used + 3 * text.length > this.pool.length) this.flush();
    if (3 * text.length > this.pool.length) this.zip.write(Buffer.from(text, 'utf8'));
    else this.used += this.pool.write(text, this.used, 'utf8');
  }

  flush(): void {
    if (this.used === 0) return;
    // The zip deflates the bytes on another thread: the next rows go to another buffer until it gives this one back.
    const full = this.pool;
    this.zip.write(full.subarray(0, this.used), () => this.spare.push(full));
    this.pool = this.spare.pop() ?? Buffer.allocUnsafe(poolBytes);
    this.used = 0;
  }
}

/** What every printed page of an exported file names: the header and footer of the page setup. */
export interface PrintedPage {
  /** The file's title, e.g. 户籍台账. */
  title: string;
  /** The office, e.g. 明溪县城关乡. */
  office: string;
  /** The day the file was made, 'YYYY-MM-DD'. */
  date: string;
}

/** Sheet widths (Excel's character units) that still fit A4 portrait between the margins. */
const portraitWidth = 95;

/** Text inside a header/footer: `&` starts a code there, so a literal one is doubled. */
function headerText(text: string): string {
  return escapeXml(text.replace(/&/g, '&&'));
}

/**
 * A4, landscape when the columns are wider than a portrait page, every column on one page wide
 * (as many pages long as needed), the title and office at the top of each page and its number at
 * the bottom — what a clerk gets by pressing 打印 in Excel or WPS without setting anything up.
 */
function pageSetupXml(columns: readonly LedgerColumn[], page: PrintedPage | undefined): string {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const orientation = width > portraitWidth ? 'landscape' : 'portrait';
  const header = page ? `<oddHeader>&amp;L${headerText(page.office)}&amp;C&amp;B${headerText(page.title)}&amp;R${headerText(`制表日期：${page.date}`)}</oddHeader>` : '';
  return (
    '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.7" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter>${header}<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>`
  );
}

/** A sheet name inside a formula (the print titles): quoted, with its quotes doubled. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Every byte goes to `sink`; a frozen, bold header row, the layout's widths and number formats. */
export function xlsxStreamWriter(sink: Writable, page?: PrintedPage): LedgerWorkbookWriter {
  const zip = new ZipStream(sink);
  const sheetNames: string[] = [];
  /** The row of each sheet's column headings, repeated at the top of every printed page. */
  const headerRows: number[] = [];
  let open: { close(): void } | null = null;

  return {
    addSheet(name, columns, preamble = []) {
      open?.close();
      const index = sheetNames.length + 1;
      sheetNames.push(name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || `Sheet${index}`);
      zip.begin(`xl/worksheets/sheet${index}.xml`);
      const letters = columns.map((_, i) => columnLetters(i));
      const cols = columns
        .map((c, i) => {
          const s = styleOfKind[c.kind];
          return `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${s ? ` style="${s}"` : ''}/>`;
        })
        .join('');
      // Title lines (a summary table's title, office and who filled it in) sit above the headings,
      // each merged across the table's width.
      const headerRow = preamble.length + 1;
      headerRows.push(headerRow);
      const last = letters[letters.length - 1] ?? 'A';
      const titles = preamble
        .map((text, i) => `<row r="${i + 1}"${i === 0 ? ' ht="24" customHeight="1"' : ''}><c r="A${i + 1}" t="inlineStr" s="${i === 0 ? style.title : style.subtitle}"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c></row>`)
        .join('');
      const merges = preamble.length > 0 && columns.length > 1 ? `<mergeCells count="${preamble.length}">${preamble.map((_, i) => `<mergeCell ref="A${i + 1}:${last}${i + 1}"/>`).join('')}</mergeCells>` : '';
      const header = columns.map((c, i) => `<c r="${letters[i]}${headerRow}" t="inlineStr" s="${style.header}"><is><t>${escapeXml(c.header)}</t></is></c>`).join('');
      const bytes = new SheetBytes(zip);
      bytes.add(
        `${xmlHead}<worksheet xmlns="${ns}" xmlns:r="${nsR}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">` +
        `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${titles}<row r="${headerRow}">${header}</row>`,
      );
      let rows = 0;
      open = {
        close() {
          bytes.add(`</sheetData>${merges}${pageSetupXml(columns, page)}</worksheet>`);
          bytes.flush();
          zip.end();
          open = null;
        },
      };
      return {
        addRow(record: LedgerRecord) {
          const r = rows + headerRow + 1;
          let xml = `<row r="${r}">`;
          for (let i = 0; i < columns.length; i++) xml += cell(`${letters[i]}${r}`, columns[i]!, record[columns[i]!.key]);
          bytes.add(`${xml}</row>`);
          rows += 1;
        },
        get rows() {
          return rows;
        },
      };
    },
    ready: () => zip.ready(),
    async finish() {
      open?.close();
      serials.clear();
      if (sheetNames.length === 0) throw new Error('a workbook needs a sheet');
      const sheets = sheetNames.map((n, i) => `<sheet name="${escapeAttr(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
      const printTitles = sheetNames
        .map((n, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quotedSheet(n))}!$${headerRows[i]}:$${headerRows[i]}</definedName>`)
        .join('');
      zip.file(
        'xl/workbook.xml',
        `${xmlHead}<workbook xmlns="${ns}" xmlns:r="${nsR}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets><definedNames>${printTitles}</definedNames></workbook>`,
      );
      const rels = sheetNames
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${nsR}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('');
      zip.file(
        'xl/_rels/workbook.xml.rels',
        `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rId${sheetNames.length + 1}" Type="${nsR}/styles" Target="styles.xml"/></Relationships>`,
      );
      zip.file('xl/styles.xml', stylesXml);
      zip.file(
        '_rels/.rels',
        `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${nsR}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      const overrides = sheetNames
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('');
      zip.file(
        '[Content_Types].xml',
        `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      );
      zip.finish();
      await zip.flushed();
      sink.end();
      await finished(sink);
    },
  };
}
