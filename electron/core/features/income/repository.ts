import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB, IncomeTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;
export type IncomeRecord = Selectable<IncomeTable>;

export function findIncome(db: Db, householdId: string, year: number): Promise<IncomeRecord | undefined> {
  return db
    .selectFrom('incomes')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Every year of one household, newest first. */
export function listIncomes(db: Db, householdId: string): Promise<IncomeRecord[]> {
  return db
    .selectFrom('incomes')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .orderBy('year', 'desc')
    .execute();
}

export async function insertIncome(db: Db, row: Insertable<IncomeTable>): Promise<void> {
  await db.insertInto('incomes').values(row).execute();
}

export async function updateIncome(db: Db, id: string, values: Updateable<IncomeTable>): Promise<void> {
  await db.updateTable('incomes').set(values).where('id', '=', id).execute();
}

export interface SummaryCell {
  village_id: string;
  /** The decline cause of a falling household ('' = none yet), null for a household that did not fall. */
  cause: string | null;
  households: number;
}

/**
 * Households with a record in both `year` and `year − 1`, counted per village and, among those
 * whose per-capita income fell, per recorded cause. One pass over the (year, household) index.
 */
export async function declineCells(db: Db, year: number, villageId: string | undefined): Promise<SummaryCell[]> {
  let q = db
    .selectFrom('incomes as cur')
    .innerJoin('incomes as prev', (j) =>
      j
        .onRef('prev.household_id', '=', 'cur.household_id')
        .on('prev.year', '=', year - 1)
        .on('prev.deleted_at', 'is', null),
    )
    .innerJoin('households as h', 'h.id', 'cur.household_id')
    .where('cur.year', '=', year)
    .where('cur.deleted_at', 'is', null);
  if (villageId !== undefined) q = q.where('h.village_id', '=', villageId);
  const cause = sql<string | null>`CASE WHEN cur.per_capita_fen < prev.per_capita_fen THEN coalesce(cur.decline_cause, '') ELSE NULL END`;
  return q
    .select(['h.village_id', cause.as('cause'), (eb) => eb.fn.countAll<number>().as('households')])
    .groupBy(['h.village_id', 'cause'])
    .execute();
}

/** Households with a record in `year`, per village. */
export async function recordedCounts(db: Db, year: number, villageId: string | undefined): Promise<{ village_id: string; households: number }[]> {
  let q = db
    .selectFrom('incomes as cur')
    .innerJoin('households as h', 'h.id', 'cur.household_id')
    .where('cur.year', '=', year)
    .where('cur.deleted_at', 'is', null);
  if (villageId !== undefined) q = q.where('h.village_id', '=', villageId);
  return q.select(['h.village_id', (eb) => eb.fn.countAll<number>().as('households')]).groupBy('h.village_id').execute();
}

export function listVillages(db: Db, villageId: string | undefined) {
  let q = db.selectFrom('villages').select(['id', 'name', 'deleted_at']).orderBy('sort_order').orderBy('name');
  if (villageId !== undefined) q = q.where('id', '=', villageId);
  return q.execute();
}
