import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Funds and projects (issue 13, DOMAIN §12, EMPLOYMENT-FUNDS §2): the source catalog (data, not
// code), each year's funds settings, batches (资金批次), the project library with its append-only
// steps, and the append-only money entries. Allocations and disbursements are never edited: a
// correction is a new row with the negated amount whose reverses_id names the row it undoes
// (a row is reversed at most once, enforced by the unique index). Amounts are integer fen.
export const funds: Migration = {
  name: '0012_funds',
  async up(db: Kysely<unknown>) {
    const meta = () => sql.raw(`
      id TEXT PRIMARY KEY NOT NULL,
      office_code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      deleted_at TEXT,
      delete_reason TEXT CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))`);

    await sql`CREATE TABLE fund_sources (
      code TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      level TEXT CHECK (level IN ('central', 'province', 'city', 'county', 'township', 'village', 'other')),
      sort_order INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT`.execute(db);
    const sources: [string, string, string | null][] = [
      ['central', '中央衔接推进乡村振兴补助资金', 'central'],
      ['province', '省级衔接推进乡村振兴补助资金', 'province'],
      ['city', '市级衔接推进乡村振兴补助资金', 'city'],
      ['county', '县级衔接推进乡村振兴补助资金', 'county'],
      ['integrated', '统筹整合涉农资金', null],
      ['workRelief', '以工代赈资金', null],
      ['employment', '就业补助资金', null],
      ['eastWest', '东西部协作资金', null],
      ['pairing', '定点帮扶资金', null],
      ['social', '社会帮扶资金', null],
      ['solar', '光伏收益', null],
      ['selfRaised', '村集体 / 自筹', 'village'],
      ['other', '其他', null],
    ];
    for (const [i, [code, name, level]] of sources.entries()) {
      await sql`INSERT INTO fund_sources (code, name, level, sort_order) VALUES (${code}, ${name}, ${level}, ${i + 1})`.execute(db);
    }

    // One row per year an admin saved; a year without one uses the suggested values in
    // shared/domain/funds (shown as 默认 so the admin confirms them). milestones is a JSON array of
    // {date: 'MM-DD', percent}; close_date is the county's closing day of that year's books.
    await sql`CREATE TABLE fund_settings (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1,
      year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
      village_notice_days INTEGER NOT NULL CHECK (village_notice_days BETWEEN 1 AND 60),
      township_notice_days INTEGER NOT NULL CHECK (township_notice_days BETWEEN 1 AND 60),
      library_notice_days INTEGER NOT NULL CHECK (library_notice_days BETWEEN 1 AND 60),
      review_deadline_days INTEGER NOT NULL CHECK (review_deadline_days BETWEEN 1 AND 120),
      milestones TEXT NOT NULL,
      close_date TEXT
    ) STRICT`.execute(db);
    await sql`CREATE TRIGGER fund_settings_version AFTER UPDATE ON fund_settings FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE fund_settings SET version = OLD.version + 1 WHERE id = NEW.id; END`.execute(db);

    await sql`CREATE TABLE fund_batches (
      ${meta()},
      doc_no TEXT NOT NULL,
      issued_date TEXT NOT NULL,
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      level TEXT NOT NULL CHECK (level IN ('central', 'province', 'city', 'county', 'township', 'village', 'other')),
      source_code TEXT NOT NULL REFERENCES fund_sources(code),
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      use_direction TEXT NOT NULL,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_fund_batches_doc ON fund_batches (doc_no, source_code) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_fund_batches_year ON fund_batches (year, source_code)`.execute(db);

    // status is derived from the steps and stored so the library ledger filters on it.
    await sql`CREATE TABLE fund_projects (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1,
      project_code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      project_type TEXT NOT NULL CHECK (project_type IN ('industry', 'employment', 'infrastructure', 'publicService', 'other')),
      year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      village_ids TEXT NOT NULL,
      content TEXT NOT NULL,
      scale TEXT,
      start_date TEXT,
      end_date TEXT,
      implementing_unit TEXT NOT NULL,
      budget_fen INTEGER NOT NULL CHECK (budget_fen > 0),
      budget_sources TEXT NOT NULL DEFAULT '[]',
      beneficiary_households INTEGER NOT NULL DEFAULT 0 CHECK (beneficiary_households >= 0),
      beneficiary_people INTEGER NOT NULL DEFAULT 0 CHECK (beneficiary_people >= 0),
      beneficiary_exited INTEGER NOT NULL DEFAULT 0 CHECK (beneficiary_exited >= 0),
      beneficiary_monitored INTEGER NOT NULL DEFAULT 0 CHECK (beneficiary_monitored >= 0),
      performance_target TEXT NOT NULL DEFAULT '',
      farmer_link TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('draft', 'inLibrary', 'finished', 'exited', 'rejected')),
      last_step TEXT,
      last_step_date TEXT,
      due_date TEXT
    ) STRICT`.execute(db);
    await sql`CREATE TRIGGER fund_projects_version AFTER UPDATE ON fund_projects FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE fund_projects SET version = OLD.version + 1 WHERE id = NEW.id; END`.execute(db);
    await sql`CREATE INDEX ix_fund_projects_year ON fund_projects (year, status)`.execute(db);

    await sql`CREATE TABLE fund_project_steps (
      ${meta()},
      project_id TEXT NOT NULL REFERENCES fund_projects(id),
      step TEXT NOT NULL,
      step_date TEXT NOT NULL,
      people TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'rejected')),
      doc_no TEXT,
      notice_start TEXT,
      notice_end TEXT,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_fund_project_steps ON fund_project_steps (project_id, created_at)`.execute(db);

    await sql`CREATE TABLE fund_allocations (
      ${meta()},
      batch_id TEXT NOT NULL REFERENCES fund_batches(id),
      project_id TEXT NOT NULL REFERENCES fund_projects(id),
      entry_date TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
      reverses_id TEXT REFERENCES fund_allocations(id),
      note TEXT,
      CHECK ((reverses_id IS NULL) = (amount_fen > 0))
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_fund_allocations_reverses ON fund_allocations (reverses_id) WHERE reverses_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX ix_fund_allocations_batch ON fund_allocations (batch_id, project_id, amount_fen)`.execute(db);
    await sql`CREATE INDEX ix_fund_allocations_project ON fund_allocations (project_id, batch_id, amount_fen)`.execute(db);

    await sql`CREATE TABLE fund_disbursements (
      ${meta()},
      batch_id TEXT NOT NULL REFERENCES fund_batches(id),
      project_id TEXT NOT NULL REFERENCES fund_projects(id),
      entry_date TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0),
      voucher_no TEXT NOT NULL,
      payee_kind TEXT NOT NULL CHECK (payee_kind IN ('contractor', 'supplier', 'cooperative', 'villageCollective', 'household', 'other')),
      stage TEXT NOT NULL CHECK (stage IN ('advance', 'progress', 'completion', 'final', 'warranty')),
      reverses_id TEXT REFERENCES fund_disbursements(id),
      note TEXT,
      CHECK ((reverses_id IS NULL) = (amount_fen > 0))
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_fund_disbursements_reverses ON fund_disbursements (reverses_id) WHERE reverses_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX ix_fund_disbursements_batch ON fund_disbursements (batch_id, project_id, amount_fen)`.execute(db);
    await sql`CREATE INDEX ix_fund_disbursements_project ON fund_disbursements (project_id, batch_id, amount_fen)`.execute(db);
  },
};
