import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { AppError } from '../../../../shared/lib/result';
import { migrations } from '../../db/migrations';

// SQLite's online backup API, on a second connection of its own so the program's connection (and
// its mutex) is untouched: the copy is a consistent snapshot taken while the clerks keep working.
// node-sqlite3 exposes it as `Database#backup(file)` → Backup (step/finish), which its .d.ts omits.

interface SqliteBackupHandle {
  step(pages: number, callback: (err: Error | null, completed: boolean) => void): void;
  finish(callback?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}
interface DatabaseWithBackup {
  backup(file: string): SqliteBackupHandle;
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}
function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}
function all<T>(db: sqlite3.Database, query: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(query, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}
function exec(db: sqlite3.Database, query: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(query, (err) => (err ? reject(err) : resolve())));
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies the database `source` into `target` with the online backup API: written under a temporary
 * name, switched out of WAL mode (so the copy is one self-contained file), flushed, and only then
 * renamed to `target`. A failure leaves no file named `target`.
 */
export async function onlineBackup(source: string, target: string): Promise<void> {
  const temp = `${target}.partial`;
  rmSync(temp, { force: true });
  const db = await open(source, sqlite3.OPEN_READWRITE);
  try {
    await exec(db, 'PRAGMA busy_timeout = 5000');
    const backup = (db as unknown as DatabaseWithBackup).backup(temp);
    // One step over every page: one read transaction, so the copy is one consistent snapshot even
    // while the program writes (WAL lets readers and the writer run side by side).
    for (let attempt = 0; ; attempt++) {
      const result = await new Promise<{ done: boolean; err: Error | null }>((resolve) =>
        backup.step(-1, (err, completed) => resolve({ done: completed, err })),
      );
      if (result.done || backup.completed) break;
      // SQLITE_BUSY / SQLITE_LOCKED are retried by node-sqlite3 (the backup stays open); anything else fails it.
      if (backup.failed || attempt >= 50) throw result.err ?? new Error('备份未能完成');
      await delay(100);
    }
    await new Promise<void>((resolve) => backup.finish(() => resolve()));
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  } finally {
    await close(db);
  }
  try {
    const copy = await open(temp, sqlite3.OPEN_READWRITE);
    try {
      await exec(copy, 'PRAGMA journal_mode = DELETE');
    } finally {
      await close(copy);
    }
    for (const extra of ['-wal', '-shm', '-journal']) rmSync(`${temp}${extra}`, { force: true });
    fsyncFile(temp);
    renameSync(temp, target);
    fsyncDir(dirname(target));
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable (the directory entry); Windows cannot open folders, and does not need to. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems (FAT on a USB stick under Linux) refuse; the file itself is already flushed.
  }
}

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface LedgerCheck {
  /** 'ok', or the first problems SQLite reported. */
  integrity: string[];
  migrations: string[];
  /** Migrations this program does not know (the file comes from a newer version). */
  unknownMigrations: string[];
  officeName: string | null;
  officeCode: string | null;
}

const damaged = '备份文件已损坏或不完整（完整性检查未通过），无法恢复。请换一份备份';

/** Opens `file` read-only and runs `PRAGMA integrity_check`; true only for "ok". */
export async function integrityOk(file: string): Promise<boolean> {
  try {
    const db = await open(file, sqlite3.OPEN_READONLY);
    try {
      const rows = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
      return rows.length === 1 && rows[0]?.integrity_check === 'ok';
    } finally {
      await close(db);
    }
  } catch {
    return false;
  }
}

/**
 * Checks that `file` is a sound ledger database this program can open: the integrity check passes,
 * it has the migration log and the office table, and no migration newer than this program knows.
 * Throws a RULE error a clerk can act on otherwise.
 */
export async function checkLedgerFile(file: string): Promise<LedgerCheck> {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', '找不到备份文件，请检查路径或U盘是否插好');
  let db: sqlite3.Database;
  try {
    db = await open(file, sqlite3.OPEN_READONLY);
  } catch {
    throw new AppError('RULE', '无法打开这个文件：它不是台账备份文件，或已损坏');
  }
  try {
    let integrity: string[];
    try {
      const rows = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check(20)');
      integrity = rows.map((r) => r.integrity_check);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/not a database|SQLITE_NOTADB/i.test(message)) throw new AppError('RULE', '这个文件不是台账备份文件（不是数据库文件），无法恢复');
      throw new AppError('RULE', damaged);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new AppError('RULE', damaged);
    const tables = new Set((await all<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'table'")).map((r) => r.name));
    if (!tables.has('schema_migrations') || !tables.has('office')) {
      throw new AppError('RULE', '这个文件是数据库，但不是本程序的台账数据（缺少台账的数据表），无法恢复');
    }
    const applied = (await all<{ name: string }>(db, 'SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
    const known = new Set(migrations.map((m) => m.name));
    const unknownMigrations = applied.filter((n) => !known.has(n));
    if (unknownMigrations.length > 0) {
      throw new AppError('RULE', `这份备份来自更新版本的程序（含 ${unknownMigrations.join('、')}），请先把本程序升级到最新版本再恢复`);
    }
    const office = (
      await all<{ township_name: string; office_code: string }>(db, 'SELECT township_name, office_code FROM office WHERE deleted_at IS NULL LIMIT 1')
    )[0];
    return { integrity, migrations: applied, unknownMigrations, officeName: office?.township_name ?? null, officeCode: office?.office_code ?? null };
  } finally {
    await close(db);
  }
}
