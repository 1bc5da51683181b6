import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

// SQLite's page cache, in KiB (the default is 2 MiB). 64 MiB for everyday use: the workbench's
// figures read the whole county, and at 32 MiB their recount after a write went from 117 to 178 ms
// p95 (budget 150). A county's import needs only 32 MiB since the search keys' index was slimmed
// (migration 0031) — as fast as with 64 — and its peak memory has a budget (350 MB) that the
// other 32 MiB would cross, so the import runs with the smaller cache.

export const everydayCacheKib = 65536;
export const importCacheKib = 32768;
/**
 * The quarterly submission reads every ledger once, front to back, a chunk of keys at a time: a
 * 64 MiB cache filled up with pages it never reads again and was 60 MB of its peak memory (issue
 * 11.7), with no gain in time at 8 MiB.
 */
export const submissionCacheKib = 8192;

/**
 * Upgrading a database (the copy before migrating, then the migrations) reads it front to back
 * once. On a county's folder the copy (VACUUM INTO) grew the process by ~140 MB with the everyday
 * 64 MiB and by ~17 MB with 8 MiB, no slower; the host kept that memory after starting, and the
 * first submission after an upgrade peaked at 480 MB instead of ~240 (issue 11.7).
 */
export const upgradeCacheKib = 8192;

export async function setPageCache(db: Kysely<DB>, kib: number): Promise<void> {
  await sql`PRAGMA cache_size = ${sql.raw(String(-Math.trunc(kib)))}`.execute(db);
}

/** Runs `work` with a page cache of `kib`, then gives back the everyday size. */
export async function withPageCache<T>(db: Kysely<DB>, kib: number, work: () => Promise<T>): Promise<T> {
  await setPageCache(db, kib);
  try {
    return await work();
  } finally {
    await setPageCache(db, everydayCacheKib);
  }
}
