// Plaintext left behind (issue 16, item 5): a backup killed midway leaves no unencrypted copy once
// the program starts again (and never one in the target folder); the automatic daily backups can
// be encrypted with a passphrase the admin keeps, and such a backup restores only with it.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackupSchedule } from '../../electron/core/features/backups/scheduler';
import { backupTestHooks } from '../../electron/core/features/backups/service';
import { adminPassword, forgetSetupBackup, openTestOffice, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

const root = join(import.meta.dirname, '..', '..');
const passphrase = '村里的备份口令 2026';
let work: string;
let office: TestOffice;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'ledger-enc-'));
  office = await openTestOffice({ dataDir: join(work, 'data') });
  await forgetSetupBackup(office);
});
afterEach(async () => {
  await office.close();
  rmSync(work, { recursive: true, force: true });
});

/** True when the file starts with SQLite's header: an unencrypted database. */
function isPlainDatabase(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1').startsWith('SQLite format 3');
  } finally {
    closeSync(fd);
  }
}
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
async function addHousehold(code: string, birth: string): Promise<void> {
  await office.call('households.create', householdInput(office, { householdCode: code, members: [member('张大山', idOf(birth, 11), 'head')] }));
}
async function householdCodes(): Promise<string[]> {
  return (await office.call('households.list', {})).rows.map((r) => r.householdCode).sort();
}

describe('a killed backup leaves no plaintext', () => {
  it('SIGKILL right after the snapshot: nothing unencrypted in the target, and backups/tmp is emptied when the program starts', { timeout: 120_000 }, async () => {
    await addHousehold('3504211010010001', '19650312');
    await office.close();
    const dataDir = join(work, 'data');
    const usb = join(work, 'usb');
    mkdirSync(usb);
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/fixtures/backupChild.ts'), dataDir, usb, passphrase], { cwd: root });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('SNAPSHOT')) resolve();
      });
      child.on('exit', () => resolve());
    });
    expect(err).toBe('');
    expect(out).toContain('SNAPSHOT');
    // The worst moment: a whole unencrypted copy exists in the data folder's backups/tmp.
    const tmp = join(dataDir, 'backups', 'tmp');
    expect(filesUnder(tmp).some(isPlainDatabase)).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(filesUnder(usb).filter(isPlainDatabase)).toEqual([]);
    office = await openTestOffice({ dataDir });
    expect(filesUnder(tmp)).toEqual([]);
    expect(filesUnder(join(dataDir, 'backups')).filter(isPlainDatabase)).toEqual([]);
  });

  it('an encrypted backup that fails midway removes its snapshot and its partial file', async () => {
    const usb = join(work, 'usb');
    mkdirSync(usb);
    // An injected crash (a failing write) right after the snapshot was taken.
    backupTestHooks.afterSnapshot = () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    try {
      await office.fail('backups.run', { targetDir: usb, passphrase });
    } finally {
      backupTestHooks.afterSnapshot = null;
    }
    expect(filesUnder(join(office.dataDir, 'backups', 'tmp'))).toEqual([]);
    expect(filesUnder(usb)).toEqual([]);
  });
});

describe('encrypted automatic backups', () => {
  function schedule() {
    return startBackupSchedule({
      getDb: () => office.core.db,
      dataDir: office.dataDir,
      clock: office.clock,
      logError: (err) => {
        throw err;
      },
    });
  }

  it('only an admin turns it on; the daily backup is then encrypted and restores only with the passphrase', { timeout: 60_000 }, async () => {
    const clerk = await office.loginAs('clerk');
    expect((await office.fail('backups.setAutoEncryption', { enabled: true, passphrase }, clerk)).code).toBe('FORBIDDEN');
    expect((await office.fail('backups.setAutoEncryption', { enabled: true, passphrase: 'short' })).fields?.passphrase).toContain('至少 8 个字符');
    expect(await office.call('backups.setAutoEncryption', { enabled: true, passphrase })).toEqual({ autoEncrypted: true });
    expect((await office.call('backups.status', {})).autoEncrypted).toBe(true);

    // Stored: a public key and the passphrase-wrapped private key, never the passphrase.
    const keys = await office.core.db.selectFrom('backup_keys').selectAll().execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.recipient_json).not.toContain(passphrase);
    const log = (await office.call('audit.list', { limit: 5 })).rows;
    expect(log[0]!.summary).toContain('开启自动备份加密');
    expect(JSON.stringify(log)).not.toContain(passphrase);

    await addHousehold('3504211010010001', '19650312');
    const s = schedule();
    try {
      await s.check();
    } finally {
      s.stop();
    }
    const autoDir = join(office.dataDir, 'backups', 'auto');
    expect(readdirSync(autoDir)).toEqual(['ledger-2026-03-10.sqlite.enc']);
    const file = join(autoDir, 'ledger-2026-03-10.sqlite.enc');
    expect(isPlainDatabase(file)).toBe(false);
    expect(readFileSync(file).includes(Buffer.from('3504211010010001'))).toBe(false);
    expect(filesUnder(join(office.dataDir, 'backups')).filter(isPlainDatabase)).toEqual([]);
    const run = (await office.call('backups.list', {})).rows[0]!;
    expect(run).toMatchObject({ kind: 'auto', encrypted: true, fileName: 'ledger-2026-03-10.sqlite.enc' });

    await addHousehold('3504211010010002', '19700101');
    const noPass = await office.fail('backups.restore', { file: run.id });
    expect(noPass.fields?.passphrase).toBe('请输入口令');
    const wrong = await office.fail('backups.restore', { file: run.id, passphrase: 'not the passphrase' });
    expect(wrong.message).toContain('口令不正确');
    expect(await householdCodes()).toEqual(['3504211010010001', '3504211010010002']);

    await office.call('backups.restore', { file: run.id, passphrase });
    await office.call('users.login', { username: 'admin', password: adminPassword });
    expect(await householdCodes()).toEqual(['3504211010010001']);
  });

  it('turned off, the next backups are plain again; a changed passphrase leaves earlier backups on the old one', { timeout: 60_000 }, async () => {
    await office.call('backups.setAutoEncryption', { enabled: true, passphrase });
    await office.call('backups.setAutoEncryption', { enabled: true, passphrase: '新的口令 abcdefg' });
    expect(await office.core.db.selectFrom('backup_keys').select('id').where('deleted_at', 'is', null).execute()).toHaveLength(1);
    await office.call('backups.setAutoEncryption', { enabled: false });
    expect((await office.call('backups.status', {})).autoEncrypted).toBe(false);
    const s = schedule();
    try {
      await s.check();
    } finally {
      s.stop();
    }
    expect(readdirSync(join(office.dataDir, 'backups', 'auto'))).toEqual(['ledger-2026-03-10.sqlite']);
    const summaries = (await office.call('audit.list', { limit: 5 })).rows.map((r) => r.summary);
    expect(summaries.slice(0, 3)).toEqual([
      '关闭自动备份加密（此后的自动备份不再加密）',
      '更换自动备份的加密口令（此前的自动备份仍用原口令恢复）',
      '开启自动备份加密（恢复这些备份时需要输入口令）',
    ]);
  });
});
