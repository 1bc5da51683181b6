// Files that leave the program (issue 16, items 4 and 13): a final name only ever names a complete
// file or submission, whatever moment the program is killed at; files go only to folders outside
// the program's own; a manifest cannot send the verifier outside its folder; Windows device names
// are refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submissionResultSchema } from '../../shared/contract/fileExport';
import { checkExportFileName, isWindowsDeviceName, registerProgramFolder } from '../../electron/core/files/export/paths';
import { copyFileComplete, writeTestHooks } from '../../electron/core/files/export/sink';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput } from './householdsFixtures';

const root = join(import.meta.dirname, '..', '..');
let office: TestOffice;
let target: string;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-08T02:00:00.000Z') });
  target = mkdtempSync(join(tmpdir(), 'ledger-usb-'));
  await office.call('households.create', householdInput(office));
});
afterEach(async () => {
  writeTestHooks.beforeChunk = null;
  await office.close();
  rmSync(target, { recursive: true, force: true });
  rmSync(office.dataDir, { recursive: true, force: true });
});

/** Visible (not hidden) entries directly in `dir`. */
const visible = (dir: string) => readdirSync(dir).filter((n) => !n.startsWith('.'));

describe('final names only for complete files', () => {
  it('a submission killed at any moment (seen from inside its writes) leaves no folder with a submission’s name', async () => {
    const seen: { file: string; visible: string[] }[] = [];
    writeTestHooks.beforeChunk = (file) => seen.push({ file, visible: visible(target) });
    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: target });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('done');
    // Up to and including the manifest's write, a kill would leave only the hidden work folder.
    expect(seen.some((s) => s.file === 'manifest.json')).toBe(true);
    expect(seen.filter((s) => s.visible.length > 0)).toEqual([]);
    const { dir } = submissionResultSchema.parse(snap.result);
    expect(visible(target)).toEqual([dir.slice(target.length + 1)]);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect(readdirSync(target).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a killed submission’s work folder is never taken for a submission and the next submission removes it', async () => {
    const leftover = join(target, '.城关乡_2026Q3季度报送.partial-deadbeef');
    mkdirSync(leftover);
    writeFileSync(join(leftover, '户籍台账.xlsx'), 'half a workbook');
    writeFileSync(join(leftover, 'manifest.json'), '{}');
    const old = new Date(Date.now() - 60 * 60_000);
    utimesSync(leftover, old, old);
    const refused = await office.fail('files.verifySubmission', { dir: target });
    expect(refused.message).toContain('找不到报送清单 manifest.json');

    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: target });
    expect((await office.core.jobs.wait(jobId)).status).toBe('done');
    expect(existsSync(leftover)).toBe(false);
  });

  it('an export’s file in the outbox does not carry its final name while it is written, and a failure leaves nothing', async () => {
    const during: string[][] = [];
    writeTestHooks.beforeChunk = (file) => {
      const outbox = join(office.dataDir, 'outbox');
      during.push(readdirSync(outbox, { recursive: true }).map(String).filter((n) => n.endsWith(file)));
    };
    const { jobId } = await office.call('files.export', { ledger: 'households', format: 'csv', filters: {} });
    const done = await office.core.jobs.wait(jobId);
    expect(done.status).toBe('done');
    expect(during.length).toBeGreaterThan(0);
    expect(during.flat()).toEqual([]);

    writeTestHooks.beforeChunk = () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    const { jobId: failing } = await office.call('files.export', { ledger: 'households', format: 'xlsx', filters: {} });
    expect((await office.core.jobs.wait(failing)).status).toBe('failed');
    const fileId = (done.result as { file: { fileId: string } }).file.fileId;
    expect(readdirSync(join(office.dataDir, 'outbox'))).toEqual([fileId]);
  });

  it('the command line’s copy never leaves a partial file under the final name', () => {
    const source = join(target, 'source.csv');
    writeFileSync(source, 'a,b\r\n1,2\r\n');
    const final = join(target, 'out', '户籍台账.csv');
    mkdirSync(join(target, 'out'));
    writeTestHooks.beforeChunk = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    expect(() => copyFileComplete(source, final)).toThrow(/ENOSPC/);
    expect(readdirSync(join(target, 'out'))).toEqual([]);
    writeTestHooks.beforeChunk = null;
    copyFileComplete(source, final);
    expect(readFileSync(final, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(join(target, 'out'))).toEqual(['户籍台账.csv']);
  });
});

describe('files stay where they belong', () => {
  it('refuses Windows device names as file names, with or without an extension', () => {
    for (const name of ['CON', 'nul', 'NUL.csv', 'aux.xlsx', 'PRN.txt', 'COM1', 'com9.csv', 'LPT1.xlsx', 'lpt9', 'NUL.tar.gz', 'CON.']) {
      expect(isWindowsDeviceName(name), name).toBe(true);
    }
    for (const name of ['户籍台账.xlsx', 'CONSOLE.csv', 'nullable.csv', 'COM10.csv', 'LPT0', 'aux_data.xlsx']) {
      expect(isWindowsDeviceName(name), name).toBe(false);
    }
    expect(() => checkExportFileName('NUL.csv')).toThrow('Windows 保留的设备名');
  });

  it('verify does not follow ../ or absolute paths in a manifest', async () => {
    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: target });
    const { dir } = submissionResultSchema.parse((await office.core.jobs.wait(jobId)).result);
    const secret = join(target, 'secret.txt');
    writeFileSync(secret, 'not part of the submission');
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { name: string }[] };
    for (const name of ['../secret.txt', secret, '..\\secret.txt', 'C:\\Windows\\win.ini', 'NUL.xlsx']) {
      const forged = { ...manifest, files: [...manifest.files, { name, title: 'x', sha256: '0'.repeat(64), size: 1, rows: 0 }] };
      writeFileSync(manifestPath, JSON.stringify(forged));
      const refused = await office.fail('files.verifySubmission', { dir });
      expect(refused.message, name).toContain('报送文件夹以外的文件');
    }
  });

  it('refuses a submission or a backup into the data folder or the browser host’s static folder, and their subfolders', async () => {
    const staticDir = join(target, 'out', 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    registerProgramFolder(staticDir);
    const inData = join(office.dataDir, 'exports');
    mkdirSync(inData);
    for (const dir of [office.dataDir, inData, staticDir, join(staticDir, 'assets')]) {
      const refused = await office.fail('files.submission', { quarter: '2026Q3', targetDir: dir });
      expect(refused.message, dir).toMatch(/程序的数据文件夹内|程序自己的文件夹/);
      expect(refused.fields).toEqual({ targetDir: '不能选择程序自己的文件夹' });
    }
    expect((await office.fail('backups.run', { targetDir: join(staticDir, 'assets') })).message).toContain('程序自己的文件夹');
    expect(readdirSync(join(staticDir, 'assets'))).toEqual([]);
    // A folder beside them is fine, and so are the data folder's own backups.
    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: join(target) });
    expect((await office.core.jobs.wait(jobId)).status).toBe('done');
    await office.call('backups.run', {});
  });

  it('the command line refuses an export into the data folder or under a device name', async () => {
    await office.close();
    const dataDir = join(target, 'data');
    office = await openTestOffice({ dataDir });
    await office.close();
    const cli = (args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.LEDGER_DATA_DIR;
      delete env.LEDGER_CLI_LANG;
      return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    };
    const intoData = cli(['export', '--data', dataDir, '--ledger', 'households', '--out', join(dataDir, 'x.xlsx')]);
    expect(intoData.status).toBe(1);
    expect(intoData.stderr).toContain('程序的数据文件夹内');
    const device = cli(['export', '--data', dataDir, '--ledger', 'households', '--format', 'csv', '--out', join(target, 'NUL.csv')]);
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('Windows 保留的设备名');
    expect(existsSync(join(target, 'NUL.csv'))).toBe(false);
    office = await openTestOffice({ dataDir });
  }, 120_000);
});
