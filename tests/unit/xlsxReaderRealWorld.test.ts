import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../electron/core/features/files/import/read';
import { passwordMessage } from '../../electron/core/files/xlsx/officeContainer';
import { isDateFormatCode, readXlsxRows, type XlsxRow } from '../../electron/core/files/xlsx/xlsxReader';
import { sharedStringLimits } from '../../electron/core/files/xlsx/xlsxStrings';
import { AppError } from '../../shared/lib/result';
import { buildZip, compoundFile, workbookParts, zipOf } from '../fixtures/zipBuild';

// The reader against what real-world workbooks hold (issue 17): each case a small workbook built
// here, each failing on the reader before the fix. Dates are also read in a child process running
// in Beijing time, where a date read in local time comes out a day early.

const dir = mkdtempSync(join(tmpdir(), 'xlsx-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, '..', '..');

let n = 0;
function file(bytes: Buffer, name = `f${++n}.xlsx`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function readAll(path: string): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const r of readXlsxRows(path)) rows.push(r);
  return rows;
}

async function refusal(path: string): Promise<AppError> {
  try {
    await readAll(path);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('读取应当失败');
}

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s));

/** Styles: 1 = yyyy-mm-dd, 2 = "ss" (seconds only), 3 = "[ss]", 4 = "mm:ss", 5 = built-in 21 (h:mm:ss), 6 = "0.00". */
const styles =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5">' +
  '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="ss"/><numFmt numFmtId="166" formatCode="[ss]"/>' +
  '<numFmt numFmtId="167" formatCode="mm:ss"/><numFmt numFmtId="168" formatCode="0.00"/></numFmts>' +
  '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="21"/><xf numFmtId="168"/></cellXfs>' +
  // A conditional format's own numFmt is not the cell's format.
  '<dxfs count="1"><dxf><numFmt numFmtId="168" formatCode="yyyy"/></dxf></dxfs></styleSheet>';

function datesWorkbook(): Buffer {
  const parts = workbookParts(
    '<row r="1"><c r="A1" t="d"><v>2024-03-01T00:00:00</v></c><c r="B1" t="d"><v>2024-03-01</v></c><c r="C1" t="d"><v>2023-12-31T23:30:00Z</v></c><c r="D1" t="d"><v>不是日期</v></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>1</v></c><c r="B2" s="1"><v>59</v></c><c r="C2" s="1"><v>60</v></c><c r="D2" s="1"><v>61</v></c><c r="E2" s="1"><v>45352</v></c></row>' +
      '<row r="3"><c r="A3" s="2"><v>0.000347222222222222</v></c><c r="B3" s="3"><v>0.5</v></c><c r="C3" s="4"><v>0.25</v></c><c r="D3" s="5"><v>0.75</v></c><c r="E3" s="6"><v>0.5</v></c></row>',
    { 'xl/styles.xml': styles },
  );
  parts['xl/_rels/workbook.xml.rels'] = parts['xl/_rels/workbook.xml.rels']!.replace(
    '</Relationships>',
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  );
  return zipOf(parts);
}

describe('dates', () => {
  it('reads date text (t="d") as the calendar day, serials below 61 as Excel shows them, and seconds-only formats as times', async () => {
    const rows = await readAll(file(datesWorkbook()));
    expect(rows[0]!.cells).toEqual([utc(2024, 3, 1), utc(2024, 3, 1), utc(2023, 12, 31, 23, 30), '不是日期']);
    // Excel: 1 = 1900-01-01, 59 = 1900-02-28, 60 = the phantom 1900-02-29 (read as 1 March), 61 = 1900-03-01.
    expect(rows[1]!.cells).toEqual([utc(1900, 1, 1), utc(1900, 2, 28), utc(1900, 3, 1), utc(1900, 3, 1), utc(2024, 3, 1)]);
    const times = rows[2]!.cells;
    for (const c of times.slice(0, 4)) expect(c).toBeInstanceOf(Date);
    expect((times[0] as Date).getUTCSeconds()).toBe(30);
    expect((times[1] as Date).getUTCHours()).toBe(12);
    expect(times[4]).toBe(0.5);
    expect(isDateFormatCode('ss')).toBe(true);
    expect(isDateFormatCode('[ss]')).toBe(true);
    expect(isDateFormatCode('[h]')).toBe(true);
    expect(isDateFormatCode('#,##0.00" pcs"')).toBe(false);
  });

  it('on a Beijing-time PC (TZ=Asia/Shanghai, a child process) 2024-03-01 stays 2024-03-01', { timeout: 60_000 }, () => {
    const path = file(datesWorkbook());
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests/fixtures/readXlsxChild.ts'), path], {
      cwd: root,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout.trim()) as { offsetMinutes: number; rows: { cells: unknown[] }[] };
    expect(out.offsetMinutes).toBe(-480); // the child really runs in Beijing time
    expect(out.rows[0]!.cells.slice(0, 3)).toEqual(['date:2024-03-01', 'date:2024-03-01', 'date:2023-12-31']);
    expect(out.rows[1]!.cells).toEqual(['date:1900-01-01', 'date:1900-02-28', 'date:1900-03-01', 'date:1900-03-01', 'date:2024-03-01']);
  });
});

describe('hostile files are refused quickly with a Chinese message', () => {
  it('a cell reference beyond XFD or a row beyond 1,048,576', async () => {
    const t0 = performance.now();
    const wide = await refusal(file(zipOf(workbookParts('<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>'))));
    expect(wide.message).toMatch(/超出表格范围.*16384 列/);
    const xfe = await refusal(file(zipOf(workbookParts('<row r="1"><c r="XFE1"><v>1</v></c></row>'))));
    expect(xfe.message).toContain('XFE1');
    const tall = await refusal(file(zipOf(workbookParts('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))));
    expect(tall.message).toMatch(/超出表格范围.*1048576 行/);
    // XFD1048576 itself is inside Excel's grid.
    const last = await readAll(file(zipOf(workbookParts('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'))));
    expect(last[0]!.line).toBe(1_048_576);
    expect(last[0]!.cells[16_383]).toBe(7);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('an unclosed cell over 20 MB of digits, and a cell of more than 32,767 characters', async () => {
    const unclosedCell = (digits: Buffer) => {
      const parts: Record<string, string | Buffer> = workbookParts('');
      parts['xl/worksheets/sheet1.xml'] = Buffer.concat([Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"><v>'), digits]);
      return file(zipOf(parts, true));
    };
    // The issue's file in small: one digit repeated compresses ~1000:1 and is stopped as a bomb.
    const same = unclosedCell(Buffer.alloc(20 * 1024 * 1024, '7'));
    // Random digits compress like real data (~2.4:1): stopped by the bound on one element.
    const random = unclosedCell(Buffer.from(Array.from({ length: 4 * 1024 * 1024 }, () => 48 + Math.floor(Math.random() * 10))));
    const t0 = performance.now();
    expect((await refusal(same)).message).toMatch(/解压后异常庞大|超过 32767 个字符/);
    expect((await refusal(random)).message).toMatch(/第 1 行附近的单元格的内容超过 32767 个字符/);
    expect(performance.now() - t0).toBeLessThan(5000);

    const long = await refusal(file(zipOf(workbookParts(`<row r="3"><c r="B3" t="inlineStr"><is><t>${'长'.repeat(32_768)}</t></is></c></row>`))));
    expect(long.message).toMatch(/第 3 行 B 列的单元格.*32767/);
    const longShared = await refusal(
      file(
        zipOf(
          workbookParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
            'xl/sharedStrings.xml': `<sst><si><t>${'x'.repeat(40_000)}</t></si></sst>`,
          }),
        ),
      ),
    );
    expect(longShared.message).toMatch(/文字表第 1 段文字.*32767/);
    // Exactly 32,767 is Excel's own limit and reads.
    const ok = await readAll(file(zipOf(workbookParts(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'字'.repeat(32_767)}</t></is></c></row>`))));
    expect((ok[0]!.cells[0] as string).length).toBe(32_767);
  });

  it('a zip bomb: a part inflating past its declared size, and one inflating more than 200:1', async () => {
    const spaces = Buffer.alloc(64 * 1024 * 1024, ' ');
    const sheet = Buffer.concat([Buffer.from('<worksheet><sheetData>'), spaces, Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>')]);
    const entries = (claimedSize?: number) =>
      Object.entries(workbookParts('')).map(([name, data]) =>
        name === 'xl/worksheets/sheet1.xml' ? { name, data: sheet, deflate: true, ...(claimedSize ? { claimedSize } : {}) } : { name, data },
      );
    const t0 = performance.now();
    const honest = await refusal(file(buildZip(entries())));
    expect(honest.message).toMatch(/解压后异常庞大/);
    const lying = await refusal(file(buildZip(entries(1000))));
    expect(lying.message).toMatch(/解压后异常庞大|校验不符/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('password-protected workbooks', () => {
  it('an encrypted OLE container is reported as having an opening password, in the reader and in the format check', async () => {
    const encrypted = file(compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']), '名单.xlsx');
    expect((await refusal(encrypted)).message).toBe(passwordMessage);
    await expect(detectFormat(encrypted, '名单.xlsx')).rejects.toThrow(passwordMessage);
    // An old .xls is still an old .xls.
    const xls = file(compoundFile(['Workbook', '\u0005SummaryInformation']), '旧.xls');
    await expect(detectFormat(xls, '旧.xls')).rejects.toThrow(/旧版 Excel 文件（\.xls）/);
    expect((await refusal(xls)).message).toMatch(/旧版 Excel 文件/);
  });
});

describe('files once refused with 文件中没有工作表 or read empty', () => {
  it('internal paths written with backslashes', async () => {
    const parts = workbookParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { 'xl/sharedStrings.xml': '<sst><si><t>张三</t></si></sst>' });
    const bytes = buildZip(Object.entries(parts).map(([name, data]) => ({ name: name.replace(/\//g, '\\'), data })));
    expect(await readAll(file(bytes))).toEqual([{ line: 1, cells: ['张三'] }]);
  });

  it('a workbook part not at xl/workbook.xml, found from _rels/.rels, its sheets from its own relationships', async () => {
    const parts = workbookParts('');
    const bytes = zipOf({
      '_rels/.rels': parts['_rels/.rels']!.replace('xl/workbook.xml', '/book/main.xml'),
      'book/main.xml': parts['xl/workbook.xml']!,
      'book/_rels/main.xml.rels': parts['xl/_rels/workbook.xml.rels']!.replace('worksheets/sheet1.xml', 'tabs/first.xml').replace(
        '</Relationships>',
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="words.xml"/></Relationships>',
      ),
      'book/words.xml': '<sst><si><t>户主</t></si></sst>',
      'book/tabs/first.xml': '<worksheet><sheetData><row r="2"><c r="C2" t="s"><v>0</v></c></row></sheetData></worksheet>',
    });
    expect(await readAll(file(bytes))).toEqual([{ line: 2, cells: [null, null, '户主'] }]);
  });

  it('a first tab that is a chart sheet: the first worksheet is read', async () => {
    const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const parts = workbookParts('<row r="1"><c r="A1"><v>42</v></c></row>', {
      'xl/workbook.xml': `<workbook xmlns:r="${relNs}"><sheets><sheet name="图表" sheetId="2" r:id="rId2"/><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId2" Type="${relNs}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId1" Type="${relNs}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/chartsheets/sheet1.xml': '<chartsheet><sheetPr/><drawing r:id="rId1"/></chartsheet>',
    });
    expect(await readAll(file(zipOf(parts)))).toEqual([{ line: 1, cells: [42] }]);
  });

  it('UTF-16 internal parts (with a BOM, little- and big-endian) and a GBK-declared part', async () => {
    const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const utf16be = (s: string) => {
      const le = Buffer.from(s, 'utf16le');
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    };
    const parts: Record<string, string | Buffer> = workbookParts('');
    parts['xl/workbook.xml'] = utf16le(`<?xml version="1.0" encoding="UTF-16"?>${parts['xl/workbook.xml'] as string}`);
    parts['xl/sharedStrings.xml'] = utf16be('<?xml version="1.0" encoding="UTF-16"?><sst><si><t>配偶</t></si><si><t>欧阳明</t></si></sst>');
    parts['xl/worksheets/sheet1.xml'] = utf16le(
      '<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>户主</t></is></c></row></sheetData></worksheet>',
    );
    expect(await readAll(file(zipOf(parts, true)))).toEqual([{ line: 1, cells: ['欧阳明', '配偶', '户主'] }]);

    // "张三" in GBK is D5 C5 C8 FD.
    const gbkParts: Record<string, string | Buffer> = workbookParts('');
    gbkParts['xl/worksheets/sheet1.xml'] = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB2312"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from('</t></is></c></row></sheetData></worksheet>'),
    ]);
    expect(await readAll(file(zipOf(gbkParts)))).toEqual([{ line: 1, cells: ['张三'] }]);
  });

  it('an Office 2007 beta file: <sstItem> strings, the beta namespaces and content types', async () => {
    const beta = 'xmlns="http://schemas.microsoft.com/office/excel/2006/2" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const parts = workbookParts('', {
      '[Content_Types].xml':
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.ms-excel.worksheet+xml"/></Types>',
      'xl/workbook.xml': `<workbook ${beta}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      'xl/sharedStrings.xml': `<sst ${beta} count="2" uniqueCount="2"><sstItem><t>姓名</t></sstItem><sstItem><t>王五</t></sstItem></sst>`,
      'xl/worksheets/sheet1.xml': `<worksheet ${beta}><sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`,
    });
    expect(await readAll(file(zipOf(parts)))).toEqual([{ line: 1, cells: ['姓名', '王五'] }]);
  });

  it('text in CDATA sections, without the <![CDATA[ markup', async () => {
    const parts = workbookParts(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t><![CDATA[a < b & "c"]]></t></is></c><c r="C1" t="str"><v><![CDATA[公式&结果]]></v></c></row>',
      { 'xl/sharedStrings.xml': '<sst><si><t><![CDATA[张三]]></t></si></sst>' },
    );
    expect(await readAll(file(zipOf(parts)))).toEqual([{ line: 1, cells: ['张三', 'a < b & "c"', '公式&结果'] }]);
  });

  it('a renamed .ods is called an ODS file, not a workbook without sheets', async () => {
    const ods = buildZip([
      ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['META-INF/manifest.xml', '<manifest:manifest/>'],
      ['content.xml', '<office:document-content/>'],
    ]);
    const path = file(ods, '名单.xlsx');
    expect(await detectFormat(path, '名单.xlsx')).toBe('xlsx');
    expect((await refusal(path)).message).toMatch(/^这是 ODS 文件，不是 Excel 文件，请在 WPS 或 Excel 中另存为 \.xlsx/);
  });
});

describe('the shared-strings table is bounded', () => {
  it('past the limit the import stops with a message instead of taking the memory', async () => {
    const saved = { ...sharedStringLimits };
    sharedStringLimits.maxCount = 1000;
    try {
      const items = Array.from({ length: 1001 }, (_, i) => `<si><t>第${i}段</t></si>`).join('');
      const path = file(zipOf(workbookParts('<row r="1"><c r="A1" t="s"><v>1000</v></c></row>', { 'xl/sharedStrings.xml': `<sst>${items}</sst>` })));
      expect((await refusal(path)).message).toMatch(/文字表过大.*拆分/);
      sharedStringLimits.maxCount = 1001;
      expect(await readAll(path)).toEqual([{ line: 1, cells: ['第1000段'] }]);
      sharedStringLimits.maxBytes = 2000;
      expect((await refusal(path)).message).toMatch(/文字表过大/);
    } finally {
      Object.assign(sharedStringLimits, saved);
    }
  });

  it('the compact table gives back every string as written (multi-byte, emoji, across 1 MiB slabs)', async () => {
    const strings = Array.from({ length: 60_000 }, (_, i) => `${i}号：${'欧阳明😀'.repeat(i % 7)}&<>`);
    const sst = `<sst>${strings.map((s) => `<si><t>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t></si>`).join('')}</sst>`;
    const sheet = Array.from({ length: 60 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${r * 997}</v></c></row>`).join('');
    const rows = await readAll(file(zipOf(workbookParts(sheet, { 'xl/sharedStrings.xml': sst }), true)));
    expect(rows.map((r) => r.cells[0])).toEqual(Array.from({ length: 60 }, (_, r) => strings[r * 997]));
  });
});
