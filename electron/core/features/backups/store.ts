import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { BackupKind, BackupRun } from '../../../../shared/contract/backups';
import { AppError } from '../../../../shared/lib/result';
import { databaseFileName } from '../../db/open';
import type { BackupRunTable, DB } from '../../db/schema';
import { mapDiskFull } from '../../diskFull';
import { uuidv7 } from '../../ids';
import type { AutoBackupRecipient } from './crypto';
import { integrityOk, onlineBackup, sha256OfFile } from './sqliteBackup';
import { backupRecipient } from '../../db/jsonColumns';

type Db = Kysely<DB> | Transaction<DB>;

// Where backups live in the data folder:
//   backups/auto/ledger-YYYY-MM-DD.sqlite      the daily automatic backup (kept 7/4/12)
//   backups/manual/…                            a manual backup when no folder was chosen
//   backups/pre-restore-<time>.sqlite           the data as it was just before a restore
//   backups/tmp/                                work files (removed after each operation)
// Every backup is logged in backup_runs, so the settings page can say when the last one ran.

/** The writer of rows no person wrote (the automatic backup, retention). */
export const systemActor = 'system';

export function backupDirs(dataDir: string) {
  const root = join(dataDir, 'backups');
  return { root, auto: join(root, 'auto'), manual: join(root, 'manual'), tmp: join(root, 'tmp') };
}

/**
 * Empties backups/tmp: work files of a backup or restore that was killed midway (a snapshot there
 * is a whole unencrypted copy of the data). Called when the core opens the folder, before anything
 * else can be using it.
 */
export function cleanBackupTemp(dataDir: string): void {
  const dirs = backupDirs(dataDir);
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Open in another program (Windows): tried again at the next start.
    }
  };
  if (existsSync(dirs.tmp)) for (const name of readdirSync(dirs.tmp)) remove(join(dirs.tmp, name));
  // A killed automatic backup's half-written file (never a complete backup: those are renamed).
  if (existsSync(dirs.auto)) for (const name of readdirSync(dirs.auto)) if (name.endsWith('.partial')) remove(join(dirs.auto, name));
}

export const autoNamePattern = /^ledger-(\d{4}-\d{2}-\d{2})\.sqlite(?:\.enc)?$/;
export function autoBackupFile(dataDir: string, day: string, encrypted = false): string {
  return join(backupDirs(dataDir).auto, `ledger-${day}.sqlite${encrypted ? '.enc' : ''}`);
}

/** Today's automatic backup, plain or encrypted, if it was taken. */
export function takenAutoBackup(dataDir: string, day: string): { file: string; encrypted: boolean } | null {
  for (const encrypted of [true, false]) {
    const file = autoBackupFile(dataDir, day, encrypted);
    if (existsSync(file)) return { file, encrypted };
  }
  return null;
}

/**
 * Test seam for the "killed backup" tests: awaited right after the plaintext snapshot is taken
 * (before it is encrypted or copied). Always null in the program.
 */
export const backupTestHooks: { afterSnapshot: ((snapshotFile: string) => Promise<void> | void) | null } = { afterSnapshot: null };

/** The recipient the automatic backups are encrypted for, or null when they are not encrypted. */
export async function autoBackupRecipient(db: Db): Promise<AutoBackupRecipient | null> {
  const row = await db.selectFrom('backup_keys').select('recipient_json').where('deleted_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  return row ? backupRecipient.decode(row.recipient_json) : null;
}

/** Local time as YYYYMMDD-HHmmss, for file names a clerk can read and sort. */
export function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

export function toRun(row: BackupRunTable): BackupRun {
  return {
    id: row.id,
    kind: row.kind,
    file: row.file,
    fileName: basename(row.file),
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    encrypted: row.encrypted === 1,
    finishedAt: row.finished_at,
    exists: existsSync(row.file),
  };
}

interface RunRecord {
  kind: BackupKind;
  file: string;
  sizeBytes: number;
  sha256: string;
  encrypted: boolean;
}

export function runRow(record: RunRecord, officeCode: string, updatedBy: string, now: Date): BackupRunTable {
  const at = now.toISOString();
  return {
    id: uuidv7(now.getTime()),
    office_code: officeCode,
    created_at: at,
    updated_at: at,
    updated_by: updatedBy,
    deleted_at: null,
    delete_reason: null,
    kind: record.kind,
    file: record.file,
    size_bytes: record.sizeBytes,
    sha256: record.sha256,
    encrypted: record.encrypted ? 1 : 0,
    finished_at: at,
  };
}

export async function describe(file: string, kind: BackupKind, encrypted: boolean): Promise<RunRecord> {
  return { kind, file, sizeBytes: statSync(file).size, sha256: await sha256OfFile(file), encrypted };
}

export async function officeCodeOf(db: Db): Promise<string | null> {
  const row = await db.selectFrom('office').select('office_code').where('deleted_at', 'is', null).executeTakeFirst();
  return row?.office_code ?? null;
}

export function tempFile(dataDir: string, suffix: string, now: Date): string {
  const dir = backupDirs(dataDir).tmp;
  mkdirSync(dir, { recursive: true });
  return join(dir, `${uuidv7(now.getTime())}${suffix}`);
}

/** A verified online-backup copy of the live database in backups/tmp (the caller removes it). */
export async function snapshot(dataDir: string, now: Date): Promise<string> {
  const temp = tempFile(dataDir, '.sqlite', now);
  const live = join(dataDir, databaseFileName);
  try {
    await onlineBackup(live, temp);
  } catch (err) {
    rmSync(temp, { force: true });
    // The copy needs about the database's size of free space in the data folder.
    throw mapDiskFull(err, dataDir, statSync(live).size);
  }
  try {
    await backupTestHooks.afterSnapshot?.(temp);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  if (!(await integrityOk(temp))) {
    rmSync(temp, { force: true });
    throw new AppError('INTERNAL', '备份副本未通过完整性检查，未计为备份。请重试；如仍失败，请在命令行运行 check 检查数据文件');
  }
  return temp;
}
