import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, PrintSettingsTable } from '../../db/schema';

// SQL only: every function takes the database or an open transaction as its first argument.

type Db = Kysely<DB> | Transaction<DB>;

export type PrintSettingsRecord = Selectable<PrintSettingsTable>;

/** One case on a notice: the notice step and what the list shows of the case and household. */
export interface NoticeCaseRecord {
  step_id: string;
  step_date: string;
  details: string;
  case_id: string;
  case_code: string;
  category: string | null;
  suggested_category: string | null;
  clue_source: string;
  household_id: string;
  household_code: string;
  head_name: string;
  head_id_number: string;
  member_count: number;
  household_kind: string;
  address: string | null;
  village_id: string;
  group_name: string;
  group_order: number;
}

function noticeCaseQuery(db: Db) {
  return db
    .selectFrom('case_steps as s')
    .innerJoin('monitoring_cases as c', 'c.id', 's.case_id')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .select([
      's.id as step_id',
      's.step_date',
      's.details',
      'c.id as case_id',
      'c.case_code',
      'c.category',
      'c.suggested_category',
      'c.clue_source',
      'h.id as household_id',
      'h.household_code',
      'h.head_name',
      'h.head_id_number',
      'h.member_count',
      'h.kind as household_kind',
      'h.address',
      'h.village_id',
      'g.name as group_name',
      'g.sort_order as group_order',
    ])
    .where('s.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null);
}

/**
 * Cases of a village at the notice step of `workflow`: the case's active workflow is it, the next
 * step is 乡镇审核 (so the 村内公示 step of the current run is recorded and nothing after it),
 * with that notice step (the latest passed one of the case's current round).
 */
export async function casesAtNotice(db: Db, villageId: string | null, workflow: 'identification' | 'elimination'): Promise<NoticeCaseRecord[]> {
  let q = noticeCaseQuery(db)
    .where('c.status', 'in', ['identifying', 'monitoring'])
    .where('c.active_workflow', '=', workflow)
    .where('c.next_step', '=', 'townshipReview')
    .where('s.workflow', '=', workflow)
    .where('s.step', '=', 'notice')
    .where('s.outcome', '=', 'passed')
    .whereRef('s.round', '=', 'c.round');
  if (villageId !== null) q = q.where('h.village_id', '=', villageId);
  const rows = await q.orderBy('s.created_at', 'desc').execute();
  // The latest notice step of each case (a rejected run may have left an older one).
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.case_id) ? false : (seen.add(r.case_id), true)));
}

/** The cases behind the notice steps a printed notice listed (to rebuild it for 核验). */
export function casesOfSteps(db: Db, stepIds: readonly string[]): Promise<NoticeCaseRecord[]> {
  if (stepIds.length === 0) return Promise.resolve([]);
  return noticeCaseQuery(db).where('s.id', 'in', stepIds).execute();
}

export async function risksOfCases(db: Db, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  // SQLite limits bound parameters; a village's notice stays far below, a bench batch may not.
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = await db
      .selectFrom('case_risks')
      .select(['case_id', 'risk_type'])
      .where('case_id', 'in', caseIds.slice(i, i + 500))
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.risk_type]);
  }
  return out;
}

export function findVillage(db: Db, id: string) {
  return db.selectFrom('villages').select(['id', 'name', 'code']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function listVillages(db: Db) {
  return db.selectFrom('villages').select(['id', 'name', 'code']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('code').execute();
}

export function officeRow(db: Db) {
  return db.selectFrom('office').select(['township_name', 'county_name', 'phone']).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findSettings(db: Db): Promise<PrintSettingsRecord | undefined> {
  return db.selectFrom('print_settings').selectAll().where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
}
