import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 脱贫人口小额信贷 (issue 13 item 6, EMPLOYMENT-FUNDS §2.5): loans per household as the bank made
// them, their repayments and 贴息 as append-only events (a correction reverses an event, naming
// it, so the ledger's balance always has its history), and the yearly loan rules.
export const loans: Migration = {
  name: '0023_loans',
  async up(db: Kysely<unknown>) {
    const meta = rowMetaColumns;

    await sql`CREATE TABLE loans (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      household_id TEXT NOT NULL REFERENCES households (id),
      borrower_id TEXT NOT NULL REFERENCES members (id),
      bank TEXT NOT NULL,
      contract_no TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      loan_date TEXT NOT NULL,
      due_date TEXT NOT NULL CHECK (due_date > loan_date),
      rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0),
      use TEXT NOT NULL,
      use_detail TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('new', 'renewal', 'extension')),
      risk_compensation INTEGER NOT NULL DEFAULT 0 CHECK (risk_compensation IN (0, 1)),
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_loans_contract ON loans (bank, contract_no) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE INDEX ix_loans_household ON loans (household_id) WHERE deleted_at IS NULL`.execute(db);

    // kind repayment: principal_fen + interest_fen; kind subsidy: subsidy_fen for subsidy_year.
    // A reversal carries the negated amounts and reverses_id.
    await sql`CREATE TABLE loan_events (
      ${meta()},
      loan_id TEXT NOT NULL REFERENCES loans (id),
      kind TEXT NOT NULL CHECK (kind IN ('repayment', 'subsidy')),
      event_date TEXT NOT NULL,
      principal_fen INTEGER NOT NULL DEFAULT 0,
      interest_fen INTEGER NOT NULL DEFAULT 0,
      subsidy_fen INTEGER NOT NULL DEFAULT 0,
      subsidy_year INTEGER,
      reverses_id TEXT REFERENCES loan_events (id),
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_loan_events_loan ON loan_events (loan_id, event_date) WHERE deleted_at IS NULL`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_loan_events_reverses ON loan_events (reverses_id) WHERE reverses_id IS NOT NULL AND deleted_at IS NULL`.execute(db);

    await sql`CREATE TABLE loan_settings (
      ${meta()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      year INTEGER NOT NULL,
      max_amount_fen INTEGER NOT NULL,
      max_term_months INTEGER NOT NULL,
      min_age INTEGER NOT NULL,
      max_age INTEGER NOT NULL,
      subsidy_percent INTEGER NOT NULL CHECK (subsidy_percent BETWEEN 0 AND 100),
      max_rate_bp INTEGER
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_loan_settings_year ON loan_settings (year) WHERE deleted_at IS NULL`.execute(db);

    for (const table of ['loans', 'loan_settings']) {
      await sql.raw(`CREATE TRIGGER trg_${table}_version AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN NEW.version = OLD.version
        BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);
    }
  },
};
