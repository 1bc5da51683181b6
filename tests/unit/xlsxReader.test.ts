import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../electron/core/features/files/import/read';
import { isDateFormatCode, readXlsxRows, type XlsxRow } from '../../electron/core/files/xlsx/xlsxReader';
import type { CellValue } from '../../shared/domain/importClean';
import { AppError } from '../../shared/lib/result';

// Our own .xlsx reader against workbooks exceljs wrote: every cell read back as written. The rows
// are full of multi-byte text (Chinese, full-width, emoji) so that thousands of UTF-8 characters
// straddle the inflated chunks' boundaries — read with 16 KB and 64 KB chunks as well as the
// default; exceljs's own streaming reader garbles such a character (配偶 → 配��).

const dir = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headers = ['序号', '姓名', '与户主关系', '证件号码', '备注', '空列', '金额', '日期', '是否', '编号', '说明'];
const relations = ['配偶', '初中', '户主', '之子', '健康', '普通劳动力', '弱劳动力或半劳动力'];
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Row i's cells (index 0 = column A); null = left empty. */
function rowValues(i: number): CellValue[] {
  const name = ('欧阳' + '明晓东方红建国秀英'.repeat(1 + (i % 5))).slice(0, 2 + (i % 37));
  return [
    i,
    name,
    relations[i % relations.length]!,
    `３５０４２１${fullWidth(String(100000 + i))}Ｘ`,
    `A&B <c> "d" 'e' 😀👨‍👩‍👧 第${i}条`,
    null,
    i * 1.25 + 0.01,
    i % 10 === 0 ? new Date(Date.UTC(2000 + (i % 25), i % 12, 1 + (i % 28))) : null,
    i % 7 === 0 ? i % 2 === 0 : null,
    `00${i}`,
    i % 3 === 0 ? `第${i}行、说明文字：全角（括号），以及换行\n第二行` : null,
  ];
}

function trimmed(cells: CellValue[]): CellValue[] {
  const out = [...cells];
  while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === undefined)) out.pop();
  return out;
}

const title = '已脱贫人口名单（测试）&<>';

/** The rows we expect back: the merged title row, the header row, then the data rows. */
function expectedRows(count: number): XlsxRow[] {
  return [
    { line: 1, cells: [title] },
    { line: 2, cells: headers },
    ...Array.from({ length: count }, (_, i) => ({ line: i + 3, cells: trimmed(rowValues(i + 1)) })),
  ];
}

function fillSheet(ws: ExcelJS.Worksheet, count: number, commit: boolean): void {
  const add = (values: CellValue[]) => {
    const row = ws.addRow(values);
    const date = row.getCell(8);
    // Half the dates with a custom format, half with exceljs's default (numFmtId 14).
    if (date.value instanceof Date && Number(row.getCell(1).value) % 20 === 0) date.numFmt = 'yyyy"年"m"月"d"日"';
    if (commit) row.commit();
  };
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  add(headers);
  for (let i = 1; i <= count; i++) add(rowValues(i));
}

async function writeStreaming(path: string, count: number, useSharedStrings: boolean): Promise<void> {
  const sink = createWriteStream(path);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings });
  fillSheet(wb.addWorksheet('名单'), count, true);
  wb.addWorksheet('第二张').addRow(['不应读到']).commit();
  await wb.commit();
  await finished(sink);
}

async function readAll(path: string, chunkSize?: number): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const r of readXlsxRows(path, chunkSize ? { chunkSize } : {})) rows.push(r);
  return rows;
}

function compare(actual: XlsxRow[], expected: XlsxRow[]): void {
  expect(actual.length).toBe(expected.length);
  let garbled = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    // One expect per mismatching row keeps a failure readable (and the loop fast when all is well).
    if (a.line !== e.line || a.cells.length !== e.cells.length || a.cells.some((c, j) => !sameCell(c, e.cells[j]))) {
      expect({ line: a.line, cells: a.cells }).toEqual({ line: e.line, cells: e.cells });
    }
    for (const c of a.cells) if (typeof c === 'string' && c.includes('\uFFFD')) garbled++;
  }
  expect(garbled).toBe(0);
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === (b ?? null);
}

/** The decompressed size of a zip entry (to show the sheet spans many chunks). */
function entrySize(path: string, name: string): number {
  const buf = readFileSync(path);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLength = buf.readUInt16LE(p + 28);
    if (buf.toString('utf8', p + 46, p + 46 + nameLength) === name) return buf.readUInt32LE(p + 24);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return 0;
}

describe('xlsx reader', () => {
  it('reads back a 30,000-row streamed workbook with shared strings cell by cell, with 16 KB, 64 KB and default chunks', { timeout: 120_000 }, async () => {
    const path = join(dir, 'shared.xlsx');
    await writeStreaming(path, 30_000, true);
    // Megabytes of multi-byte text: thousands of 16 KB chunk boundaries, most inside a character.
    expect(entrySize(path, 'xl/sharedStrings.xml')).toBeGreaterThan(2_000_000);
    expect(entrySize(path, 'xl/worksheets/sheet1.xml')).toBeGreaterThan(2_000_000);
    const expected = expectedRows(30_000);
    compare(await readAll(path, 16 * 1024), expected);
    compare(await readAll(path, 64 * 1024), expected);
    compare(await readAll(path), expected);
  });

  it('reads back a 30,000-row streamed workbook without shared strings (strings in the cells, rich text inline)', { timeout: 120_000 }, async () => {
    const path = join(dir, 'inline.xlsx');
    const sink = createWriteStream(path);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('名单');
    fillSheet(ws, 30_000, false);
    // Rich text is written as an inline string (<is><r><t>…</t></r>…</is>).
    ws.addRow([1, { richText: [{ text: '富文本', font: { bold: true } }, { text: '：配偶 & 初中 😀' }] }]).commit();
    ws.commit();
    await wb.commit();
    await finished(sink);
    expect(readFileSync(path).length).toBeGreaterThan(0);
    const expected = [...expectedRows(30_000), { line: 30_003, cells: [1, '富文本：配偶 & 初中 😀'] }];
    compare(await readAll(path, 16 * 1024), expected);
    compare(await readAll(path), expected);
  });

  it('reads back a workbook from the normal writer: merged title, dates, booleans, a formula result', { timeout: 60_000 }, async () => {
    const path = join(dir, 'normal.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    fillSheet(ws, 3000, false);
    ws.addRow([7, { formula: 'A3003*2', result: 14 }, { formula: '"配"&"偶"', result: '配偶' }, { error: '#N/A' }]);
    await wb.xlsx.writeFile(path);
    const expected = [...expectedRows(3000), { line: 3003, cells: [7, 14, '配偶'] }];
    compare(await readAll(path, 16 * 1024), expected);
  });

  it('follows the workbook to the first sheet and reads what other programs write (no r, <is><t>, phonetic runs, entities, 1904 dates)', async () => {
    const path = join(dir, 'handmade.xlsx');
    writeFileSync(
      path,
      storedZip({
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types/>',
        'xl/workbook.xml':
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<x:workbookPr date1904="1"/><x:sheets><x:sheet name="花名册" sheetId="2" r:id="rId7"/><x:sheet name="旧" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        'xl/_rels/workbook.xml.rels':
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
        'xl/styles.xml':
          '<styleSheet><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/><numFmt numFmtId="177" formatCode="0.00&quot;元&quot;"/></numFmts>' +
          '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"><alignment horizontal="center"/></xf><xf numFmtId="177"/><xf numFmtId="31"/></cellXfs></styleSheet>',
        'xl/sharedStrings.xml':
          '<sst count="3" uniqueCount="3"><si><t>配偶</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">欧阳 </t></r><r><t>明&amp;华</t></r><rPh sb="0" eb="2"><t>オウヨウ</t></rPh></si>' +
          '<si><t>第一行_x000D_\n第二行 &#x1F600;&#20013;&lt;&gt;&quot;&apos;</t></si><si/></sst>',
        'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>不应读到</t></is></c></row></sheetData></worksheet>',
        'xl/worksheets/sheet2.xml':
          '<?xml version="1.0"?><x:worksheet><x:dimension ref="A1:F9"/><x:sheetData>' +
          '<x:row r="2" spans="1:6"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c><x:v>3.5</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c></x:row>' +
          '<x:row><x:c r="A3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="e"><x:v>#DIV/0!</x:v></x:c>' +
          '<x:c r="E3" s="2"><x:v>12.5</x:v></x:c><x:c r="F3" s="3"><x:v>1</x:v></x:c></x:row>' +
          '<x:row r="5"/><!-- a comment <x:c r="A5"><x:v>9</x:v></x:c> -->' +
          '<x:row r="6"><x:c r="AA6" t="s"><x:v>2</x:v></x:c><x:c r="A6" t="str"><x:f>A1</x:f><x:v>公式&amp;结果</x:v></x:c></x:row>' +
          '<x:row r="7"><x:c r="A7" t="s"><x:v>3</x:v></x:c><x:c r="B7" s="1"/><x:c r="C7" t="b"><x:v>0</x:v></x:c></x:row>' +
          '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:F1"/></x:mergeCells></x:worksheet>',
      }),
    );
    const rows = await readAll(path);
    const day0 = new Date(Date.UTC(1904, 0, 1));
    const aa6: CellValue[] = [];
    aa6[0] = '公式&结果';
    for (let i = 1; i < 26; i++) aa6[i] = null;
    aa6[26] = '第一行\r\n第二行 😀中<>"\'';
    expect(rows).toEqual([
      { line: 2, cells: [null, '配偶', '欧阳 明&华', 3.5, day0] },
      { line: 3, cells: ['内联', null, true, null, 12.5, new Date(Date.UTC(1904, 0, 2))] },
      { line: 5, cells: [] },
      { line: 6, cells: aa6 },
      { line: 7, cells: ['', null, false] },
    ]);
  });

  it('tells a date format from a number format', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy"年"m"月"', 'm/d/yy h:mm', '[$-F800]dddd, mmmm dd, yyyy', 'YYYY/MM/DD']) expect(isDateFormatCode(code)).toBe(true);
    for (const code of ['General', '0.00', '#,##0.00"元"', '0.00_);[Red]\\(0.00\\)', '@', '"day "0']) expect(isDateFormatCode(code)).toBe(false);
  });

  it('refuses a corrupt workbook, a cut-off one, an encrypted entry, ZIP64 and an .xls with a Chinese message', async () => {
    const refused = async (path: string): Promise<AppError> => {
      try {
        await readAll(path);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return err as AppError;
      }
      throw new Error('读取应当失败');
    };
    const good = join(dir, 'good.xlsx');
    await writeStreaming(good, 200, true);
    const bytes = readFileSync(good);

    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const e1 = await refused(cut);
    expect(e1.code).toBe('RULE');
    expect(e1.message).toMatch(/另存为/);

    // The sheet's compressed bytes overwritten: inflating fails or the checksum does not match.
    const corrupt = join(dir, 'corrupt.xlsx');
    const broken = Buffer.from(bytes);
    const at = broken.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 200;
    for (let i = at; i < at + 300; i++) broken[i] = (broken[i]! * 7 + 13) & 0xff;
    writeFileSync(corrupt, broken);
    const e2 = await refused(corrupt);
    expect(e2.code).toBe('RULE');
    expect(e2.message).toMatch(/另存为/);

    const encrypted = join(dir, 'encrypted.xlsx');
    writeFileSync(encrypted, storedZip({ 'xl/workbook.xml': '<workbook/>' }, { flags: 0x1 }));
    const e3 = await refused(encrypted);
    expect(e3.code).toBe('RULE');
    expect(e3.message).toMatch(/加密.*另存为/);

    const zip64 = join(dir, 'zip64.xlsx');
    writeFileSync(zip64, storedZip({ 'xl/workbook.xml': '<workbook/>' }, { zip64: true }));
    const e4 = await refused(zip64);
    expect(e4.message).toMatch(/ZIP64.*另存为/);

    const xls = join(dir, '名单.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    await expect(detectFormat(xls, '名单.xls')).rejects.toThrow(/旧版 Excel.*另存为/);
  });
});

/** A zip with every entry stored (no compression), as a hand-made .xlsx. */
function storedZip(files: Record<string, string>, options: { flags?: number; zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(options.flags ?? 0, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(options.flags ?? 0, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
