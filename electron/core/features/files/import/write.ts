import { sql, type Transaction } from 'kysely';
import type { HandlerContext } from '../../../context';
import type { DB } from '../../../db/schema';
import type { JobControl } from '../../../jobs';
import { refreshAllSchedulesIn, refreshVisitSchedule } from '../../../derived/visitSchedule';
import { progressWords } from '../../../progressWords';

// What the per-kind writers share: the writer (who, when, progress), multi-row INSERTs in chunks,
// and the visit schedule that follows the households an import touched.

export type Tx = Transaction<DB>;
export type Cell = string | number | null;

/** When more households than this move, every schedule is recomputed in one pass instead of one by one. */
const bulkScheduleFrom = 300;
// ---------------------------------------------------------------------------------------------
// Writing

export interface Writer {
  ctx: HandlerContext;
  control: JobControl;
  /** The meta columns (id, office_code, created_at, updated_at, updated_by, deleted_at, delete_reason) of a new row. */
  meta: () => Cell[];
  now: string;
  userId: string;
  userName: string;
  done: number;
  total: number;
}

export const metaColumns = ['id', 'office_code', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'delete_reason'];

/**
 * Multi-row INSERTs, a chunk at a time: each chunk travels as one JSON parameter that SQLite
 * unpacks (jsonb_each), as the seed writes a county. Cancelling between chunks rolls everything back.
 * Columns with the same value in every row of a chunk (`constants`: office, times, user; and
 * whatever the chunk happens to hold once, such as the columns a national export does not have)
 * are bound once per statement instead of travelling in each row's JSON: SQLite reads
 * `value ->> i` by walking the row's array, so every column left out makes each of the others cheaper.
 *
 * Bound parameters instead of JSON (`VALUES (?, …), …` up to SQLite's 32,766 variables, the
 * statement prepared once and reused) were no faster in SQLite and cost the main thread four times
 * as much: node-sqlite3 copies every parameter one by one (a county: 2.4 s against 0.6 s).
 */
export async function bulkInsert(
  tx: Tx,
  w: Writer,
  table: keyof DB & string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  chunk = 2000,
  constants: Readonly<Record<string, Cell>> = {},
): Promise<void> {
  await withInserts(tx, w, (insert) => insert(table, columns, rows, chunk, constants));
}

/** As bulkInsert, but the last statement may still be running when it returns. */
export type Insert = (table: keyof DB & string, columns: readonly string[], rows: Iterable<Cell[]>, chunk?: number, constants?: Readonly<Record<string, Cell>>) => Promise<void>;

/**
 * bulkInsert for a writer with more to build between its tables: `work` inserts through `insert`,
 * and a statement runs in SQLite's thread while the next rows are built and turned into JSON here,
 * whichever table they are for.
 * One statement at a time is in flight: the transaction's one connection runs statements side by
 * side when more are sent (node-sqlite3's parallel mode), so each waits for the one before.
 */
export async function withInserts<T>(tx: Tx, w: Writer, work: (insert: Insert) => Promise<T>): Promise<T> {
  // Set by `insert`: the type is spelled out so that the checks after `work` do not read it as always null.
  let running = null as Promise<unknown> | null;
  const insert: Insert = async (
    table: keyof DB & string,
    columns: readonly string[],
    rows: Iterable<Cell[]>,
    chunk = 2000,
    constants: Readonly<Record<string, Cell>> = {},
  ) => {
    const fixed = Object.entries(constants);
    let batch: Cell[][] = [];
    const flush = async () => {
      const first = batch[0];
      if (!first) return;
      const rowsNow = batch;
      batch = [];
      const same = columns.map((_, i) => rowsNow.every((r) => r[i] === first[i]));
      const varying = columns.flatMap((_, i) => (same[i] ? [] : [i]));
      const once = columns.flatMap((_, i) => (same[i] ? [i] : []));
      const json = JSON.stringify(once.length === 0 ? rowsNow : rowsNow.map((r) => varying.map((i) => r[i])));
      const list = sql.raw([...varying.map((i) => columns[i]), ...once.map((i) => columns[i]), ...fixed.map(([c]) => c)].map((c) => `"${c}"`).join(', '));
      const values = sql.join([
        ...varying.map((_, k) => sql.raw(`value ->> ${k}`)),
        ...once.map((i) => sql`${first[i] ?? null}`),
        ...fixed.map(([, v]) => sql`${v}`),
      ]);
      if (running) await running;
      // Cancelled here, with nothing in flight: a ROLLBACK sent beside a running INSERT could run first.
      w.control.throwIfCancelled();
      // jsonb_each, not json_each: it hands each row over as JSONB, which `->>` reads in place;
      // json_each hands it over as text that every `->>` parses again (a county's members: about
      // 0.4-0.8 s less of SQLite's time, measured apart with the import bench's people).
      running = sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${values} FROM jsonb_each(${json})`.execute(tx);
      // Its failure is thrown where it is awaited (the next flush or settled), not reported as unhandled meanwhile.
      running.catch(() => undefined);
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= chunk) await flush();
    }
    await flush();
  };
  // The statement still running is waited for whatever `work` does: nothing may use the
  // transaction before it ends, the ROLLBACK after a failure least of all. Its own failure is
  // thrown when `work` succeeded; after a failure of `work`, that one is what counts.
  let result: T;
  try {
    result = await work(insert);
  } catch (err) {
    if (running) await running.catch(() => undefined);
    throw err;
  }
  if (running) await running;
  return result;
}

export function progress(w: Writer, n: number): void {
  w.done += n;
  w.control.report(w.done, w.total, progressWords(w.done, w.total, `正在写入…（${w.done}/${w.total}）`, `已写入 ${w.total} 条`));
}

export async function refreshSchedules(tx: Tx, w: Writer, householdIds: readonly string[]): Promise<void> {
  if (householdIds.length === 0) return;
  w.control.report(w.done, w.total, '正在更新走访计划…');
  if (householdIds.length >= bulkScheduleFrom) {
    await refreshAllSchedulesIn(tx);
    return;
  }
  for (const id of householdIds) await refreshVisitSchedule(tx, w.ctx, id);
}
