import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../../shared/lib/result';
import type { HandlerContext } from './context';
import type { DB } from './db/schema';
import type { AuditWriter } from './auditWriter';

// One channel, one transaction (issue 10): the dispatcher (core.ts) runs every mutating channel's
// handler in `inOneTransaction`, unless its contract declares `ownTransaction`. Each service still
// opens "its own" transaction through `ctx.mutate`, so it can be called alone; inside, that call
// becomes a savepoint of the open one: the rows and audit rows of every service commit or roll back
// together, and a service call that fails undoes only its own writes (as it did alone), so a
// handler that catches the failure and goes on keeps what it wrote before.

/**
 * A context bound to an open transaction: `db` is the transaction (the program has one SQLite
 * connection, so a read through the outer `db` would wait for the transaction to end), and
 * `mutate` runs in it with the same audit writer.
 */
export function boundTo(ctx: HandlerContext, tx: Transaction<DB>, audit: AuditWriter): HandlerContext {
  const refuse = (): never => {
    // Jobs and a restore outlive the transaction; a handler starts them outside it.
    throw new AppError('INTERNAL', '程序内部错误：事务中不能启动后台任务或恢复数据，数据未改动，请重试或联系技术支持');
  };
  return {
    ...ctx,
    db: tx,
    mutate: (fn) => withSavepoint(tx, () => fn(tx, audit)),
    jobs: { start: refuse, get: (id) => ctx.jobs.get(id), cancel: (id) => ctx.jobs.cancel(id) },
    replaceDatabase: refuse,
  };
}

/** Runs `fn` in one transaction; every service it calls with the given context writes in it. */
export function inOneTransaction<T>(ctx: HandlerContext, fn: (txCtx: HandlerContext) => Promise<T>): Promise<T> {
  return ctx.mutate((tx, audit) => fn(boundTo(ctx, tx, audit)));
}

let savepoints = 0;

/**
 * Runs `fn` inside a savepoint of the open transaction `db`: when it throws, its writes (and audit
 * rows) are undone and the error is passed on, while the transaction's earlier writes stay for the
 * caller to commit. For a step that may be refused without refusing the whole channel.
 */
export async function withSavepoint<T>(db: Kysely<DB>, fn: () => Promise<T>): Promise<T> {
  const name = sql.id(`sp_${++savepoints}`);
  await sql`savepoint ${name}`.execute(db);
  try {
    const result = await fn();
    await sql`release ${name}`.execute(db);
    return result;
  } catch (err) {
    await sql`rollback to ${name}`.execute(db);
    await sql`release ${name}`.execute(db);
    throw err;
  }
}
