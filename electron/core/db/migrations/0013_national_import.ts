import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Issue 11: the national person-level export carries one figure of income per household, 人均纯收入,
// without the categories the office's income form breaks it into. Such a year is stored as the
// per-capita figure the national system holds and marked as such (source = 'nationalPerCapita'),
// so the ledger shows the authoritative number and the 待补充 list asks for the breakdown; the
// clerk's own entry of that year clears the mark (source NULL = entered in the office).
export const nationalImport: Migration = {
  name: '0013_national_import',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE incomes ADD COLUMN source TEXT CHECK (source IS NULL OR source IN ('nationalPerCapita'))`.execute(db);
  },
};
