import sqlite3 from 'sqlite3';
import { backupWarnAfterDays } from '../../shared/contract/backups';
import { daysBetween, todayIso } from '../../shared/lib/dates';
import { migrations } from '../core/db/migrations';

// `check` opens the data file read-only and changes nothing (it does not even run pending
// migrations, which opening it through the core would do), so it is safe while the program runs.

export interface CheckReport {
  ok: boolean;
  file: string;
  integrity: string[];
  foreignKeyProblems: { table: string; rowid: number | null; parent: string }[];
  /** Migrations this program would apply when it next opens the file. */
  pendingMigrations: string[];
  /** Migrations this program does not know (the file is from a newer version). */
  unknownMigrations: string[];
  lastBackup: { at: string; kind: string; file: string } | null;
  lastBackupAgeDays: number | null;
  /** Each problem in one Chinese line; empty when ok. */
  problems: string[];
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(db)));
  });
}
function all<T>(db: sqlite3.Database, query: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(query, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}

export async function checkDataFile(file: string, now: Date): Promise<CheckReport> {
  const db = await open(file);
  try {
    const problems: string[] = [];
    let integrity: string[];
    try {
      integrity = (await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check(50)')).map((r) => r.integrity_check);
    } catch (err) {
      // Not a database at all, or too damaged to read: nothing further can be checked.
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        file,
        integrity: [message],
        foreignKeyProblems: [],
        pendingMigrations: [],
        unknownMigrations: [],
        lastBackup: null,
        lastBackupAgeDays: null,
        problems: [`数据文件无法读取（不是数据库或已严重损坏）：${message}`],
      };
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`完整性检查未通过：${integrity.slice(0, 3).join('；')}`);

    let foreignKeyProblems: CheckReport['foreignKeyProblems'] = [];
    try {
      foreignKeyProblems = await all(db, 'PRAGMA foreign_key_check');
    } catch {
      // Reported through the integrity check above.
    }
    if (foreignKeyProblems.length > 0) {
      const tables = [...new Set(foreignKeyProblems.map((p) => p.table))].join('、');
      problems.push(`${foreignKeyProblems.length} 行数据引用了不存在的记录（外键检查，表：${tables}）`);
    }

    const tables = new Set((await all<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'table'")).map((r) => r.name));
    const applied = tables.has('schema_migrations')
      ? new Set((await all<{ name: string }>(db, 'SELECT name FROM schema_migrations')).map((r) => r.name))
      : new Set<string>();
    const known = new Set(migrations.map((m) => m.name));
    const pendingMigrations = migrations.map((m) => m.name).filter((n) => !applied.has(n));
    const unknownMigrations = [...applied].filter((n) => !known.has(n));
    if (unknownMigrations.length > 0) problems.push(`数据文件来自更新版本的程序（${unknownMigrations.join('、')}），请升级本程序`);

    let lastBackup: CheckReport['lastBackup'] = null;
    if (tables.has('backup_runs')) {
      const row = (
        await all<{ at: string; kind: string; file: string }>(
          db,
          "SELECT finished_at AS at, kind, file FROM backup_runs WHERE deleted_at IS NULL AND kind IN ('auto', 'manual') ORDER BY finished_at DESC LIMIT 1",
        )
      )[0];
      lastBackup = row ?? null;
    }
    const lastBackupAgeDays = lastBackup ? Math.max(0, daysBetween(todayIso(new Date(lastBackup.at)), todayIso(now))) : null;
    if (lastBackupAgeDays === null) problems.push('从未备份过：请运行 backup，或打开桌面程序（它每天自动备份）');
    else if (lastBackupAgeDays > backupWarnAfterDays) problems.push(`最近一次备份是 ${lastBackupAgeDays} 天前，已超过 ${backupWarnAfterDays} 天`);

    return {
      ok: problems.length === 0,
      file,
      integrity,
      foreignKeyProblems: foreignKeyProblems.slice(0, 100),
      pendingMigrations,
      unknownMigrations,
      lastBackup,
      lastBackupAgeDays,
      problems,
    };
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
