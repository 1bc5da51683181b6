import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 就业台账 (issue 12, EMPLOYMENT-FUNDS §1): a member's jobs as spells (several a year), the
// yearly employment settings (ages, 摸排 coverage, subsidy and reward tiers), and the quarterly
// 务工摸排 rounds with one check row per person. members.work_status stays as the summary of
// the open spell, for the export and the existing checks.
export const employment: Migration = {
  name: '0010_employment',
  async up(db: Kysely<unknown>) {
    const meta = rowMetaColumns;

    await sql`CREATE TABLE employment_spells (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      member_id TEXT NOT NULL REFERENCES members (id),
      household_id TEXT NOT NULL REFERENCES households (id),
      place TEXT NOT NULL,
      area TEXT NOT NULL CHECK (area IN ('outOfProvince', 'inProvince', 'inCounty')),
      abroad INTEGER NOT NULL DEFAULT 0 CHECK (abroad IN (0, 1)),
      province TEXT,
      city TEXT,
      employer TEXT,
      job TEXT,
      industry TEXT,
      start_date TEXT NOT NULL,
      end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
      months INTEGER CHECK (months IS NULL OR (months BETWEEN 0 AND 12)),
      months_year INTEGER,
      monthly_income_fen INTEGER NOT NULL CHECK (monthly_income_fen >= 0),
      channel TEXT NOT NULL,
      source TEXT NOT NULL,
      work_phone TEXT,
      end_reason TEXT,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_spells_member ON employment_spells (member_id, start_date) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_spells_household ON employment_spells (household_id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_spells_start ON employment_spells (start_date, end_date, area, household_id) WHERE deleted_at IS NULL`.execute(db);

    // JSON columns: survey_kinds ["povertyExited", …]; transport_tiers { area: fen };
    // workshop_tiers [{ minPeople, rewardFen }].
    await sql`CREATE TABLE employment_settings (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      year INTEGER NOT NULL,
      min_age INTEGER NOT NULL,
      max_age_male INTEGER NOT NULL,
      max_age_female INTEGER NOT NULL,
      survey_kinds TEXT NOT NULL,
      transport_tiers TEXT NOT NULL,
      transport_min_months INTEGER NOT NULL,
      workshop_tiers TEXT NOT NULL,
      workshop_min_months INTEGER NOT NULL,
      workshop_min_wage_fen INTEGER NOT NULL,
      workshop_stable_months INTEGER NOT NULL,
      workshop_per_person_fen INTEGER NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_employment_settings_year ON employment_settings (year) WHERE deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE survey_rounds (
      ${meta()},
      year INTEGER NOT NULL,
      quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
      due_date TEXT NOT NULL,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_survey_rounds_quarter ON survey_rounds (year, quarter) WHERE deleted_at IS NULL`.execute(db);

    // outcome: unchanged (无变化) | changed (a new spell recorded, spell_id) | ended (stopped
    // working: the open spell ended) | notWorking (checked, still not working).
    await sql`CREATE TABLE survey_checks (
      ${meta()},
      round_id TEXT NOT NULL REFERENCES survey_rounds (id),
      member_id TEXT NOT NULL REFERENCES members (id),
      village_id TEXT NOT NULL REFERENCES villages (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('unchanged', 'changed', 'ended', 'notWorking')),
      spell_id TEXT REFERENCES employment_spells (id),
      checked_on TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_survey_checks ON survey_checks (round_id, member_id) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_survey_checks_village ON survey_checks (round_id, village_id) WHERE deleted_at IS NULL`.execute(db);

    for (const table of ['employment_spells', 'employment_settings']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
