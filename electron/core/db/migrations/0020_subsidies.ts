import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 技能培训, 以工代赈 and 就业补贴申请 (issue 12 item 6, EMPLOYMENT-FUNDS §1.1 E6–E8): per-person
// records. An approved application is paid through a 发放清册 line (payment_line_id); a
// transport subsidy keeps the 务工地域 its tier was read for and the stretch of work it rests on.
export const subsidies: Migration = {
  name: '0020_subsidies',
  async up(db: Kysely<unknown>) {
    const meta = rowMetaColumns;

    await sql`CREATE TABLE trainings (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      member_id TEXT NOT NULL REFERENCES members (id),
      household_id TEXT NOT NULL REFERENCES households (id),
      kind TEXT NOT NULL CHECK (kind IN ('jobSkill', 'practical', 'startup', 'order')),
      course TEXT NOT NULL,
      provider TEXT,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL CHECK (end_date >= start_date),
      hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 2000),
      certificate TEXT,
      subsidy_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0),
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_trainings_member ON trainings (member_id, start_date) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_trainings_start ON trainings (start_date) WHERE deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE work_relief (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      member_id TEXT NOT NULL REFERENCES members (id),
      household_id TEXT NOT NULL REFERENCES households (id),
      project TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
      days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366),
      pay_fen INTEGER NOT NULL CHECK (pay_fen >= 0),
      paid_on TEXT,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_work_relief_member ON work_relief (member_id, start_date) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_work_relief_start ON work_relief (start_date) WHERE deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE job_subsidies (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      member_id TEXT NOT NULL REFERENCES members (id),
      household_id TEXT NOT NULL REFERENCES households (id),
      kind TEXT NOT NULL CHECK (kind IN ('transport', 'stable', 'labour', 'other')),
      year INTEGER NOT NULL,
      area TEXT CHECK (area IS NULL OR area IN ('outOfProvince', 'inProvince', 'inCounty')),
      basis TEXT NOT NULL,
      materials TEXT,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      applied_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'refused')),
      decided_on TEXT,
      decided_by TEXT REFERENCES users (id),
      refuse_reason TEXT,
      payment_line_id TEXT REFERENCES payment_lines (id),
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_job_subsidies_member ON job_subsidies (member_id, kind, year) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_job_subsidies_status ON job_subsidies (kind, year, status) WHERE deleted_at IS NULL`.execute(db);

    for (const table of ['trainings', 'work_relief', 'job_subsidies']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
