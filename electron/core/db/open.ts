import { mkdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { everydayCacheKib, setPageCache, upgradeCacheKib, withPageCache } from './pageCache';
import sqlite3 from 'sqlite3';
import type { DB } from './schema';
import { Sqlite3Dialect } from './sqliteDialect';
import { migrations as defaultMigrations } from './migrations';
import type { Migration } from './migrations/types';

export const databaseFileName = 'ledger.sqlite';

export interface OpenedDatabase {
  db: Kysely<DB>;
  file: string;
  /** The copy taken before migrating, if one was needed. */
  backupFile: string | null;
  applied: string[];
}

export interface OpenOptions {
  dataDir: string;
  migrations?: readonly Migration[];
  now?: () => Date;
  /** A read-only connection: nothing is created, changed or migrated (another program holds the folder). */
  readOnly?: boolean;
}

function openRaw(file: string, readOnly = false): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const mode = (readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE) | sqlite3.OPEN_FULLMUTEX;
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

/** The read-only connection: the schema must already be this program's (no migration can run). */
async function openReadOnly(file: string, list: readonly Migration[]): Promise<OpenedDatabase> {
  const raw = await openRaw(file, true);
  const db = new Kysely<DB>({ dialect: new Sqlite3Dialect(raw) });
  try {
    await sql`PRAGMA busy_timeout = 5000`.execute(db);
    await sql`PRAGMA case_sensitive_like = ON`.execute(db);
    const done = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
    if (list.some((m) => !done.has(m.name)) || [...done].some((n) => !list.some((m) => m.name === n))) {
      throw new Error('数据文件的版本与本程序不同，而它正被另一个程序使用，无法只读打开。请先关闭那个程序再试。');
    }
    return { db, file, backupFile: null, applied: [] };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** Opens (creating if needed) the office database in `dataDir`, sets the PRAGMAs and migrates. */
export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const { dataDir } = options;
  const now = options.now ?? (() => new Date());
  if (options.readOnly) return openReadOnly(join(dataDir, databaseFileName), options.migrations ?? defaultMigrations);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, databaseFileName);
  const raw = await openRaw(file);
  const db = new Kysely<DB>({ dialect: new Sqlite3Dialect(raw) });
  try {
    // WAL + FULL: a committed transaction survives a power cut; foreign keys are off by default in SQLite.
    await sql`PRAGMA journal_mode = WAL`.execute(db);
    await sql`PRAGMA synchronous = FULL`.execute(db);
    await sql`PRAGMA foreign_keys = ON`.execute(db);
    await sql`PRAGMA busy_timeout = 5000`.execute(db);
    // The page cache (pageCache.ts): the name and ID-number indexes of a county's 100,000 people
    // stay in memory, which makes imports several times faster than SQLite's default 2 MiB.
    await setPageCache(db, everydayCacheKib);
    await sql`PRAGMA temp_store = MEMORY`.execute(db);
    // Lets `LIKE '张%'` use the name and ID-number indexes (prefix search on 100,000 people).
    await sql`PRAGMA case_sensitive_like = ON`.execute(db);
    const { applied, backupFile } = await migrate(db, dataDir, options.migrations ?? defaultMigrations, now);
    return { db, file, backupFile, applied };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

async function migrate(
  db: Kysely<DB>,
  dataDir: string,
  list: readonly Migration[],
  now: () => Date,
): Promise<{ applied: string[]; backupFile: string | null }> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)`.execute(db);
  const done = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
  const known = new Set(list.map((m) => m.name));
  const unknown = [...done].filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new Error(`数据文件来自更新版本的程序（含迁移 ${unknown.join(', ')}），请安装最新版本后再打开。`);
  }
  const pending = list.filter((m) => !done.has(m.name));
  if (pending.length === 0) return { applied: [], backupFile: null };
  return withUpgradeMemory(db, () => backupAndApply(db, dataDir, pending, now));
}

/**
 * Runs the one-time upgrade with a small page cache (pageCache.ts) and its sorts' temporary files
 * on disk, then gives back the everyday settings. A migration that rebuilds a table or an index
 * sorts all its entries (0031: a county's 720,000 search keys): with temp_store = MEMORY the sort's
 * spill files were in memory too, ~100 MB more, and the host kept most of it after starting.
 */
async function withUpgradeMemory<T>(db: Kysely<DB>, work: () => Promise<T>): Promise<T> {
  return withPageCache(db, upgradeCacheKib, async () => {
    await sql`PRAGMA temp_store = FILE`.execute(db);
    try {
      return await work();
    } finally {
      await sql`PRAGMA temp_store = MEMORY`.execute(db);
    }
  });
}

async function backupAndApply(db: Kysely<DB>, dataDir: string, pending: readonly Migration[], now: () => Date): Promise<{ applied: string[]; backupFile: string | null }> {
  let backupFile: string | null = null;
  const tables = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite_%'`.execute(db);
  if ((tables.rows[0]?.n ?? 0) > 0) {
    const dir = join(dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupFile = join(dir, `before-migrate-${stamp}-${pending[0]!.name}.sqlite`);
    // VACUUM INTO writes a consistent, compact copy even with a WAL file beside the database.
    await sql`VACUUM INTO ${backupFile}`.execute(db);
    if (!existsSync(backupFile) || statSync(backupFile).size === 0) {
      throw new Error('迁移前备份失败，数据文件未作改动。请检查磁盘空间后重试。');
    }
  }
  const applied: string[] = [];
  for (const migration of pending) {
    await db.transaction().execute(async (tx) => {
      await migration.up(tx as unknown as Kysely<unknown>);
      await tx.insertInto('schema_migrations').values({ name: migration.name, applied_at: now().toISOString() }).execute();
    });
    applied.push(migration.name);
  }
  return { applied, backupFile };
}
