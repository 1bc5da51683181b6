import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRows, type SheetRow } from '../../electron/core/features/files/import/read';
import { batchesAhead, batchRows, readRowsInWorker } from '../../electron/core/features/files/import/rowsInWorker';
import { importWorkerEntry } from '../../electron/core/features/files/import/runInWorker';
import { AppError } from '../../shared/lib/result';
import { simpleXlsx } from '../fixtures/importWorkbooks';

// The parse's rows read in a reader thread (issue 11 item 7): the same rows, in the same order,
// as reading them in one thread; a file the reader refuses is refused with the same message; and
// a parse that stops early ends the reader rather than leaving it reading.

const dir = mkdtempSync(join(tmpdir(), 'rows-in-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = importWorkerEntry();
if (!entry) throw new Error('the import worker source is missing');

async function all(rows: AsyncGenerator<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

async function failure(rows: AsyncGenerator<SheetRow>): Promise<AppError> {
  try {
    await all(rows);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the read to fail');
}

describe('rows read in a reader thread', () => {
  // More rows than the batches the reader may post ahead, and a last batch that is not full.
  const count = batchRows * (batchesAhead + 3) + 17;
  const headers = ['户编号', '姓名', '证件号码', '人数', '识别日期', '说明'];
  const values = (i: number): (string | number | null)[] => [
    `35042110100${String(i % 3000).padStart(5, '0')}`,
    `欧阳${'明晓东方红'.slice(0, 1 + (i % 5))}`,
    `３５０４２１${String(190000000000 + i)}`,
    i % 7,
    i % 4 === 0 ? null : `2023-0${1 + (i % 9)}-1${i % 10}`,
    i % 11 === 0 ? `第${i}行 & <说明>` : null,
  ];

  it('gives every row of an .xlsx exactly as reading in one thread does', async () => {
    const path = join(dir, '名单.xlsx');
    writeFileSync(path, await simpleXlsx(headers, Array.from({ length: count }, (_, i) => values(i)), '名单'));
    const here = await all(readRows(path, 'xlsx'));
    const threaded = await all(readRowsInWorker(entry, path, 'xlsx', 256));
    expect(here).toHaveLength(count + 2);
    expect(threaded).toEqual(here);
  });

  it('gives every row of a CSV exactly as reading in one thread does', async () => {
    const path = join(dir, '名单.csv');
    writeFileSync(path, [headers.join(','), ...Array.from({ length: count }, (_, i) => values(i).map((v) => v ?? '').join(','))].join('\r\n'));
    const here = await all(readRows(path, 'csv'));
    expect(await all(readRowsInWorker(entry, path, 'csv', 256))).toEqual(here);
  });

  it('refuses a damaged workbook with the message reading in one thread gives', async () => {
    const path = join(dir, '坏.xlsx');
    const good = await simpleXlsx(headers, [values(1)]);
    // The zip's directory is cut off: the reader cannot find the sheet.
    writeFileSync(path, good.subarray(0, good.length - 40));
    const here = await failure(readRows(path, 'xlsx'));
    const threaded = await failure(readRowsInWorker(entry, path, 'xlsx', 256));
    expect(threaded.code).toBe(here.code);
    expect(threaded.message).toBe(here.message);
  });

  it('a parse that stops early ends the reader', async () => {
    const path = join(dir, '长.xlsx');
    writeFileSync(path, await simpleXlsx(headers, Array.from({ length: count }, (_, i) => values(i))));
    const rows = readRowsInWorker(entry, path, 'xlsx', 256);
    const first = await rows.next();
    expect(first.done).toBe(false);
    // return() runs the generator's cleanup, which terminates the reader thread; it then reports done.
    expect(await rows.return(undefined)).toEqual({ done: true, value: undefined });
    expect((await rows.next()).done).toBe(true);
  });
});
