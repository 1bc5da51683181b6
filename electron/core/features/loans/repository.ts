import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { LoanSettings } from '../../../../shared/domain/loans';
import type { DB, LoanEventTable, LoanSettingsTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

// Reads of the 小额信贷 tables. A loan's balance and its year's interest and 贴息 are sums over
// its events, taken in the same query so a page of the ledger is one read.

export interface LoanFilter {
  year: number;
  villageId?: string | undefined;
  bank?: string | undefined;
  householdId?: string | undefined;
  loanId?: string | undefined;
}

/** Principal repaid so far (reversals included), per loan `l`. */
export const repaidSql = sql<number>`(SELECT coalesce(sum(ev.principal_fen), 0) FROM loan_events ev WHERE ev.loan_id = l.id AND ev.deleted_at IS NULL)`;
/** The last day principal was repaid, per loan `l`. */
export const lastRepaidSql = sql<string | null>`(SELECT max(ev.event_date) FROM loan_events ev WHERE ev.loan_id = l.id AND ev.deleted_at IS NULL AND ev.principal_fen > 0)`;

/**
 * The loans of the filter with their household joined (its code, its village), nothing selected.
 * The borrower and the village name are joined only where they are shown (loansQuery): looked up
 * for every loan of a year, they cost 5–7 ms of the ledger's 3,000-loan pass and filter nothing
 * (rows are never deleted, so every loan has both).
 */
export function loansBase(db: Db, f: LoanFilter) {
  const yearEnd = `${f.year}-12-31`;
  // CROSS JOIN keeps the few thousand loans as the outer loop: the 30,000 households are only
  // looked up, never walked in household_code order to save the sort.
  let q = db
    .selectFrom('loans as l')
    .crossJoin('households as h')
    .whereRef('h.id', '=', 'l.household_id')
    .where('l.deleted_at', 'is', null)
    .where('l.loan_date', '<=', yearEnd);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.bank !== undefined && f.bank !== '') q = q.where('l.bank', '=', f.bank);
  if (f.householdId !== undefined) q = q.where('l.household_id', '=', f.householdId);
  if (f.loanId !== undefined) q = q.where('l.id', '=', f.loanId);
  return q;
}

/** Loans with their household, borrower and sums; `year` picks the interest and 贴息 columns. */
export function loansQuery(db: Db, f: LoanFilter) {
  const yearStart = `${f.year}-01-01`;
  const yearEnd = `${f.year}-12-31`;
  // Correlated sums on ix_loan_events_loan: an index range of a few rows per loan.
  const events = (expr: ReturnType<typeof sql<number>>) =>
    sql<number>`(SELECT coalesce(${expr}, 0) FROM loan_events ev WHERE ev.loan_id = l.id AND ev.deleted_at IS NULL)`;
  return loansBase(db, f)
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .innerJoin('members as m', 'm.id', 'l.borrower_id')
    .select([
    'l.id',
    'l.household_id',
    'h.household_code',
    'h.kind as household_kind',
    'v.name as village_name',
    'l.borrower_id',
    'm.name as borrower_name',
    'm.birth_date as borrower_birth_date',
    'l.bank',
    'l.contract_no',
    'l.amount_fen',
    'l.loan_date',
    'l.due_date',
    'l.rate_bp',
    'l.use',
    'l.use_detail',
    'l.kind',
    'l.risk_compensation',
    'l.note',
    'l.version',
    'l.updated_at',
    repaidSql.as('repaid'),
    events(sql<number>`sum(CASE WHEN ev.event_date BETWEEN ${yearStart} AND ${yearEnd} THEN ev.interest_fen ELSE 0 END)`).as('interest'),
    events(sql<number>`sum(CASE WHEN ev.subsidy_year = ${f.year} THEN ev.subsidy_fen ELSE 0 END)`).as('subsidy'),
    lastRepaidSql.as('last_repaid'),
  ]);
}

export type LoanRecord = Awaited<ReturnType<ReturnType<typeof loansQuery>['execute']>>[number];

export function findLoanRow(db: Db, id: string) {
  return db.selectFrom('loans').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function loanEvents(db: Db, loanId: string): Promise<Selectable<LoanEventTable>[]> {
  return db.selectFrom('loan_events').selectAll().where('loan_id', '=', loanId).where('deleted_at', 'is', null).orderBy('event_date').orderBy('id').execute();
}

export function settingsRows(db: Db): Promise<Selectable<LoanSettingsTable>[]> {
  return db.selectFrom('loan_settings').selectAll().where('deleted_at', 'is', null).orderBy('year').execute();
}

export function toSettings(r: Selectable<LoanSettingsTable>): LoanSettings {
  return {
    year: r.year,
    maxAmountFen: r.max_amount_fen,
    maxTermMonths: r.max_term_months,
    minAge: r.min_age,
    maxAge: r.max_age,
    subsidyPercent: r.subsidy_percent,
    maxRateBp: r.max_rate_bp,
  };
}

export function settingsColumns(s: LoanSettings) {
  return {
    year: s.year,
    max_amount_fen: s.maxAmountFen,
    max_term_months: s.maxTermMonths,
    min_age: s.minAge,
    max_age: s.maxAge,
    subsidy_percent: s.subsidyPercent,
    max_rate_bp: s.maxRateBp,
  };
}
