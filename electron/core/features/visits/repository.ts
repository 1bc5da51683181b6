import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface VisitRecord {
  id: string;
  household_id: string;
  case_id: string | null;
  case_code: string | null;
  visit_date: string;
  visitors: string;
  kind: string;
  findings: string;
  guarantees: string | null;
  income_year: number | null;
  created_at: string;
  recorded_by: string | null;
}

function visitQuery(db: Db) {
  return db
    .selectFrom('visits as v')
    .leftJoin('monitoring_cases as c', 'c.id', 'v.case_id')
    .leftJoin('users as u', 'u.id', 'v.updated_by')
    .select([
      'v.id',
      'v.household_id',
      'v.case_id',
      'c.case_code',
      'v.visit_date',
      'v.visitors',
      'v.kind',
      'v.findings',
      'v.guarantees',
      'v.income_year',
      'v.created_at',
      'u.display_name as recorded_by',
    ])
    .where('v.deleted_at', 'is', null);
}

/** Newest first. */
export async function visitsOf(db: Db, householdId: string, caseId?: string): Promise<VisitRecord[]> {
  let q = visitQuery(db).where('v.household_id', '=', householdId);
  if (caseId !== undefined) q = q.where('v.case_id', '=', caseId);
  return q.orderBy('v.visit_date', 'desc').orderBy('v.id', 'desc').execute();
}

export async function findVisit(db: Db, id: string): Promise<VisitRecord | undefined> {
  return visitQuery(db).where('v.id', '=', id).executeTakeFirst();
}

export async function findHousehold(db: Db, id: string) {
  return db
    .selectFrom('households')
    .select(['id', 'household_code', 'head_name', 'status', 'visit_cycle', 'last_visit_date', 'next_visit_due'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function casesOf(db: Db, householdId: string) {
  return db
    .selectFrom('monitoring_cases')
    .select(['id', 'case_code', 'status', 'guarantees', 'eliminated_date', 'clue_date', 'created_at'])
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .orderBy('clue_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Latest visit date of the household that recorded a guarantees check (optionally excluding one visit). */
export async function latestGuaranteeVisitDate(db: Db, householdId: string, excludeId: string): Promise<string | null> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.max('visit_date').as('d'))
    .where('household_id', '=', householdId)
    .where('guarantees', 'is not', null)
    .where('deleted_at', 'is', null)
    .where('id', '<>', excludeId)
    .executeTakeFirst();
  return r?.d ?? null;
}

// ---------------------------------------------------------------------------------------------
// 待办: households whose next visit is due by the end of a month

export interface DueFilters {
  monthEnd: string;
  today: string;
  villageId?: string | undefined;
  /** undefined: any; null: households without a helper; text: that helper. */
  helperName?: string | null | undefined;
  show: 'all' | 'overdue' | 'upcoming';
}

/** The helper who visits: the open case's 帮扶联系人, else the household's 帮扶责任人. */
const helperExpr = sql<string | null>`coalesce(c.helper_name, h.helper_name)`;

function dueBase(db: Db, monthEnd: string) {
  return db
    .selectFrom('households as h')
    .leftJoin('monitoring_cases as c', (join) =>
      join
        .onRef('c.household_id', '=', 'h.id')
        .on('c.status', 'in', ['identifying', 'monitoring'])
        .on('c.deleted_at', 'is', null),
    )
    .where('h.next_visit_due', 'is not', null)
    .where('h.next_visit_due', '<=', monthEnd);
}

export interface DueCountRow {
  village_id: string;
  helper_name: string | null;
  overdue: number;
  n: number;
}

/**
 * Counts by village × helper × overdue over every household due by month end. Two cheap reads
 * instead of a join over the whole range: the households' own helper from the schedule index
 * alone, then the few open cases whose 帮扶联系人 takes the place of the household's helper.
 */
export async function dueCounts(db: Db, monthEnd: string, today: string): Promise<DueCountRow[]> {
  const own = await db
    .selectFrom('households')
    .select([
      'village_id',
      'helper_name',
      sql<number>`next_visit_due < ${today}`.as('overdue'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('next_visit_due', 'is not', null)
    .where('next_visit_due', '<=', monthEnd)
    .groupBy(['village_id', 'helper_name', sql`3`])
    .execute();
  const byCase = await db
    .selectFrom('monitoring_cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select([
      'h.village_id',
      'h.helper_name as household_helper',
      'c.helper_name as case_helper',
      sql<number>`h.next_visit_due < ${today}`.as('overdue'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('c.status', 'in', ['identifying', 'monitoring'])
    .where('c.deleted_at', 'is', null)
    .where('c.helper_name', 'is not', null)
    .where('h.next_visit_due', 'is not', null)
    .where('h.next_visit_due', '<=', monthEnd)
    .groupBy(['h.village_id', 'h.helper_name', 'c.helper_name', sql`4`])
    .execute();

  const buckets = new Map<string, DueCountRow>();
  const add = (village_id: string, helper_name: string | null, overdue: number, n: number): void => {
    const key = JSON.stringify([village_id, helper_name, overdue]);
    const b = buckets.get(key) ?? { village_id, helper_name, overdue, n: 0 };
    b.n += n;
    buckets.set(key, b);
  };
  for (const r of own) add(r.village_id, r.helper_name, Number(r.overdue), Number(r.n));
  for (const r of byCase) {
    if (r.case_helper === r.household_helper) continue;
    add(r.village_id, r.household_helper, Number(r.overdue), -Number(r.n));
    add(r.village_id, r.case_helper, Number(r.overdue), Number(r.n));
  }
  return [...buckets.values()].filter((b) => b.n > 0);
}

export interface DueRecord {
  household_id: string;
  household_code: string;
  head_name: string;
  kind: string;
  village_id: string;
  village_name: string;
  group_name: string;
  helper_name: string | null;
  case_id: string | null;
  case_code: string | null;
  visit_cycle: string;
  last_visit_date: string | null;
  next_visit_due: string;
}

export async function dueRows(db: Db, f: DueFilters, offset: number, limit: number): Promise<DueRecord[]> {
  let q = dueBase(db, f.monthEnd)
    .innerJoin('villages as vl', 'vl.id', 'h.village_id')
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .select([
      'h.id as household_id',
      'h.household_code',
      'h.head_name',
      'h.kind',
      'h.village_id',
      'vl.name as village_name',
      'g.name as group_name',
      helperExpr.as('helper_name'),
      'c.id as case_id',
      'c.case_code',
      'h.visit_cycle',
      'h.last_visit_date',
      'h.next_visit_due',
    ]);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.helperName === null) q = q.where(helperExpr, 'is', null);
  else if (f.helperName !== undefined) q = q.where(helperExpr, '=', f.helperName);
  if (f.show === 'overdue') q = q.where('h.next_visit_due', '<', f.today);
  if (f.show === 'upcoming') q = q.where('h.next_visit_due', '>=', f.today);
  const rows = await q.orderBy('h.next_visit_due').orderBy('h.household_code').offset(offset).limit(limit).execute();
  return rows as DueRecord[];
}

export async function villageNames(db: Db): Promise<{ id: string; name: string; sort_order: number }[]> {
  return db.selectFrom('villages').select(['id', 'name', 'sort_order']).orderBy('sort_order').orderBy('name').execute();
}
