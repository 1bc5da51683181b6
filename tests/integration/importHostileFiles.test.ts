import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerFailure } from '../../electron/core/features/files/import/runInWorker';
import { compoundFile, buildZip, workbookParts, zipOf } from '../fixtures/zipBuild';
import { openTestOffice } from './harness';

// Files that once crashed or misled the import, through the command line as county IT runs it (a
// child process, the worker thread included): the process survives and prints its JSON error with
// the Chinese message. Before, a 3.9 KB file with one cell at column ZZZZZZZ took the CLI to 2.2 GB
// and killed it with no output — in the worker thread, so the desktop's main process would die too.

const root = join(import.meta.dirname, '..', '..');
let work: string;
let dataDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ledger-hostile-'));
  dataDir = join(work, 'data');
  const office = await openTestOffice({ dataDir });
  await office.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface CliError {
  status: number | null;
  signal: NodeJS.Signals | null;
  error: { code: string; message: string };
}

function importFile(name: string, bytes: Buffer, env: Record<string, string> = {}): CliError {
  const path = join(work, name);
  writeFileSync(path, bytes);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), 'import', path, '--kind', 'households', '--data', dataDir, '--json'], {
    cwd: root,
    env: { ...process.env, LEDGER_CLI_LANG: '', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  const lines = r.stdout.trim().split('\n').filter((l) => l.startsWith('{'));
  expect(lines, `stdout: ${r.stdout}\nstderr: ${r.stderr.slice(-2000)}`).toHaveLength(1);
  const parsed = JSON.parse(lines[0]!) as { ok: boolean; error: { code: string; message: string } };
  expect(parsed.ok).toBe(false);
  return { status: r.status, signal: r.signal, error: parsed.error };
}

describe('the CLI survives a hostile file and says what is wrong', { timeout: 120_000 }, () => {
  it('a cell at column ZZZZZZZ: refused with the grid message, exit 1, no crash', () => {
    const r = importFile('远列.xlsx', zipOf(workbookParts('<row r="1"><c r="ZZZZZZZ1"><v>1</v></c></row>')));
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.error.message).toMatch(/超出表格范围.*16384 列/);
  });

  it('the worker running out of memory ends the worker only: the CLI prints the memory message', () => {
    // A small ceiling stands in for a file that needs more than the real one: 3,000 rows of a wide CSV.
    const header = ['户编号', '姓名', '证件号码', '与户主关系', '所在村', ...Array.from({ length: 40 }, (_, i) => `备注${i}`)].join(',');
    const rows = Array.from({ length: 3000 }, (_, i) => [`H${i}`, `张${i}`, '350421196405220011', '户主', '城关村', ...Array.from({ length: 40 }, (_, j) => `第${i}行第${j}列的说明文字`)].join(','));
    const r = importFile('大.csv', Buffer.from([header, ...rows].join('\n')), { LEDGER_IMPORT_WORKER_HEAP_MB: '8' });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.error.message).toMatch(/内存超出了程序的上限（8 MB）.*数据未改动/);
  });

  it('a password-protected workbook: the opening-password message, not "an old .xls"', () => {
    const r = importFile('加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(r.status).toBe(1);
    expect(r.error.message).toBe('该文件设有打开密码，请在 WPS 或 Excel 中取消密码后另存再导入');
  });

  it('a renamed .ods: "this is an ODS file", not "no worksheet"', () => {
    const r = importFile('改名.xlsx', buildZip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<office:document-content/>']]));
    expect(r.status).toBe(1);
    expect(r.error.message).toMatch(/^这是 ODS 文件，不是 Excel 文件/);
  });
});

describe('workerFailure', () => {
  it('maps an out-of-memory end and any other worker error to a Chinese message that says nothing was changed', () => {
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(workerFailure(oom, 512).message).toMatch(/内存超出了程序的上限（512 MB）/);
    const thrown = workerFailure(new TypeError('x is not a function'));
    expect(thrown.code).toBe('INTERNAL');
    expect(thrown.message).toMatch(/后台线程出错（x is not a function）.*数据未改动/);
  });
});
