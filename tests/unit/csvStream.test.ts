import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, type CsvRow } from '../../electron/core/features/files/import/csvStream';
import { readRows } from '../../electron/core/features/files/import/read';
import { AppError } from '../../shared/lib/result';

// CSV import as a stream (issue 16 item 7): a 124 MB CSV once took 2.5 GB because it was read,
// decoded and split whole. Records must come out the same whatever the chunk boundaries, GBK and
// UTF-8 must still be told apart, and the memory must not grow with the file.

const dir = mkdtempSync(join(tmpdir(), 'csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || s.startsWith('"') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records with quotes, separators and line breaks inside cells, CRLF and LF line ends. */
function records(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => [
    String(i + 1),
    `张${'三'.repeat(i % 3)}`,
    i % 4 === 0 ? `含"引号", 和逗号` : '350421196405221234',
    i % 5 === 0 ? '第一行\r\n第二行\n第三行' : '',
    i % 7 === 0 ? '"' : '户主',
  ]);
}

function toCsv(rows: string[][], eol: string): string {
  return rows.map((r) => r.map(csvCell).join(',')).join(eol) + eol;
}

async function readAll(path: string): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const r of readRows(path, 'csv')) out.push(r as CsvRow);
  return out;
}

describe('CSV as a stream', () => {
  it('gives the same records whatever the chunk boundaries (inside quotes, between "" and \\r\\n)', () => {
    const rows = records(300);
    for (const eol of ['\r\n', '\n']) {
      const text = toCsv(rows, eol);
      for (const size of [1, 2, 3, 7, 64, 1000]) {
        const parser = new CsvParser();
        const out: CsvRow[] = [];
        for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), out);
        parser.end(out);
        expect(out.map((r) => r.cells)).toEqual(rows);
        expect(out.at(-1)!.line).toBe(300);
      }
    }
  });

  it('tells GBK from UTF-8 by the whole file, even when the first Chinese character comes after the first megabyte', async () => {
    const ascii = Array.from({ length: 40_000 }, (_, i) => `${i},abcdefghij,0123456789`).join('\r\n');
    expect(ascii.length).toBeGreaterThan(1024 * 1024);
    const text = `序号,姓名,证件号码\r\n${ascii}\r\n99,张三,350421196405221234\r\n`;
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, iconv.encode(text, 'gbk'));
    const fromGbk = await readAll(gbk);
    expect(fromGbk[0]!.cells).toEqual(['序号', '姓名', '证件号码']);
    expect(fromGbk.at(-1)!.cells).toEqual(['99', '张三', '350421196405221234']);

    // UTF-8 with a BOM and a three-byte character across the 1 MiB read boundary (it starts at byte 1,048,575).
    const pad = `${'abcdefghi\n'.repeat(104_857)}ab`;
    expect(3 + pad.length).toBe(1024 * 1024 - 1);
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${pad}配偶,户主\n`, 'utf8')]));
    const fromUtf8 = await readAll(utf8);
    expect(fromUtf8).toHaveLength(104_858);
    expect(fromUtf8[0]).toEqual({ line: 1, cells: ['abcdefghi'] });
    expect(fromUtf8.at(-1)).toEqual({ line: 104_858, cells: ['ab配偶', '户主'] });
  });

  it('refuses a cell that never ends (an unpaired quote) instead of reading the rest of the file into it', async () => {
    const path = join(dir, 'quote.csv');
    writeFileSync(path, `序号,姓名\n1,"张三\n${'2,李四\n'.repeat(10_000)}`);
    const err = await readAll(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/第 2 行有一个单元格超过 32767 个字符.*引号没有配对/);
  });

  it('keeps memory flat on a 32 MB file: records are handed over as they are read', { timeout: 60_000 }, async () => {
    const path = join(dir, 'big.csv');
    const line = '1234567,欧阳明晓,350421196405221234,城关村,第一组,脱贫户,初中,普通劳动力,13800000000\n';
    writeFileSync(path, line.repeat(Math.ceil((32 * 1024 * 1024) / Buffer.byteLength(line))));
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    let count = 0;
    for await (const row of readRows(path, 'csv')) {
      if (row.cells.length !== 9) throw new Error(`第 ${row.line} 行列数不对`);
      if (++count % 20_000 === 0) {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
      }
    }
    expect(count).toBeGreaterThan(300_000);
    // Reading the file whole held its 32 MB of bytes and 64 MB of text at once.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });
});
