import { sql, type Kysely } from 'kysely';
import sqlite3 from 'sqlite3';
import type { DB } from './schema';

// In WAL mode SQLite copies the log back into the database file (a checkpoint) inside the commit
// that grows the log past 1,000 pages: every ~33rd money-trail print (each logs ~120 KB of its data)
// took 280–360 ms instead of ~15, and a county's import waited 0.5–0.8 s at its commit for the copy
// of its ~80 MB of log. The commit is durable once the log is synced (synchronous = FULL); the copy
// is housekeeping. So the program's connection never checkpoints at a commit: a second connection
// of its own copies the log in the background, on SQLite's thread, a moment after the writes. A
// PASSIVE checkpoint waits for nobody and never blocks the writer; what it cannot copy yet (frames
// of a transaction still open) it copies on a later round. Closing the program's connection last
// copies what is left and removes the log, as before.

export interface WalCheckpointer {
  /** Stops the rounds and closes the second connection (before the program's own connection closes). */
  stop(): Promise<void>;
  /** One round now (tests; the rounds run by themselves). Resolves when it is done. */
  runOnce(): Promise<void>;
}

/** How often the log is looked at; a round with nothing to copy costs a few microseconds. */
export const checkpointEveryMs = 500;

function openSecond(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_FULLMUTEX, (err) => (err ? reject(err) : resolve(db)));
  });
}

/** Turns off the commits' own checkpoints on `db` and starts the background copy of its log. */
export async function startWalCheckpointer(db: Kysely<DB>, file: string, everyMs = checkpointEveryMs): Promise<WalCheckpointer> {
  const second = await openSecond(file);
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const round = (): Promise<void> => {
    running ??= new Promise<void>((resolve) => {
      // Busy (the program's connection is closing and checkpointing itself) or any other refusal:
      // nothing is lost, the log stays and the next round or the closing copies it.
      second.get('PRAGMA wal_checkpoint(PASSIVE)', () => resolve());
    }).finally(() => {
      running = null;
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void round().then(schedule);
    }, everyMs);
    // The rounds never keep a process alive (the command line, the tests).
    timer.unref();
  };
  schedule();

  return {
    runOnce: round,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await new Promise<void>((resolve) => second.close(() => resolve()));
    },
  };
}
