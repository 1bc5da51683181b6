import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// The monitoring ledger (DOMAIN §4–10): yearly thresholds, incomes, monitoring cases with their
// risks and workflow steps, notice objections, the measure catalog and plans, and visits.
// Amounts are integer fen; rules read thresholds from threshold_years, never from code.
// Derived numbers that lists filter and sort on at county scale (per-capita income, deadlines,
// a household's next visit) are stored and kept in step by the services in the same transaction.
export const monitoring: Migration = {
  name: '0002_monitoring',
  async up(db: Kysely<unknown>) {
    const meta = () => sql.raw(`
      id TEXT PRIMARY KEY NOT NULL,
      office_code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      deleted_at TEXT,
      delete_reason TEXT CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))`);
    const fen = (name: string) => sql.raw(`${name} INTEGER NOT NULL DEFAULT 0 CHECK (${name} >= 0)`);

    // One row per year an admin entered; a year without a row uses the latest earlier one.
    // holidays / makeup_workdays are JSON arrays of dates for working-day deadlines.
    await sql`CREATE TABLE threshold_years (
      ${meta()},
      year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
      monitoring_line_fen INTEGER NOT NULL CHECK (monitoring_line_fen > 0),
      elimination_floor_fen INTEGER NOT NULL CHECK (elimination_floor_fen > 0),
      period_start_month INTEGER NOT NULL CHECK (period_start_month BETWEEN 1 AND 12),
      notice_days INTEGER NOT NULL CHECK (notice_days BETWEEN 1 AND 60),
      identification_deadline_days INTEGER NOT NULL CHECK (identification_deadline_days BETWEEN 1 AND 120),
      identification_deadline_unit TEXT NOT NULL CHECK (identification_deadline_unit IN ('calendar', 'working')),
      plan_deadline_days INTEGER NOT NULL CHECK (plan_deadline_days BETWEEN 1 AND 120),
      min_monitoring_months INTEGER NOT NULL CHECK (min_monitoring_months BETWEEN 0 AND 60),
      visit_open_months INTEGER NOT NULL CHECK (visit_open_months BETWEEN 1 AND 24),
      visit_eliminated_months INTEGER NOT NULL CHECK (visit_eliminated_months BETWEEN 1 AND 24),
      visit_stable_months INTEGER NOT NULL CHECK (visit_stable_months BETWEEN 1 AND 36),
      holidays TEXT NOT NULL DEFAULT '[]',
      makeup_workdays TEXT NOT NULL DEFAULT '[]'
    ) STRICT`.execute(db);

    // Yearly income per household (DOMAIN §4). net_income_fen and per_capita_fen are computed by
    // shared/domain/income from the categories, never typed; member_count is the household's
    // size for that year's accounting. net income may be negative (a failed business).
    await sql`CREATE TABLE incomes (
      ${meta()},
      household_id TEXT NOT NULL REFERENCES households(id),
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      member_count INTEGER NOT NULL CHECK (member_count >= 1),
      ${fen('wage_fen')},
      ${fen('business_income_fen')},
      ${fen('business_cost_fen')},
      ${fen('property_fen')},
      ${fen('pension_fen')},
      ${fen('dibao_fen')},
      ${fen('tekun_fen')},
      ${fen('eco_compensation_fen')},
      ${fen('other_transfer_fen')},
      ${fen('insurance_payout_fen')},
      ${fen('medical_out_of_pocket_fen')},
      net_income_fen INTEGER NOT NULL,
      per_capita_fen INTEGER NOT NULL,
      decline_cause TEXT,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_incomes_household_year ON incomes (household_id, year) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_incomes_year ON incomes (year, household_id)`.execute(db);

    // 监测对象. A household has at most one open case (识别中 / 监测中), enforced by the partial
    // unique index as well as by the service. guarantees is a JSON object of the six checks.
    await sql`CREATE TABLE monitoring_cases (
      ${meta()},
      case_code TEXT NOT NULL UNIQUE,
      household_id TEXT NOT NULL REFERENCES households(id),
      status TEXT NOT NULL CHECK (status IN ('identifying', 'monitoring', 'eliminated', 'rejected')),
      category TEXT CHECK (category IN ('unstableExited', 'marginal', 'suddenHardship')),
      suggested_category TEXT CHECK (suggested_category IN ('unstableExited', 'marginal', 'suddenHardship')),
      category_confirmed_by TEXT,
      helper_name TEXT,
      helper_phone TEXT,
      clue_source TEXT NOT NULL CHECK (clue_source IN ('selfReport', 'cadreVisit', 'departmentAlert', 'other')),
      clue_date TEXT NOT NULL,
      clue_note TEXT,
      deadline_date TEXT NOT NULL,
      included_date TEXT,
      plan_due_date TEXT,
      eliminated_date TEXT,
      elimination_method TEXT CHECK (elimination_method IN ('assisted', 'natural')),
      rejected_date TEXT,
      reject_reason TEXT,
      guarantees TEXT NOT NULL,
      active_workflow TEXT CHECK (active_workflow IN ('identification', 'elimination')),
      next_step TEXT,
      round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
      CHECK (status <> 'monitoring' OR (included_date IS NOT NULL AND category IS NOT NULL)),
      CHECK (status <> 'eliminated' OR eliminated_date IS NOT NULL),
      CHECK (status <> 'rejected' OR rejected_date IS NOT NULL)
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_cases_open_household ON monitoring_cases (household_id)
      WHERE status IN ('identifying', 'monitoring') AND deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_cases_household ON monitoring_cases (household_id, clue_date)`.execute(db);
    await sql`CREATE INDEX ix_cases_status ON monitoring_cases (status, category)`.execute(db);

    await sql`CREATE TABLE case_risks (
      ${meta()},
      case_id TEXT NOT NULL REFERENCES monitoring_cases(id),
      risk_type TEXT NOT NULL CHECK (risk_type IN ('illness', 'disability', 'schooling', 'disaster', 'accident',
        'businessFailure', 'unstableJob', 'lackOfLabor', 'housing', 'drinkingWater', 'other')),
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_case_risks ON case_risks (case_id, risk_type) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_case_risks_type ON case_risks (risk_type, case_id)`.execute(db);

    // Workflow steps are appended, never edited: the history of every round of identification and
    // elimination stays readable after a 回退. details holds the step's own facts as JSON (the
    // negative-list checklist and special decision, the notice period and place, the method).
    await sql`CREATE TABLE case_steps (
      ${meta()},
      case_id TEXT NOT NULL REFERENCES monitoring_cases(id),
      workflow TEXT NOT NULL CHECK (workflow IN ('identification', 'elimination', 'reopen')),
      round INTEGER NOT NULL,
      step TEXT NOT NULL,
      step_date TEXT NOT NULL,
      people TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'rejected')),
      note TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_case_steps_case ON case_steps (case_id, step_date)`.execute(db);

    await sql`CREATE TABLE notice_objections (
      ${meta()},
      case_id TEXT NOT NULL REFERENCES monitoring_cases(id),
      step_id TEXT NOT NULL REFERENCES case_steps(id),
      received_date TEXT NOT NULL,
      objector TEXT,
      content TEXT NOT NULL,
      resolution TEXT,
      resolved_date TEXT,
      CHECK ((resolution IS NULL) = (resolved_date IS NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_objections_case ON notice_objections (case_id)`.execute(db);

    // The catalog is loaded from resources/measure-catalog.json on first start and then edited by
    // the admin here. risk_types (JSON array) are the risks a measure of this type answers.
    await sql`CREATE TABLE measure_types (
      ${meta()},
      code TEXT NOT NULL UNIQUE,
      family TEXT NOT NULL,
      name TEXT NOT NULL,
      risk_types TEXT NOT NULL,
      has_amount INTEGER NOT NULL CHECK (has_amount IN (0, 1)),
      sort_order INTEGER NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1))
    ) STRICT`.execute(db);

    await sql`CREATE TABLE measures (
      ${meta()},
      case_id TEXT NOT NULL REFERENCES monitoring_cases(id),
      household_id TEXT NOT NULL REFERENCES households(id),
      measure_type_code TEXT NOT NULL,
      risk_types TEXT NOT NULL,
      responsible_unit TEXT NOT NULL,
      helper_name TEXT,
      planned_date TEXT NOT NULL,
      done_date TEXT,
      status TEXT NOT NULL CHECK (status IN ('planned', 'inProgress', 'done', 'cancelled')),
      amount_fen INTEGER CHECK (amount_fen >= 0),
      note TEXT,
      CHECK ((status = 'done') = (done_date IS NOT NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_measures_case ON measures (case_id, planned_date)`.execute(db);
    await sql`CREATE INDEX ix_measures_household ON measures (household_id)`.execute(db);

    await sql`CREATE TABLE visits (
      ${meta()},
      household_id TEXT NOT NULL REFERENCES households(id),
      case_id TEXT REFERENCES monitoring_cases(id),
      visit_date TEXT NOT NULL,
      visitors TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('routine', 'return', 'screening', 'evaluation')),
      findings TEXT NOT NULL,
      guarantees TEXT,
      income_year INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_visits_household ON visits (household_id, visit_date)`.execute(db);
    await sql`CREATE INDEX ix_visits_date ON visits (visit_date)`.execute(db);

    // The visit schedule lives on the household so the 待办 page reads one indexed range at county
    // scale: the cycle (why it is visited), the last visit, and the date the next one is due.
    await sql`ALTER TABLE households ADD COLUMN visit_cycle TEXT CHECK (visit_cycle IN ('openCase', 'eliminated', 'stableExited'))`.execute(db);
    await sql`ALTER TABLE households ADD COLUMN last_visit_date TEXT`.execute(db);
    await sql`ALTER TABLE households ADD COLUMN next_visit_due TEXT`.execute(db);
    await sql`CREATE INDEX ix_households_next_visit ON households (next_visit_due) WHERE next_visit_due IS NOT NULL`.execute(db);
  },
};
