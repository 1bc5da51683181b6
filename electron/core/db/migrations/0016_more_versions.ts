import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// 0006 gave versions to the ledger records; the settings a second admin can have open at the same
// time — a village and its groups, a user account, a measure-catalog entry, the notice settings —
// still saved over each other silently (issue 16, item 2). Same scheme as 0006: the form sends
// back the version it loaded and the core refuses a save against a newer one.
//
// Each trigger fires only for the columns a person edits in that form: a user's row is also
// written at every sign-in (last_login_at) and password change, which must not make an admin's
// open user form stale. A village's groups live in their own table, so the service bumps the
// village's version itself when it renames or adds a group.

const editedColumns: Record<string, readonly string[]> = {
  villages: ['name', 'code', 'deleted_at'],
  users: ['display_name', 'role', 'active', 'deleted_at'],
  measure_types: ['family', 'name', 'risk_types', 'has_amount', 'sort_order', 'active', 'deleted_at'],
  print_settings: ['notice_columns', 'objection_place', 'objection_note', 'notice_phone', 'deleted_at'],
};

export const moreVersions: Migration = {
  name: '0016_more_versions',
  async up(db: Kysely<unknown>) {
    for (const [table, columns] of Object.entries(editedColumns)) {
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)`.execute(db);
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE OF ${columns.join(', ')} ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
