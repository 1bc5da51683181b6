import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { JobControl } from '../../jobs';
import { collectGarbageIfGrown } from '../../memory';
import { catchUpSearchKeys, searchKeysBehind } from './indexer';

// The search keys that a bulk write leaves behind (a county's import: 30,000 households, about
// 390,000 keys, seven seconds of its transaction) are built after its commit by a background job,
// a chunk of households at a time, each chunk its own short transaction: a clerk's save waits for
// one chunk at most, never for the county. Until they are built, the search still finds names, ID
// numbers and household codes (read from the tables, service.ts) and says how many households'
// pinyin and number fragments are still missing.
//
// A save during the catch-up is not lost: the save rebuilds its household's keys in its own
// transaction and clears the note, or notes it again (the triggers, migration 0022); a chunk reads
// the notes and rebuilds them in one transaction; the program's one connection runs transactions
// one after the other, so every rebuild reads the rows as the last commit left them. The job ends
// only when a chunk finds no note left.

export const searchCatchUpKind = 'search.catchUp';

/**
 * Households a chunk rebuilds; with no more than this many behind, the writer catches up itself
 * before it reports done (a small import's people are findable by pinyin at once). Tests lower it
 * to see the background job with a small file.
 */
export const searchCatchUp = { chunk: 500 };

/** Rebuilds every noted household's keys, a chunk per transaction, until none is left. Returns how many. */
export async function catchUpInChunks(db: Kysely<DB>, control: JobControl): Promise<number> {
  let done = 0;
  let total = await searchKeysBehind(db);
  control.report(0, total, '正在更新搜索索引…');
  for (;;) {
    control.throwIfCancelled();
    const n = await db.transaction().execute((tx) => catchUpSearchKeys(tx, searchCatchUp.chunk));
    if (n === 0) return done;
    done += n;
    // Saves meanwhile may note households the count at the start did not hold.
    total = Math.max(total, done);
    control.report(done, total, `正在更新搜索索引…（${done}/${total} 户）`);
    // Right after a county's import the heap is large: its garbage is not left to pile up (memory.ts).
    collectGarbageIfGrown();
  }
}

/**
 * After a bulk write has committed (an import, the program's start): a few households behind are
 * caught up at once in one transaction; more start the background job. Returns its id, or null.
 */
export async function catchUpSearchKeysSoon(db: Kysely<DB>, start: (run: (control: JobControl) => Promise<number>) => string): Promise<string | null> {
  const behind = await searchKeysBehind(db);
  if (behind === 0) return null;
  if (behind <= searchCatchUp.chunk) {
    await db.transaction().execute((tx) => catchUpSearchKeys(tx));
    return null;
  }
  return start((control) => catchUpInChunks(db, control));
}
