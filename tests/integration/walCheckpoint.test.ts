import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from '../../electron/core/db/checkpointer';
import { databaseFileName, openDatabase } from '../../electron/core/db/open';
import { createCore } from '../../electron/core/core';

// A commit that grows the log past SQLite's 1,000 pages used to copy the whole log into the
// database file before it returned (a print every ~33 waited ~0.3 s, an import's commit 0.5–0.8 s).
// The copy now runs beside the writes on a connection of its own (db/checkpointer.ts).

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ledger-wal-'));
  dirs.push(d);
  return d;
}

const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

describe('the write-ahead log’s copy into the database file', () => {
  it('is not made by a big commit; the background round makes it, and the closing leaves no log', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, databaseFileName);
    const opened = await openDatabase({ dataDir });
    // Rounds far apart: the test runs the one it wants itself.
    const checkpointer = await startWalCheckpointer(opened.db, file, 600_000);
    const before = size(file);
    // ~3,000 pages in one transaction (search_dirty has no foreign keys to satisfy).
    await opened.db.transaction().execute((tx) =>
      sql`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000)
          INSERT INTO search_dirty (household_id) SELECT printf('0190000000007%019d', i) FROM n`.execute(tx),
    );
    expect(size(`${file}-wal`)).toBeGreaterThan(8 * 1024 * 1024);
    // Committed, yet the database file has not grown: the commit did not copy the log.
    expect(size(file)).toBeLessThan(before + 1024 * 1024);

    await checkpointer.runOnce();
    expect(size(file)).toBeGreaterThan(before + 8 * 1024 * 1024);
    await checkpointer.stop();
    await opened.db.destroy();
    expect(size(`${file}-wal`)).toBe(0);

    const reopened = await openDatabase({ dataDir });
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM search_dirty`.execute(reopened.db);
    expect(Number(n.rows[0]?.n)).toBe(250_000);
    await reopened.db.destroy();
  });

  it('runs in the program: its commits leave the copy to it, and closing the program removes the log', async () => {
    const dataDir = tempDir();
    const core = await createCore({ dataDir, logError: () => undefined });
    const mode = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(core.db);
    expect(Number(mode.rows[0]?.wal_autocheckpoint)).toBe(0);
    await core.close();
    expect(size(join(dataDir, `${databaseFileName}-wal`))).toBe(0);
  });
});
