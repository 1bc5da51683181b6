import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLedgerFile } from '../../electron/core/files/export/ledgerFile';
import { hashFile } from '../../electron/core/files/export/sink';
import type { LedgerRecord } from '../../electron/core/files/export/writers';
import { readXlsxRows } from '../../electron/core/files/xlsx/xlsxReader';
import { ZipFile } from '../../electron/core/files/xlsx/xlsxZip';
import type { JobControl } from '../../electron/core/jobs';
import type { LedgerColumn } from '../../shared/domain/ledgerLayouts';

// The streaming .xlsx writer of the exports and the quarterly submission (issue 11.7): rows are
// encoded as they come and deflated on libuv's threads, several MiB in flight at once, yet the zip
// must come out in order with every entry's CRC and sizes right, and the XML must say the same.

const dir = mkdtempSync(join(tmpdir(), 'xlsx-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const control: JobControl = { report: () => undefined, signal: new AbortController().signal, throwIfCancelled: () => undefined };

const columns: LedgerColumn[] = [
  { key: 'seq', header: '序号', width: 6, kind: 'int' },
  { key: 'name', header: '姓名', width: 10, kind: 'text' },
  { key: 'address', header: '住址', width: 30, kind: 'text' },
  { key: 'amount', header: '金额', width: 12, kind: 'money' },
  { key: 'date', header: '日期', width: 12, kind: 'date' },
];

function record(i: number): LedgerRecord {
  return {
    seq: i,
    name: `欧阳${'明晓东方红建国秀英'.slice(0, 1 + (i % 8))}`,
    address: `城关乡廖家岭村${i % 12}组${i}号，${'沿溪路'.repeat(1 + (i % 9))}`,
    amount: i * 125,
    date: `20${String(10 + (i % 16)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
  };
}

async function* batches(total: number, size: number): AsyncGenerator<LedgerRecord[]> {
  for (let from = 1; from <= total; from += size) {
    yield Array.from({ length: Math.min(size, total - from + 1) }, (_, k) => record(from + k));
  }
}

/** Every entry of the zip read whole: ZipFile checks each one's CRC-32 and size against the directory. */
async function readAllEntries(path: string): Promise<Map<string, string>> {
  const zip = await ZipFile.open(path);
  const texts = new Map<string, string>();
  for (const name of zip.names()) texts.set(name, await zip.wholeText(name, 256 * 1024 * 1024));
  return texts;
}

describe('the streaming .xlsx writer', () => {
  // About 10 MiB of XML: seconds on a busy machine.
  it('writes a sheet of many MiB whose chunks were deflated off the main thread as a valid zip, rows in order', { timeout: 60_000 }, async () => {
    const path = join(dir, 'big.xlsx');
    const total = 60_000;
    const written = await writeLedgerFile(path, 'big.xlsx', 'xlsx', [{ name: '户籍台账', columns, rows: { total, batches: batches(total, 1700) } }], control, () => undefined);
    expect(written.rows).toBe(total);
    expect(await hashFile(path)).toEqual({ sha256: written.sha256, size: written.size });

    const entries = await readAllEntries(path);
    const sheet = entries.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.length).toBeGreaterThan(8 * 1024 * 1024); // more than the writer keeps in flight
    expect(sheet.endsWith('</worksheet>')).toBe(true);
    expect([...entries.keys()]).toEqual(['xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', '_rels/.rels', '[Content_Types].xml']);

    let line = 1;
    for await (const row of readXlsxRows(path)) {
      if (row.line === 1) {
        expect(row.cells).toEqual(['序号', '姓名', '住址', '金额', '日期']);
        continue;
      }
      line += 1;
      expect(row.line).toBe(line);
      const r = record(line - 1);
      expect(row.cells.slice(0, 4)).toEqual([r.seq, r.name, r.address, (r.amount as number) / 100]);
    }
    expect(line).toBe(total + 1);
  });

  it('marks only text with whitespace to keep (xml:space), and such text reads back exactly', async () => {
    const path = join(dir, 'spaces.xlsx');
    const texts = ['张三', '  前后空格  ', '第一行\n第二行', '全角\u3000空格', 'A & B <c>'];
    const rows = texts.map((address, i): LedgerRecord => ({ seq: i + 1, name: '李四', address }));
    await writeLedgerFile(path, 'spaces.xlsx', 'xlsx', [{ name: '住址', columns, rows }], control, () => undefined);

    const sheet = (await readAllEntries(path)).get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<t>张三</t>');
    expect(sheet).toContain('<t>李四</t>');
    expect(sheet).toContain('<t xml:space="preserve">  前后空格  </t>');
    expect(sheet).toContain('<t xml:space="preserve">第一行\n第二行</t>');
    expect(sheet).toContain('<t xml:space="preserve">全角\u3000空格</t>');
    expect(sheet).toContain('<t xml:space="preserve">A &amp; B &lt;c&gt;</t>');
    expect(sheet.match(/xml:space/g)).toHaveLength(4);

    const read: unknown[] = [];
    for await (const row of readXlsxRows(path)) if (row.line > 1) read.push(row.cells[2]);
    expect(read).toEqual(texts);
  });
});
