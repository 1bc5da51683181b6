import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// Failed sign-ins (issue 16 #10): the audit log is append-only, so a burst of failures for one
// login name writes one audit row and counts the rest here, in one row per name and burst. A
// burst ends when a name has had no failure for a while; the next failure starts a new row.
export const loginFailures: Migration = {
  name: '0008_login_failures',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE login_failures (
      ${rowMetaColumns()},
      name_key TEXT NOT NULL CHECK (length(name_key) <= 64),
      first_at TEXT NOT NULL,
      last_at TEXT NOT NULL,
      failures INTEGER NOT NULL CHECK (failures >= 1)
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_login_failures_name ON login_failures (name_key, last_at)`.execute(db);
  },
};
