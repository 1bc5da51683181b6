import { documentKindShortLabels, type DocumentKind } from '../../../../shared/domain/paper';
import { printFontCssBytes, printFontFamily } from './fontCss';
import { html, trusted, type SafeHtml } from './html';

// The printed file: one self-contained HTML document (inline CSS and its own font, no images or
// scripts from elsewhere except the browser host's /print-helper.js for the screen-only 打印 button), A4 pages,
// each document starting on a new page. The footer of every page is drawn by Chromium's CSS
// paged-media margin boxes: each document gets a named page (`page: d3`) whose @bottom-left box
// carries its kind, record code, printer, print time and content code, and every page's
// @bottom-right box carries 第 x 页 / 共 y 页 (counted over the whole file). Checked with
// Chromium's page.pdf() + pdftotext (tests/unit/printHash.test.ts and the e2e test read it back).
//
// Speed (issues 12 and 15): Chromium's PDF step (page.pdf(), Electron's printToPDF) lays the whole
// file out for print twice, and after each print pass lays it out for the screen again — with the
// first screen layouts after loading, four full screen layouts for two print ones. On screen a
// section is therefore `content-visibility: auto` (a document out of view is not laid out; print
// lays out everything as before), and a long table (table.long: a notice's list, the 花名册) has its
// rows in <tbody> groups (rowGroups) that the screen shows as blocks of flex rows, each laid out
// only in view (a table is laid out whole). The printed pages
// are the same; the screen view without the preview script (a saved file opened in a browser) reads
// as before.
//
// Classes builders may use in their bodies (styled here once):
//   .official-title (仿宋 title), .doc-subtitle, .doc-meta (a line of facts under the title),
//   table.grid (ruled table, header repeats on every page), td.num (right-aligned numbers),
//   td.center, .para (indented paragraph), .notes (small print), .sign-area / .sign-block /
//   .sign-line (signature and stamp places), .stamp-box (a place for a seal), .nowrap.
// The renderer prints the document's title (h1.official-title) above the body: a body does not
// repeat it.

export interface LaidOutDocument {
  kind: DocumentKind;
  title: string;
  recordCode: string;
  contentCode: string;
  body: SafeHtml;
}

export interface LayoutMeta {
  /** The file's <title>. */
  fileTitle: string;
  printedBy: string;
  /** Local time, 'YYYY-MM-DD HH:MM'. */
  printedAt: string;
}

// The file's own font comes first (fontSubset.ts says why: it makes Chromium's PDF step several
// times faster, and the paper the same on every machine); the machine's fonts follow for a character
// it lacks (a rare character in a name) and for a file laid out without it.
export { printFontFamily };
export const bodyFontChain = `"${printFontFamily}", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
export const titleFontChain = `"${printFontFamily}", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif`;

/** @font-face rules for the print font cut to the characters of `page`; empty when it cannot be had. */
export function printFontCss(page: string): string {
  return printFontCssBytes([page]).toString('latin1');
}

/** A CSS string literal: quotes, backslashes, line breaks and "<" (no "</style>") escaped. */
export function cssString(text: string): string {
  const escaped = text.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `);
  return `"${escaped}"`;
}

/** The footer's left text of a document's pages. */
export function footerText(doc: Pick<LaidOutDocument, 'kind' | 'recordCode' | 'contentCode'>, meta: Pick<LayoutMeta, 'printedBy' | 'printedAt'>): string {
  return `${documentKindShortLabels[doc.kind]}\u3000编号 ${doc.recordCode}\u3000打印 ${meta.printedBy} ${meta.printedAt}\u3000核验码 ${doc.contentCode}`;
}

const baseCss = `
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-right {
    content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";
    font-family: ${bodyFontChain};
    font-size: 8.5pt;
    color: #333;
    vertical-align: top;
    padding-top: 3mm;
  }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  font-family: ${bodyFontChain};
  font-size: 11pt;
  line-height: 1.55;
  color: #000;
  background: #fff;
}
.doc { break-before: page; }
.doc:first-of-type { break-before: auto; }
.official-title {
  font-family: ${titleFontChain};
  font-size: 18pt;
  font-weight: bold;
  text-align: center;
  letter-spacing: 1pt;
  margin: 0 0 4mm;
}
.doc-subtitle { text-align: center; margin: -2mm 0 4mm; font-size: 11pt; }
.doc-meta { display: flex; justify-content: space-between; gap: 6mm; margin: 0 0 2mm; font-size: 10.5pt; }
.para { text-indent: 2em; margin: 0 0 2mm; }
.notes { font-size: 9.5pt; margin: 2mm 0; }
.nowrap { white-space: nowrap; }
table.grid { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10.5pt; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; vertical-align: middle; }
table.grid th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.grid thead { display: table-header-group; }
table.grid tr { break-inside: avoid; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td.center { text-align: center; }
/* A long payment roster (payments/documents.ts): fixed columns, alignment per column, not per cell. */
table.grid.payroll { table-layout: fixed; font-size: 9pt; }
table.grid.payroll th, table.grid.payroll td { padding: 1mm 1.2mm; }
table.payroll td:nth-child(1), table.payroll tr.total td:first-child { text-align: center; }
table.payroll td:nth-child(6) { text-align: right; white-space: nowrap; }
table.payroll tr.total td:nth-child(2) { text-align: right; white-space: nowrap; }
table.payroll td:nth-child(2), table.payroll td:nth-child(7) { overflow-wrap: anywhere; }
/* A masked ID number ending in X is wider than one ending in a digit: it broke before the X. */
table.payroll td:nth-child(4) { white-space: nowrap; }
.sign-area { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 6mm; margin-top: 8mm; break-inside: avoid; }
.sign-block { min-width: 55mm; break-inside: avoid; }
.sign-line { display: inline-block; min-width: 35mm; border-bottom: 0.6pt solid #000; height: 8mm; vertical-align: bottom; }
.stamp-box { width: 42mm; height: 42mm; border: 0.6pt dashed #777; display: flex; align-items: center; justify-content: center; color: #777; font-size: 9pt; }
.doc-code { margin-top: 6mm; font-size: 8.5pt; color: #333; break-inside: avoid; }
.toolbar { display: none; }
@media screen {
  body { background: #e9ecef; padding: 64px 0 24px; }
  .doc { width: 210mm; min-height: 297mm; margin: 0 auto 12px; padding: 16mm 15mm 18mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
  .doc-screen-footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px dashed #999; font-size: 9pt; color: #555; }
  .toolbar {
    display: flex; gap: 12px; align-items: center; position: fixed; top: 0; left: 0; right: 0; z-index: 10;
    padding: 10px 16px; background: #fff; border-bottom: 1px solid #ccc; font-family: system-ui, ${bodyFontChain}; font-size: 14px;
  }
  .toolbar button { font: inherit; padding: 6px 18px; border: 1px solid #1c7ed6; background: #228be6; color: #fff; border-radius: 4px; cursor: pointer; }
  .toolbar button:focus-visible { outline: 3px solid #74c0fc; outline-offset: 2px; }
}
/* On screen, Chromium lays out only the documents and the row groups of a long table in view (the
   comment at the top of this file says why): a table.long's <tbody> groups (rowGroups) show as
   blocks of flex rows; the 花名册's cells take the widths of its colgroup. */
@media screen {
  section.doc { content-visibility: auto; contain-intrinsic-size: auto 210mm auto 297mm; }
  section.doc table.long, section.doc table.long > thead, section.doc table.long > tbody { display: block; }
  section.doc table.long { border-top: 0.6pt solid #000; border-left: 0.6pt solid #000; }
  section.doc table.long > tbody { content-visibility: auto; contain-intrinsic-size: auto 1800px; }
  section.doc table.long tr { display: flex; }
  section.doc table.grid.long th, section.doc table.grid.long td { display: block; flex: 1 1 0; min-width: 0; border: 0; border-right: 0.6pt solid #000; border-bottom: 0.6pt solid #000; }
  section.doc table.grid.long :is(th, td):first-child { flex: 0 0 3em; }
  section.doc table.grid.payroll.long :is(th, td) { flex: none; }
  section.doc table.payroll :is(th, td):nth-child(1) { width: 6%; }
  section.doc table.payroll :is(th, td):nth-child(2) { width: 17%; }
  section.doc table.payroll :is(th, td):nth-child(3) { width: 8%; }
  section.doc table.payroll :is(th, td):nth-child(4) { width: 19%; }
  section.doc table.payroll :is(th, td):nth-child(5) { width: 14%; }
  section.doc table.payroll :is(th, td):nth-child(6) { width: 10%; }
  section.doc table.payroll :is(th, td):nth-child(7) { width: 17%; }
  section.doc table.payroll :is(th, td):nth-child(8) { width: 9%; }
  section.doc table.payroll tr.total td:nth-child(1) { width: 64%; }
  section.doc table.payroll tr.total td:nth-child(2) { width: 10%; }
  section.doc table.payroll tr.total td:nth-child(3) { width: 26%; }
}
/* The screen's paged preview (previewScript.ts): A4 sheets with the footer, the originals hidden. */
@media screen {
  body.paged section.doc { display: none; }
  .sheet { position: relative; width: 210mm; height: 297mm; margin: 0 auto 12px; padding: 16mm 15mm 18mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); overflow: hidden; }
  .sheet-footer { position: absolute; left: 15mm; right: 15mm; bottom: 8mm; display: flex; justify-content: space-between; gap: 6mm; font-size: 8.5pt; color: #333; }
}
@media print {
  .no-print, .doc-screen-footer, .preview { display: none !important; }
}
`;

const rowGroupSize = 50;

/**
 * A long table's rows as <tbody> groups of 50, for a `table.grid.long`: printed, one table as
 * before; on screen, each group is laid out only in view. `rows` are rows of markup already escaped.
 */
export function rowGroups(rows: readonly string[]): SafeHtml {
  let out = '';
  for (let i = 0; i < rows.length; i += rowGroupSize) out += `<tbody>${rows.slice(i, i + rowGroupSize).join('\n')}</tbody>\n`;
  return trusted(out === '' ? '<tbody></tbody>' : out);
}

/** One named page per document, so each document's pages carry its own footer text. */
function pageCss(docs: readonly LaidOutDocument[], meta: LayoutMeta): string {
  return docs
    .map(
      (doc, i) => `.doc-${i} { page: d${i}; }
@page d${i} { @bottom-left { content: ${cssString(footerText(doc, meta))}; font-family: ${bodyFontChain}; font-size: 8.5pt; color: #333; vertical-align: top; padding-top: 3mm; } }`,
    )
    .join('\n');
}

// A body may open with its kind's own <style> block (the forms' formCss). A batch of 100 forms
// carried 100 copies, and Chromium parsed and matched every one; a style element applies to the
// whole file wherever it stands, so each distinct block goes once into the head, after the base
// CSS as before: the same rules in the same order, the same print.
const leadingStyle = /^\s*<style>[\s\S]*?<\/style>/;

function hoistStyles(docs: readonly LaidOutDocument[]): { styles: string[]; bodies: SafeHtml[] } {
  const styles: string[] = [];
  const bodies = docs.map((doc) => {
    const m = leadingStyle.exec(doc.body.value);
    if (!m) return doc.body;
    const style = m[0].trim();
    if (!styles.includes(style)) styles.push(style);
    return trusted(doc.body.value.slice(m[0].length));
  });
  return { styles, bodies };
}

// Where the print font's @font-face rules go: first in the file's one base style block.
export const fontSlot = '/* print font */';

/** The whole file's HTML. */
export function layoutDocuments(docs: readonly LaidOutDocument[], meta: LayoutMeta): string {
  const page = layoutWithoutFont(docs, meta);
  // The font is cut after the text is final, so every character the page shows (footers in the
  // CSS included) is in it.
  return page.replace(fontSlot, () => printFontCss(page));
}

/** The whole file's HTML with the print font's place (fontSlot) not yet filled (render.ts fills it). */
export function layoutWithoutFont(docs: readonly LaidOutDocument[], meta: LayoutMeta): string {
  const { styles, bodies } = hoistStyles(docs);
  const sections = docs.map(
    (doc, i) => html`<section class="doc doc-${i}" data-kind="${doc.kind}" data-content-code="${doc.contentCode}">
<h1 class="official-title">${doc.title}</h1>
${bodies[i]}
<p class="doc-code">核验码 ${doc.contentCode}（在台账程序“纸质件核验”中输入此码，可核对纸质件与当前记录是否一致）</p>
<div class="doc-screen-footer no-print">${footerText(doc, meta)}</div>
</section>
`,
  );
  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.fileTitle}</title>
<style>${trusted(fontSlot)}
${trusted(baseCss)}
${trusted(pageCss(docs, meta))}</style>
${trusted(styles.join('\n'))}
</head>
<body>
<div class="toolbar no-print"><button type="button" id="print-now">打印 / 另存为 PDF</button><span>${meta.fileTitle}\u3000共 ${docs.length} 份，打印人 ${meta.printedBy}</span></div>
${sections}
<script src="/print-helper.js"></script>
</body>
</html>
`;
  return page.value;
}
