import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackupSchedule } from '../../electron/core/features/backups/scheduler';
import { integrityOk } from '../../electron/core/features/backups/sqliteBackup';
import { backupsToKeep } from '../../shared/domain/backupRetention';
import { addDays } from '../../shared/lib/dates';
import { adminPassword, forgetSetupBackup, openTestOffice, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;
let elsewhere: string;

beforeEach(async () => {
  office = await openTestOffice();
  await forgetSetupBackup(office);
  elsewhere = mkdtempSync(join(tmpdir(), 'ledger-usb-'));
});
afterEach(async () => {
  await office.close();
  rmSync(elsewhere, { recursive: true, force: true });
});

async function addHousehold(code: string, head: string, birth: string): Promise<void> {
  await office.call('households.create', householdInput(office, { householdCode: code, members: [member(head, idOf(birth, 11), 'head')] }));
}
async function householdCodes(): Promise<string[]> {
  const list = await office.call('households.list', {});
  return list.rows.map((r) => r.householdCode).sort();
}
function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
/** Rows of a query on a database file, read with a connection of the test's own. */
function query<T>(file: string, sqlText: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => {
      if (err) return reject(err);
      db.all(sqlText, (e: Error | null, rows: T[]) => db.close(() => (e ? reject(e) : resolve(rows))));
    });
  });
}
function preRestoreFiles(): string[] {
  return readdirSync(join(office.dataDir, 'backups')).filter((n) => n.startsWith('pre-restore-'));
}
async function signInAgain(): Promise<void> {
  await office.call('users.login', { username: 'admin', password: adminPassword });
}

describe('manual backup and restore', () => {
  it('backup → change data → restore brings the old data back, keeps a pre-restore copy and signs everyone out', async () => {
    await addHousehold('3504211010010001', '张大山', '19650312');
    const backup = await office.call('backups.run', {});
    expect(backup).toMatchObject({ kind: 'manual', encrypted: false, exists: true });
    expect(backup.file.startsWith(join(office.dataDir, 'backups', 'manual'))).toBe(true);
    expect(backup.fileName).toMatch(/^ledger-350421101-\d{8}-\d{6}\.sqlite$/);
    expect(backup.sizeBytes).toBe(statSync(backup.file).size);
    expect(backup.sha256).toBe(sha256(backup.file));
    expect(await integrityOk(backup.file)).toBe(true);

    await addHousehold('3504211010010002', '李小河', '19700101');
    expect(await householdCodes()).toEqual(['3504211010010001', '3504211010010002']);
    const clerk = await office.loginAs('clerk');

    const restored = await office.call('backups.restore', { file: backup.id });
    expect(restored).toMatchObject({ restoredFrom: backup.file, officeName: '城关乡', signedOut: true });

    // Everyone signs in again.
    expect((await office.fail('households.list', {})).code).toBe('NOT_SIGNED_IN');
    expect((await office.fail('households.list', {}, clerk)).code).toBe('NOT_SIGNED_IN');
    await signInAgain();
    expect(await householdCodes()).toEqual(['3504211010010001']);

    // The data as it was just before the restore is kept, whole, with the second household in it.
    expect(existsSync(restored.preRestoreFile)).toBe(true);
    expect(await integrityOk(restored.preRestoreFile)).toBe(true);
    const kept = await query<{ code: string }>(restored.preRestoreFile, 'SELECT household_code AS code FROM households ORDER BY 1');
    expect(kept.map((r) => r.code)).toEqual(['3504211010010001', '3504211010010002']);

    // The backup log carries on in the restored data: the manual backup and the pre-restore copy.
    const list = await office.call('backups.list', {});
    expect(list.rows.map((r) => r.kind).sort()).toEqual(['manual', 'pre-restore']);
    expect(list.rows.find((r) => r.kind === 'pre-restore')?.file).toBe(restored.preRestoreFile);

    // The restore is in the restored data's audit log; the backup's own entry (written after the
    // snapshot) and everything else done since are in the pre-restore copy's log.
    const audit = await office.call('audit.list', { channel: 'backups', limit: 10 });
    expect(audit.rows.map((r) => r.channel)).toEqual(['backups.restore']);
    expect(audit.rows[0]?.summary).toContain(restored.preRestoreFile);
    const oldLog = await query<{ channel: string }>(restored.preRestoreFile, "SELECT channel FROM audit_log WHERE channel LIKE 'backups.%'");
    expect(oldLog.map((r) => r.channel)).toEqual(['backups.run']);
  });

  it('encrypted backup to another folder: a wrong passphrase changes nothing, the right one restores', async () => {
    await addHousehold('3504211010010001', '张大山', '19650312');
    const backup = await office.call('backups.run', { targetDir: join(elsewhere, 'U盘', '备份'), passphrase: '正确的口令 123' });
    expect(backup.encrypted).toBe(true);
    expect(backup.fileName.endsWith('.sqlite.enc')).toBe(true);
    expect(readFileSync(backup.file).subarray(0, 12).toString()).toBe('TLEDGERBAK1\n');
    expect(backup.sha256).toBe(sha256(backup.file));
    expect(readdirSync(join(elsewhere, 'U盘', '备份'))).toEqual([backup.fileName]); // no .partial left
    await addHousehold('3504211010010002', '李小河', '19700101');

    const noPassphrase = await office.fail('backups.restore', { file: backup.file });
    expect(noPassphrase.code).toBe('INVALID_INPUT');
    expect(noPassphrase.fields?.passphrase).toBeTruthy();

    const wrong = await office.fail('backups.restore', { file: backup.file, passphrase: '错误的口令 123' });
    expect(wrong.code).toBe('RULE');
    expect(wrong.message).toContain('口令不正确，无法解密备份文件');
    // Nothing changed: same data, still signed in, no pre-restore copy taken.
    expect(await householdCodes()).toEqual(['3504211010010001', '3504211010010002']);
    expect(preRestoreFiles()).toEqual([]);

    await office.call('backups.restore', { file: backup.file, passphrase: '正确的口令 123' });
    await signInAgain();
    expect(await householdCodes()).toEqual(['3504211010010001']);
  });

  it('a truncated, a corrupted or a foreign file is refused at restore and nothing changes', async () => {
    await addHousehold('3504211010010001', '张大山', '19650312');
    // Enough rows that the file has many pages, so cutting it loses real data.
    for (let i = 2; i <= 30; i++) await addHousehold(`35042110100100${String(i).padStart(2, '0')}`, '王五', `19${50 + i}0101`);
    const backup = await office.call('backups.run', { targetDir: elsewhere });
    const before = await householdCodes();

    const truncated = join(elsewhere, 'truncated.sqlite');
    copyFileSync(backup.file, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));

    const garbage = join(elsewhere, 'garbage.sqlite');
    writeFileSync(garbage, randomBytes(64 * 1024));

    const otherDb = join(elsewhere, 'other.sqlite');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(otherDb, (err) => (err ? reject(err) : db.exec('CREATE TABLE notes (t TEXT)', (e) => db.close(() => (e ? reject(e) : resolve())))));
    });

    const future = join(elsewhere, 'future.sqlite');
    copyFileSync(backup.file, future);
    await query(future, "INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', '2030-01-01T00:00:00.000Z')");

    const cases: [string, RegExp][] = [
      [truncated, /损坏|不完整/],
      [garbage, /不是台账备份文件|损坏/],
      [otherDb, /不是本程序的台账数据/],
      [future, /更新版本/],
      [join(elsewhere, 'missing.sqlite'), /找不到/],
    ];
    for (const [file, message] of cases) {
      const err = await office.fail('backups.restore', { file });
      expect(err.message, file).toMatch(message);
    }
    expect((await office.fail('backups.restore', { file: 'relative/path.sqlite' })).code).toBe('INVALID_INPUT');

    // Still signed in, same data, no copy of anything taken, no work files left.
    expect(await householdCodes()).toEqual(before);
    expect(preRestoreFiles()).toEqual([]);
    expect(readdirSync(join(office.dataDir, 'backups', 'tmp'))).toEqual([]);
  });

  it('only an administrator backs up or restores; every signed-in user reads the status', async () => {
    const clerk = await office.loginAs('clerk');
    expect((await office.fail('backups.run', {}, clerk)).code).toBe('FORBIDDEN');
    expect((await office.fail('backups.restore', { file: '/tmp/x.sqlite' }, clerk)).code).toBe('FORBIDDEN');
    expect((await office.fail('backups.list', {}, clerk)).code).toBe('FORBIDDEN');
    const status = await office.call('backups.status', {}, clerk);
    expect(status).toMatchObject({ last: null, ageDays: 0, warn: false, warnAfterDays: 2 });
    expect((await office.fail('backups.run', { passphrase: 'short' })).fields?.passphrase).toContain('至少 8 个字符');
  });
});

describe('automatic daily backup', () => {
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
  const autoDir = () => join(office.dataDir, 'backups', 'auto');
  /** Moves the test clock to `day`; the jump would idle-lock the admin, who signs in again. */
  async function goTo(day: string): Promise<void> {
    office.clock.set(day);
    await signInAgain();
  }
  const autoFiles = () => (existsSync(autoDir()) ? readdirSync(autoDir()).sort() : []);

  it('takes one backup per day, and the status warns once the last is older than two days', async () => {
    await goTo('2026-03-10');
    const s = schedule();
    try {
      await s.check(); // the check started on start-up, awaited
      await s.check(); // again the same day: nothing new
      expect(autoFiles()).toEqual(['ledger-2026-03-10.sqlite']);
      expect(await integrityOk(join(autoDir(), 'ledger-2026-03-10.sqlite'))).toBe(true);
      let runs = (await office.call('backups.list', {})).rows;
      expect(runs.map((r) => [r.kind, r.fileName])).toEqual([['auto', 'ledger-2026-03-10.sqlite']]);
      // No person took it: no audit row.
      expect((await office.call('audit.list', { channel: 'backups', limit: 10 })).rows).toEqual([]);

      let status = await office.call('backups.status', {});
      expect(status).toMatchObject({ last: { kind: 'auto' }, ageDays: 0, warn: false, nextAutoDate: '2026-03-11' });

      await goTo('2026-03-11');
      await s.check();
      expect(autoFiles()).toEqual(['ledger-2026-03-10.sqlite', 'ledger-2026-03-11.sqlite']);
      runs = (await office.call('backups.list', {})).rows;
      expect(runs).toHaveLength(2);

      // The PC stays off for days (no checks): the warning comes after two days.
      s.stop();
      await goTo('2026-03-13');
      status = await office.call('backups.status', {});
      expect(status).toMatchObject({ ageDays: 2, warn: false, nextAutoDate: '2026-03-13' });
      await goTo('2026-03-14');
      status = await office.call('backups.status', {});
      expect(status).toMatchObject({ ageDays: 3, warn: true, nextAutoDate: '2026-03-14' });
    } finally {
      s.stop();
    }
  });

  it('keeps 7 daily / 4 weekly / 12 monthly automatic backups and deletes only the other automatic ones', async () => {
    await goTo('2026-01-01');
    const manual = await office.call('backups.run', {});
    const s = schedule();
    const taken: string[] = [];
    try {
      for (let day = '2026-01-01'; day <= '2026-03-10'; day = addDays(day, 1)) {
        office.clock.set(day);
        await s.check();
        taken.push(day);
      }
    } finally {
      s.stop();
    }
    await signInAgain();
    const expected = [...backupsToKeep(taken.map((d) => ({ id: d, at: d })), '2026-03-10')].sort().map((d) => `ledger-${d}.sqlite`);
    expect(autoFiles()).toEqual(expected);
    // 03-04…03-10; the weeks of 02-23 (→ 03-01) and 02-16 (→ 02-22); February (→ 02-28) and January (→ 01-31).
    expect(expected).toHaveLength(11);
    expect(existsSync(manual.file)).toBe(true);
    const listed = (await office.call('backups.list', {})).rows;
    expect(listed.filter((r) => r.kind === 'auto').map((r) => r.fileName).sort()).toEqual(expected);
    expect(listed.filter((r) => r.kind === 'manual')).toHaveLength(1);
  });

  it('does nothing before the office is set up', async () => {
    const fresh = await openTestOffice({ setup: false });
    try {
      const s = startBackupSchedule({ getDb: () => fresh.core.db, dataDir: fresh.dataDir, clock: fresh.clock, logError: () => {} });
      await s.check();
      s.stop();
      expect(existsSync(join(fresh.dataDir, 'backups', 'auto'))).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});

// Issue 15 #16: a brand-new office is not told "超过 2 天没有备份" minutes after setup.
describe('a new office', () => {
  it('takes its first backup at setup; without one the age counts from the setup day', async () => {
    const fresh = await openTestOffice();
    try {
      const status = await fresh.call('backups.status', {});
      expect(status).toMatchObject({ last: { kind: 'auto' }, ageDays: 0, warn: false });
      expect(readdirSync(join(fresh.dataDir, 'backups', 'auto'))).toEqual(['ledger-2026-03-10.sqlite']);
      // The first backup lost (deleted by hand): counted from the setup day, not "never".
      await forgetSetupBackup(fresh);
      fresh.clock.set('2026-03-12');
      await fresh.call('users.login', { username: 'admin', password: adminPassword });
      expect(await fresh.call('backups.status', {})).toMatchObject({ last: null, ageDays: 2, warn: false });
      fresh.clock.set('2026-03-13');
      await fresh.call('users.login', { username: 'admin', password: adminPassword });
      expect(await fresh.call('backups.status', {})).toMatchObject({ last: null, ageDays: 3, warn: true });
    } finally {
      await fresh.close();
    }
  });
});
