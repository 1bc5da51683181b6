import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

// SQLite copies the write-ahead log back into the database file (a checkpoint) as part of the
// commit that grows the log past 1,000 pages. A county's import commits ~80 MB of log at once, and
// that copy took 0.5–0.8 s of its commit on the bench machine, though the import is durable as soon
// as the log is synced (synchronous = FULL). Its commit leaves the copy to the next commit (the
// search keys' catch-up that starts right after it): the ledger is the same either way, a crash in
// between replays the log on the next opening.

/** SQLite's default: a checkpoint once the log has grown past this many pages. */
const everydayCheckpointPages = 1000;

/** Runs `work` (one big transaction) without the checkpoint at its commit, then turns it back on. */
export async function withoutCommitCheckpoint<T>(db: Kysely<DB>, work: () => Promise<T>): Promise<T> {
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
  try {
    return await work();
  } finally {
    await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(everydayCheckpointPages))}`.execute(db);
  }
}
