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
// 待补充 counts on the workbench: partial indexes hold exactly the rows each kind lists (usually
// none), so the counts read a near-empty index instead of every member and every income year.
//
// 工作台 figures: they were recomputed after any write at all (an audit row, a sign-in, a phone
// number). figures_version counts only the writes that change a figure (triggers on the columns
// the figures read), so the cached figures hold until one of those happens.
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

    await sql`CREATE INDEX ix_members_pending_disability ON members (household_id)
      WHERE deleted_at IS NULL AND status = 'current' AND health = 'disabled' AND (disability_category IS NULL OR disability_grade IS NULL)`.execute(db);
    await sql`CREATE INDEX ix_incomes_pending_national ON incomes (household_id) WHERE deleted_at IS NULL AND source = 'nationalPerCapita'`.execute(db);
    await sql`CREATE INDEX ix_households_pending_helper ON households (village_id)
      WHERE deleted_at IS NULL AND status = 'active' AND kind <> 'ordinary' AND coalesce(trim(helper_name), '') = ''`.execute(db);

    await sql`CREATE TABLE figures_version (id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1), n INTEGER NOT NULL) STRICT`.execute(db);
    await sql`INSERT INTO figures_version (id, n) VALUES (1, 0)`.execute(db);
    const watched: [string, string][] = [
      ['households', 'village_id, kind, status, member_count, visit_cycle, last_visit_date, next_visit_due, deleted_at'],
      ['monitoring_cases', 'household_id, status, category, included_date, eliminated_date, deleted_at'],
      ['case_risks', 'case_id, risk_type, deleted_at'],
      ['measures', 'case_id, status, deleted_at'],
      ['incomes', 'household_id, year, per_capita_fen, deleted_at'],
    ];
    // When they are recomputed, the cases, their measures and the incomes are read from covering
    // indexes (features/reports/figures.ts) rather than row by row.
    await sql`CREATE INDEX ix_cases_figures ON monitoring_cases (household_id, status, category, included_date, eliminated_date, id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_measures_figures ON measures (case_id, status) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_incomes_figures ON incomes (household_id, year, per_capita_fen) WHERE deleted_at IS NULL`.execute(db);
    for (const [table, columns] of watched) {
      await sql`${sql.raw(`CREATE TRIGGER tr_figures_${table}_insert AFTER INSERT ON ${table} BEGIN UPDATE figures_version SET n = n + 1 WHERE id = 1; END`)}`.execute(db);
      await sql`${sql.raw(`CREATE TRIGGER tr_figures_${table}_update AFTER UPDATE OF ${columns} ON ${table} BEGIN UPDATE figures_version SET n = n + 1 WHERE id = 1; END`)}`.execute(db);
      await sql`${sql.raw(`CREATE TRIGGER tr_figures_${table}_delete AFTER DELETE ON ${table} BEGIN UPDATE figures_version SET n = n + 1 WHERE id = 1; END`)}`.execute(db);
    }

    await sql`UPDATE post_settings SET deleted_at = '2026-12-06T00:00:00.000Z', delete_reason = '程序默认值改由程序提供（未曾修改的预置行）'
      WHERE id = '00000000-0000-7000-8000-000000000011' AND deleted_at IS NULL AND version = 1 AND updated_by = 'system'
        AND year = 2000 AND min_age = 16 AND max_age_male = 60 AND max_age_female = 60 AND warn_age = 70
        AND notice_days = 3 AND max_term_months = 12`.execute(db);
  },
};
