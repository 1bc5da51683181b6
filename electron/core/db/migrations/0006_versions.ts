import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Two clerks saving one household both heard "已保存" and the first save was silently lost
// (issue 16). Every record a form edits now carries an integer version: a form sends back the
// version it loaded and the core refuses a save against a newer one. A timestamp cannot serve:
// two saves within one millisecond (or under a test's fixed clock) would share it.
//
// A trigger bumps the version on every UPDATE, so the CLI, the import and the seed — which write
// in their own way — make a form's stale save visible without knowing about versions. The trigger
// only fires when the statement left the version alone, and SQLite's recursive triggers are off,
// so its own UPDATE does not fire it again.
//
// Households are the exception: head_name, member_count and no_labor follow the members (written
// by the service whenever a member changes), and a member's edit must not make an open household
// form stale. Their trigger fires only for the columns a person edits on the household itself.

const tables = ['members', 'monitoring_cases', 'measures', 'incomes', 'office', 'threshold_years'] as const;

const householdColumns = [
  'household_code',
  'village_id',
  'group_id',
  'address',
  'phone',
  'kind',
  'dibao',
  'tekun',
  'relocated',
  'helper_name',
  'helper_phone',
  'status',
  'closed_date',
  'close_reason',
  'deleted_at',
];

export const versions: Migration = {
  name: '0006_versions',
  async up(db: Kysely<unknown>) {
    for (const table of [...tables, 'households']) {
      await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)`.execute(db);
    }
    for (const table of tables) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
    await sql.raw(`CREATE TRIGGER trg_households_version AFTER UPDATE OF ${householdColumns.join(', ')} ON households
      FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE households SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
  },
};
