// One writer per data folder (issue 16, item 1): a second program opening a held folder is refused
// with the holder named; the command line's restore is refused while another program holds the
// folder (it would rename a file under that program's open connection and its saves would be
// lost); a read-only export still works; a lock whose process is gone is taken over.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { lockFileName } from '../../electron/core/lock';
import { openTestOffice, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

const root = join(import.meta.dirname, '..', '..');
let work: string;
const children: ChildProcessWithoutNullStreams[] = [];

function cli(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LEDGER_DATA_DIR;
  delete env.LEDGER_CLI_LANG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A second process (as the browser host would) holding `dataDir` until killed. */
async function spawnHolder(dataDir: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/fixtures/holderChild.ts'), dataDir], { cwd: root });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
  return child;
}

function killed(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function householdNo(office: TestOffice, n: number) {
  return householdInput(office, {
    householdCode: `350421101001${String(n).padStart(4, '0')}`,
    members: [member(`户主${n}`, idOf('19700101', 100 + n), 'head')],
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) await killed(c);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('one writer per data folder', { timeout: 180_000 }, () => {
  it('a second core in another process is refused with the holder named; after the holder is killed its stale lock is taken over', async () => {
    const dataDir = join(work, 'child-holds');
    const office = await openTestOffice({ dataDir });
    await office.close();

    const holder = await spawnHolder(dataDir);
    const lock = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number; host: string; program: string };
    expect(lock).toMatchObject({ pid: holder.pid, host: hostname(), program: 'web' });

    await expect(createCore({ dataDir, logError: () => {} })).rejects.toThrow(
      new RegExp(`^数据文件夹正被“浏览器服务”（进程 ${holder.pid}，主机 .+，自 \\d\\d:\\d\\d 起）使用，请先关闭它再试$`),
    );

    // SIGKILL: no chance to remove the lock. The pid is gone, so the lock is stale and taken over.
    await killed(holder);
    expect(existsSync(join(dataDir, lockFileName))).toBe(true);
    const core = await createCore({ dataDir, program: 'cli', logError: () => {} });
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid, program: 'cli' });
    await core.close();
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  });

  it('a second core in the same process is refused until the first closes', async () => {
    const dataDir = join(work, 'same-process');
    const first = await openTestOffice({ dataDir });
    await expect(createCore({ dataDir, logError: () => {} })).rejects.toThrow(/数据文件夹正被“台账程序”（进程 \d+/);
    await first.close();
    const again = await openTestOffice({ dataDir });
    await again.close();
  });

  it('a lock from another host is respected while fresh and taken over once clearly stale', async () => {
    const dataDir = join(work, 'foreign');
    const office = await openTestOffice({ dataDir });
    await office.close();
    const path = join(dataDir, lockFileName);
    const foreign = { pid: 4242, host: 'OTHER-PC', program: 'desktop', startedAt: new Date().toISOString(), token: 'x' };
    writeFileSync(path, JSON.stringify(foreign));
    await expect(createCore({ dataDir, logError: () => {} })).rejects.toThrow(/“桌面程序”（进程 4242，主机 OTHER-PC/);
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(path, hourAgo, hourAgo);
    const core = await createCore({ dataDir, logError: () => {} });
    await core.close();
  });

  it('while another process holds the folder: cli restore and backup are refused, a read-only cli export works, and every acknowledged save survives', async () => {
    const dataDir = join(work, 'restore-while-held');
    const office = await openTestOffice({ dataDir });
    await office.call('households.create', householdNo(office, 1));
    const backup = await office.call('backups.run', {});
    const acknowledged = ['3504211010010001'];
    for (let n = 2; n <= 4; n++) {
      await office.call('households.create', householdNo(office, n));
      acknowledged.push(householdNo(office, n).householdCode);
    }

    const restore = cli(['restore', backup.file, '--data', dataDir]);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain(`数据文件夹正被“台账程序”（进程 ${process.pid}`);
    expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.startsWith('pre-restore-'))).toEqual([]);
    const cliBackup = cli(['backup', '--data', dataDir]);
    expect(cliBackup.status).toBe(1);
    expect(cliBackup.stderr).toContain('数据文件夹正被');

    const out = join(work, 'export-out');
    const exported = cli(['export', '--data', dataDir, '--ledger', 'households', '--format', 'csv', '--out', `${out}/`, '--json']);
    expect(exported.stderr).toContain('以只读方式打开');
    expect(exported.status).toBe(0);
    const result = JSON.parse(exported.stdout.trim()) as { ok: boolean; data: { file: string; rows: number } };
    expect(result.data.rows).toBe(4);
    expect(readFileSync(result.data.file, 'utf8')).toContain('3504211010010004');

    // The holder keeps saving: after the refused restore its saves are real.
    for (let n = 5; n <= 6; n++) {
      await office.call('households.create', householdNo(office, n));
      acknowledged.push(householdNo(office, n).householdCode);
    }
    await office.close();

    const reopened = await openTestOffice({ dataDir });
    const codes = (await reopened.core.db.selectFrom('households').select('household_code').execute()).map((r) => r.household_code).sort();
    expect(codes).toEqual(acknowledged.sort());
    // The read-only export's audit row waited in the folder and is in the log now.
    const exportsLogged = await reopened.core.db.selectFrom('audit_log').select(['user_name', 'summary']).where('entity', '=', 'export').execute();
    expect(exportsLogged).toEqual([expect.objectContaining({ user_name: '命令行' })]);
    await reopened.close();

    // With no holder the restore goes ahead.
    const free = cli(['restore', backup.file, '--data', dataDir]);
    expect(free.status).toBe(0);
  });
});
