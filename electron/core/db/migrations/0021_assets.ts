import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// Money to households and project assets (issue 13 items 4–5).
// A payment list may pay a project's money (project and, optionally, the disbursement it spends)
// and a paid line remembers the measure it ticked, so it is ticked once. Assets come from a
// finished project; their events (income, upkeep, disposal) and the yearly 收益分配 plans are
// append-only; a plan is paid through a payment list like every other yuan that reaches people.

const versionColumn = 'version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)';

export const assets: Migration = {
  name: '0021_assets',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE payment_lists ADD COLUMN project_id TEXT REFERENCES fund_projects(id)`.execute(db);
    await sql`ALTER TABLE payment_lists ADD COLUMN disbursement_id TEXT REFERENCES fund_disbursements(id)`.execute(db);
    await sql`ALTER TABLE payment_lines ADD COLUMN measure_id TEXT REFERENCES measures(id)`.execute(db);
    await sql`CREATE INDEX ix_payment_lines_household ON payment_lines(household_id)`.execute(db);

    await sql`CREATE TABLE project_assets (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      asset_code TEXT NOT NULL,
      name TEXT NOT NULL,
      asset_class TEXT NOT NULL CHECK (asset_class IN ('operating', 'public', 'household')),
      project_id TEXT NOT NULL REFERENCES fund_projects(id),
      formed_date TEXT NOT NULL,
      village_id TEXT REFERENCES villages(id),
      quantity TEXT,
      value_fen INTEGER NOT NULL CHECK (value_fen >= 0),
      value_sources TEXT NOT NULL,
      owner_level TEXT NOT NULL CHECK (owner_level IN ('county', 'township', 'village', 'household')),
      owner_name TEXT NOT NULL,
      operator TEXT,
      caretaker TEXT NOT NULL,
      caretaker_person TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('inUse', 'idle', 'disposed')))`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_project_assets_code ON project_assets(asset_code)`.execute(db);
    await sql`CREATE INDEX ix_project_assets_project ON project_assets(project_id)`.execute(db);

    await sql`CREATE TABLE asset_events (${rowMetaColumns()},
      asset_id TEXT NOT NULL REFERENCES project_assets(id),
      kind TEXT NOT NULL CHECK (kind IN ('income', 'upkeep', 'disposal')),
      event_date TEXT NOT NULL,
      year INTEGER NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
      decision TEXT,
      note TEXT)`.execute(db);
    await sql`CREATE INDEX ix_asset_events_asset ON asset_events(asset_id, year)`.execute(db);

    await sql`CREATE TABLE asset_income_plans (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      asset_id TEXT NOT NULL REFERENCES project_assets(id),
      year INTEGER NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL,
      payment_list_id TEXT REFERENCES payment_lists(id))`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_asset_income_plans ON asset_income_plans(asset_id, year) WHERE deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE asset_income_plan_lines (${rowMetaColumns()},
      plan_id TEXT NOT NULL REFERENCES asset_income_plans(id),
      household_id TEXT NOT NULL REFERENCES households(id),
      member_id TEXT NOT NULL REFERENCES members(id),
      basis TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0))`.execute(db);
    await sql`CREATE INDEX ix_asset_income_plan_lines ON asset_income_plan_lines(plan_id)`.execute(db);

    await sql`CREATE TABLE asset_income_plan_steps (${rowMetaColumns()},
      plan_id TEXT NOT NULL REFERENCES asset_income_plans(id),
      step TEXT NOT NULL,
      step_date TEXT NOT NULL,
      people TEXT NOT NULL,
      doc_no TEXT,
      notice_end TEXT,
      note TEXT)`.execute(db);
    await sql`CREATE INDEX ix_asset_income_plan_steps ON asset_income_plan_steps(plan_id)`.execute(db);

    for (const table of ['project_assets', 'asset_income_plans']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
