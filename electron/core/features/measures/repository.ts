import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, MeasureTable, MeasureTypeTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type MeasureTypeRecord = Selectable<MeasureTypeTable> & { used_count: number };
export type MeasureRecord = Selectable<MeasureTable> & { type_name: string | null; type_family: string | null; type_has_amount: number | null };

function typeQuery(db: Db) {
  return db
    .selectFrom('measure_types as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('measures as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.measure_type_code', '=', 't.code')
        .where('m.status', '<>', 'cancelled')
        .where('m.deleted_at', 'is', null)
        .as('used_count'),
    )
    .where('t.deleted_at', 'is', null);
}

export async function listTypes(db: Db): Promise<MeasureTypeRecord[]> {
  const rows = await typeQuery(db).orderBy('t.sort_order').orderBy('t.code').execute();
  return rows.map((r) => ({ ...r, used_count: Number(r.used_count ?? 0) }));
}

export async function findType(db: Db, code: string): Promise<MeasureTypeRecord | undefined> {
  const r = await typeQuery(db).where('t.code', '=', code).executeTakeFirst();
  return r ? { ...r, used_count: Number(r.used_count ?? 0) } : undefined;
}

export async function typeCodes(db: Db): Promise<{ code: string; sort_order: number }[]> {
  return db.selectFrom('measure_types').select(['code', 'sort_order']).execute();
}

function measureQuery(db: Db) {
  return db
    .selectFrom('measures as m')
    .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
    .selectAll('m')
    .select(['t.name as type_name', 't.family as type_family', 't.has_amount as type_has_amount'])
    .where('m.deleted_at', 'is', null);
}

export async function measuresOfCase(db: Db, caseId: string): Promise<MeasureRecord[]> {
  return measureQuery(db).where('m.case_id', '=', caseId).orderBy('m.planned_date').orderBy('m.id').execute();
}

export async function findMeasure(db: Db, id: string): Promise<MeasureRecord | undefined> {
  return measureQuery(db).where('m.id', '=', id).executeTakeFirst();
}

export interface CaseFacts {
  id: string;
  case_code: string;
  household_id: string;
  status: string;
  helper_name: string | null;
  plan_due_date: string | null;
  clue_date: string;
  head_name: string;
  household_helper_name: string | null;
}

export async function findCase(db: Db, caseId: string): Promise<CaseFacts | undefined> {
  return db
    .selectFrom('monitoring_cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select([
      'c.id',
      'c.case_code',
      'c.household_id',
      'c.status',
      'c.helper_name',
      'c.plan_due_date',
      'c.clue_date',
      'h.head_name',
      'h.helper_name as household_helper_name',
    ])
    .where('c.id', '=', caseId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function openRisksOf(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_risks')
    .select('risk_type')
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.risk_type);
}
