import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 公益性岗位 (posts, appointments with their hiring steps, monthly attendance), the yearly post
// settings (ages, notice days, longest agreement), and the payment lists (发放清册) that pay them
// and that the funds ledger will reuse. Money is integer fen; rows are never deleted; a paid line
// is corrected by a reversing line, never edited.

const versionColumn = 'version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)';

export const postsPayments: Migration = {
  name: '0011_posts_payments',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE post_settings (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      year INTEGER NOT NULL,
      min_age INTEGER NOT NULL,
      max_age_male INTEGER NOT NULL,
      max_age_female INTEGER NOT NULL,
      warn_age INTEGER NOT NULL,
      notice_days INTEGER NOT NULL,
      max_term_months INTEGER NOT NULL)`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_post_settings_year ON post_settings(year) WHERE deleted_at IS NULL`.execute(db);
    // Defaults (S4 篇一.4, W2, W48): 16–60 for new hires, a warning at 70, 3 days' notice, one year
    // at most. They hold from 2000 until an admin saves a year of the county's own.
    await sql`INSERT INTO post_settings (id, office_code, created_at, updated_at, updated_by, year, min_age, max_age_male,
      max_age_female, warn_age, notice_days, max_term_months)
      VALUES ('00000000-0000-7000-8000-000000000011', '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system',
      2000, 16, 60, 60, 70, 3, 12)`.execute(db);

    await sql`CREATE TABLE welfare_posts (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      village_id TEXT NOT NULL REFERENCES villages(id),
      name TEXT NOT NULL,
      post_type TEXT NOT NULL,
      category TEXT NOT NULL,
      funding TEXT NOT NULL,
      employer TEXT,
      subsidy_fen INTEGER NOT NULL CHECK (subsidy_fen > 0),
      min_days INTEGER NOT NULL CHECK (min_days >= 0),
      places INTEGER NOT NULL CHECK (places >= 1),
      active INTEGER NOT NULL DEFAULT 1,
      announced_on TEXT,
      announce_note TEXT)`.execute(db);
    await sql`CREATE INDEX ix_welfare_posts_village ON welfare_posts(village_id)`.execute(db);

    await sql`CREATE TABLE welfare_appointments (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      post_id TEXT NOT NULL REFERENCES welfare_posts(id),
      member_id TEXT NOT NULL REFERENCES members(id),
      household_id TEXT NOT NULL REFERENCES households(id),
      status TEXT NOT NULL,
      agreement_type TEXT,
      start_date TEXT,
      end_date TEXT,
      subsidy_fen INTEGER,
      left_date TEXT,
      left_reason TEXT,
      left_note TEXT)`.execute(db);
    await sql`CREATE INDEX ix_welfare_appointments_post ON welfare_appointments(post_id)`.execute(db);
    await sql`CREATE INDEX ix_welfare_appointments_member ON welfare_appointments(member_id)`.execute(db);

    // Append-only like case_steps: the appointment's status follows its last step.
    await sql`CREATE TABLE appointment_steps (${rowMetaColumns()},
      appointment_id TEXT NOT NULL REFERENCES welfare_appointments(id),
      step TEXT NOT NULL,
      date TEXT NOT NULL,
      outcome TEXT NOT NULL,
      people TEXT NOT NULL,
      note TEXT,
      notice_start TEXT,
      notice_end TEXT)`.execute(db);
    await sql`CREATE INDEX ix_appointment_steps_appointment ON appointment_steps(appointment_id)`.execute(db);

    await sql`CREATE TABLE welfare_months (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      appointment_id TEXT NOT NULL REFERENCES welfare_appointments(id),
      month TEXT NOT NULL,
      days INTEGER NOT NULL CHECK (days >= 0 AND days <= 31),
      grade TEXT NOT NULL,
      adjust_fen INTEGER NOT NULL DEFAULT 0,
      adjust_reason TEXT,
      due_fen INTEGER NOT NULL CHECK (due_fen >= 0),
      paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0),
      payment_line_id TEXT)`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_welfare_months ON welfare_months(appointment_id, month) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_welfare_months_month ON welfare_months(month)`.execute(db);

    await sql`CREATE TABLE bank_accounts (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      member_id TEXT NOT NULL REFERENCES members(id),
      bank_name TEXT NOT NULL,
      account_no TEXT NOT NULL)`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_bank_accounts_member ON bank_accounts(member_id) WHERE deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE payment_lists (${rowMetaColumns()},
      ${sql.raw(versionColumn)},
      purpose TEXT NOT NULL,
      period TEXT NOT NULL,
      village_id TEXT REFERENCES villages(id),
      title TEXT NOT NULL,
      status TEXT NOT NULL,
      notice_on TEXT,
      approved_on TEXT,
      bank_on TEXT,
      reconciled_on TEXT,
      resend_of TEXT REFERENCES payment_lists(id),
      note TEXT)`.execute(db);
    await sql`CREATE INDEX ix_payment_lists_purpose ON payment_lists(purpose, period)`.execute(db);

    await sql`CREATE TABLE payment_lines (${rowMetaColumns()},
      list_id TEXT NOT NULL REFERENCES payment_lists(id),
      household_id TEXT NOT NULL REFERENCES households(id),
      member_id TEXT NOT NULL REFERENCES members(id),
      basis TEXT NOT NULL,
      amount_fen INTEGER NOT NULL,
      reverses_line_id TEXT REFERENCES payment_lines(id),
      resend_of_line_id TEXT REFERENCES payment_lines(id),
      result TEXT,
      result_reason TEXT,
      sort_order INTEGER NOT NULL)`.execute(db);
    await sql`CREATE INDEX ix_payment_lines_list ON payment_lines(list_id)`.execute(db);
    await sql`CREATE INDEX ix_payment_lines_member ON payment_lines(member_id)`.execute(db);

    for (const table of ['post_settings', 'welfare_posts', 'welfare_appointments', 'welfare_months', 'bank_accounts', 'payment_lists']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
