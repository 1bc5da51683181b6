import { chunks } from '../../../files/export/ledgerCommon';

// The big ledgers' exports read the list's order first (ids, or the page's own rows) and then the
// rest of the rows a part at a time: a county's ledger read whole was the quarterly submission's
// peak memory (issue 11.7). One loop for all of them.

export interface ReadInOrderOptions {
  /** How many of `order` one read takes (ledgerCommon's chunk size unless given). */
  size?: number;
  /**
   * Reads the next part while the caller works on this one (SQLite works on its own thread
   * meanwhile), at the cost of holding two parts at once.
   */
  readAhead?: boolean;
}

/** Yields `read(part)` for each part of `order`, in order. */
export async function* readInOrder<K, R>(order: readonly K[], read: (part: K[]) => Promise<R>, options: ReadInOrderOptions = {}): AsyncGenerator<R> {
  const parts = options.size === undefined ? chunks(order) : chunks(order, options.size);
  if (!options.readAhead) {
    for (const part of parts) yield await read(part);
    return;
  }
  let next = parts[0] ? read(parts[0]) : null;
  for (let i = 0; next !== null; i += 1) {
    const current = await next;
    const following = parts[i + 1];
    next = following ? read(following) : null;
    // A job cancelled before it gets there leaves the read unawaited: not an unhandled rejection.
    next?.catch(() => undefined);
    yield current;
  }
}

/** The rows of one read put in the order of `ids` (SQL's `IN` gives them in its own); an id without a row is left out. */
export function inOrderOf<R>(ids: readonly string[], rows: readonly R[], idOf: (row: R) => string): R[] {
  const byId = new Map(rows.map((r) => [idOf(r), r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
