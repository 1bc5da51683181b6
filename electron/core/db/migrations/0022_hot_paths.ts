import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Two things the program did on every start or visit that it need not.
//
// Search keys: the start-up catch-up compared every household and member with its keys, a scan of
// the two largest tables at each opening. Instead, triggers note the household of any row whose
// searchable columns are written (by the program, the seed, the import or a hand edit) in
// search_dirty; the write paths rebuild the keys in the same transaction and clear the note, and
// the start-up reads only what is left (usually nothing). The notes start as the households whose
// keys are stale today (the old scan, run once here).
//
// 公益岗设置: the defaults were a seeded year-2000 row with an empty office code. They now live in
// code like the thresholds' (shared/domain/posts.ts defaultPostSettings). The seeded row is retired
// (soft-deleted) only if nobody changed it; a row an admin edited stays, and still applies.
export const hotPaths: Migration = {
  name: '0022_hot_paths',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE search_dirty (household_id TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID`.execute(db);
    await sql`CREATE TRIGGER tr_search_dirty_household_insert AFTER INSERT ON households BEGIN
      INSERT OR IGNORE INTO search_dirty (household_id) VALUES (NEW.id); END`.execute(db);
    await sql`CREATE TRIGGER tr_search_dirty_household_update AFTER UPDATE OF household_code, head_name, phone, deleted_at ON households BEGIN
      INSERT OR IGNORE INTO search_dirty (household_id) VALUES (NEW.id); END`.execute(db);
    await sql`CREATE TRIGGER tr_search_dirty_member_insert AFTER INSERT ON members BEGIN
      INSERT OR IGNORE INTO search_dirty (household_id) VALUES (NEW.household_id); END`.execute(db);
    // A member moved to another household leaves keys to drop in the old one and to make in the new.
    await sql`CREATE TRIGGER tr_search_dirty_member_update AFTER UPDATE OF household_id, name, id_number, phone, deleted_at ON members BEGIN
      INSERT OR IGNORE INTO search_dirty (household_id) VALUES (OLD.household_id);
      INSERT OR IGNORE INTO search_dirty (household_id) VALUES (NEW.household_id); END`.execute(db);
    await sql`INSERT OR IGNORE INTO search_dirty (household_id)
      SELECT h.id FROM households AS h
      WHERE h.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM search_keys AS k WHERE k.record_id = h.id AND k.source_at = h.updated_at)
      UNION
      SELECT m.household_id FROM members AS m
      WHERE m.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM search_keys AS k WHERE k.record_id = m.id AND k.source_at = m.updated_at)`.execute(db);

    await sql`UPDATE post_settings SET deleted_at = '2026-12-06T00:00:00.000Z', delete_reason = '程序默认值改由程序提供（未曾修改的预置行）'
      WHERE id = '00000000-0000-7000-8000-000000000011' AND deleted_at IS NULL AND version = 1 AND updated_by = 'system'
        AND year = 2000 AND min_age = 16 AND max_age_male = 60 AND max_age_female = 60 AND warn_age = 70
        AND notice_days = 3 AND max_term_months = 12`.execute(db);
  },
};
