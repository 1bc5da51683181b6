import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// The 小额信贷台账 sums each loan's principal repaid and finds its last repayment day, for every
// loan of the year (3,000 on the county bench), on each page it shows. With principal_fen in the
// loan's event index both sums are read from the index alone, never from the event rows: the
// ledger's page took ~4 ms less. The index keeps its name and its order, so the loan page's list
// of events (by date) still walks it.
export const loanEventSums: Migration = {
  name: '0032_loan_event_sums',
  async up(db: Kysely<unknown>) {
    await sql`DROP INDEX ix_loan_events_loan`.execute(db);
    await sql`CREATE INDEX ix_loan_events_loan ON loan_events (loan_id, event_date, principal_fen) WHERE deleted_at IS NULL`.execute(db);
  },
};
