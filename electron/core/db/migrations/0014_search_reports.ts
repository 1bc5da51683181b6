import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Issue 14. The one search box: every household and member gets its search keys (name, pinyin
// initials and full pinyin, ID number and its digits reversed for "last digits", phone, household
// code) in one indexed column, so any search is a range read of one index. The keys are derived
// data, rebuilt from the record whenever it changes (`source_at` = the record's updated_at), so
// they are replaced rather than kept as history. Existing rows are filled in at startup
// (features/search/indexer.ts catchUpSearchKeys), which also covers data written by the seed.
// The workbench: its household figures read one narrow covering index instead of the whole rows;
// the 24-month trend reads cases by their included / eliminated dates.
export const searchReports: Migration = {
  name: '0014_search_reports',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE search_keys (
      key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('household', 'member')),
      record_id TEXT NOT NULL,
      household_id TEXT NOT NULL,
      source_at TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_search_keys_key ON search_keys (key, kind, record_id)`.execute(db);
    await sql`CREATE INDEX ix_search_keys_record ON search_keys (record_id, source_at)`.execute(db);
    await sql`CREATE INDEX ix_search_keys_household ON search_keys (household_id)`.execute(db);
    await sql`CREATE INDEX ix_households_figures ON households (village_id, kind, member_count, visit_cycle, last_visit_date, next_visit_due)
      WHERE deleted_at IS NULL AND status = 'active'`.execute(db);
    // Village of a case's household without reading the household's whole row.
    await sql`CREATE INDEX ix_households_village_of ON households (id, village_id)`.execute(db);
    await sql`CREATE INDEX ix_cases_included ON monitoring_cases (included_date) WHERE included_date IS NOT NULL`.execute(db);
    await sql`CREATE INDEX ix_cases_eliminated ON monitoring_cases (eliminated_date) WHERE eliminated_date IS NOT NULL`.execute(db);
  },
};
