import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database as SqliteDatabase } from 'sqlite3';

/**
 * Kysely over the async `sqlite3` package. SQLite allows one writer, and a transaction lives on a
 * connection, so the program keeps exactly one connection and hands it out under a mutex: a
 * transaction holds it from BEGIN to COMMIT and every other query waits its turn.
 */
export class Sqlite3Dialect implements Dialect {
  constructor(private readonly db: SqliteDatabase) {}
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.db);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

class Sqlite3Driver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: Sqlite3Connection;
  private releaseLock: (() => void) | null = null;

  constructor(private readonly db: SqliteDatabase) {
    this.connection = new Sqlite3Connection(db);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    this.releaseLock = await this.mutex.lock();
    return this.connection;
  }
  async releaseConnection(): Promise<void> {
    const release = this.releaseLock;
    this.releaseLock = null;
    release?.();
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock at once, so a transaction never fails halfway on SQLITE_BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (err) {
      // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); the failed
      // ROLLBACK would then hide the real cause ("cannot rollback - no transaction is active").
      if (err instanceof Error && /no transaction is active/.test(err.message)) return;
      throw err;
    }
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('savepoint', name));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('rollback to', name));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointQuery('release', name));
  }
  async destroy(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}

function savepointQuery(command: string, name: string): CompiledQuery {
  return CompiledQuery.raw(`${command} "${name.replace(/"/g, '""')}"`);
}

const returnsRows = /^\s*(select|pragma|with|explain|values)\b|\breturning\b/i;

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: SqliteDatabase) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiled;
    const params = compiled.parameters.map(toSqliteValue);
    if (returnsRows.test(sql)) {
      return new Promise((resolve, reject) => {
        this.db.all(sql, params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })));
      });
    }
    return new Promise((resolve, reject) => {
      // `this` inside the callback is the statement, which carries lastID and changes.
      this.db.run(sql, params, function (this: { lastID: number; changes: number }, err: Error | null) {
        if (err) return reject(err);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      });
    });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.executeQuery<R>(compiled);
    for (const row of result.rows) yield { rows: [row] };
  }
}

/** node-sqlite3 binds BigInt as NULL and booleans as text; convert what Kysely may hand over. */
function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError('整数超出可安全保存的范围');
    }
    return Number(value);
  }
  return value;
}
