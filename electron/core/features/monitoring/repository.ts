import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { CaseSortColumn, OverdueKind } from '../../../../shared/contract/monitoring';
import type { CaseRiskTable, CaseStepTable, DB, MonitoringCaseTable, NoticeObjectionTable } from '../../db/schema';
import { householdsWithPlace, likePrefix } from '../households/repository';
import { pendingHouseholdIds } from '../pending/repository';
import { dueSoonUntil } from '../../../../shared/domain/workbench';

// SQL only: every function takes the database or an open transaction as its first argument.

type Db = Kysely<DB> | Transaction<DB>;

export type CaseRecord = Selectable<MonitoringCaseTable>;
export type RiskRecord = Selectable<CaseRiskTable>;
export type StepRecord = Selectable<CaseStepTable>;
export type ObjectionRecord = Selectable<NoticeObjectionTable>;

export const openStatuses = ['identifying', 'monitoring'] as const;

export function findCase(db: Db, id: string): Promise<CaseRecord | undefined> {
  return db.selectFrom('monitoring_cases').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findOpenCase(db: Db, householdId: string, exceptId?: string): Promise<CaseRecord | undefined> {
  let q = db
    .selectFrom('monitoring_cases')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('status', 'in', openStatuses)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export function casesOfHousehold(db: Db, householdId: string): Promise<CaseRecord[]> {
  return db
    .selectFrom('monitoring_cases')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .orderBy('clue_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function insertCase(db: Db, row: Insertable<MonitoringCaseTable>) {
  return db.insertInto('monitoring_cases').values(row).execute();
}

export function updateCase(db: Db, id: string, values: Updateable<MonitoringCaseTable>) {
  return db.updateTable('monitoring_cases').set(values).where('id', '=', id).execute();
}

/** The highest case code with this prefix (e.g. 'JC2026-'), or null. */
export async function maxCaseCode(db: Db, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom('monitoring_cases')
    .select((eb) => eb.fn.max('case_code').as('m'))
    .where('case_code', 'like', `${prefix}%`)
    .executeTakeFirst();
  return row?.m ?? null;
}

// Each query of a case's rows is built once, without its case filter, for one case here and for a
// batch of cases in caseBatch.ts (which adds `in` and orders by case first): the two cannot drift.

export function householdForCase(db: Db, id: string) {
  return householdsWithPlace(db).where('h.id', '=', id).executeTakeFirst();
}
export type CaseHouseholdRecord = NonNullable<Awaited<ReturnType<typeof householdForCase>>>;

/** Risks, removed ones included, in the order they were added. */
export function risksInOrder(db: Db) {
  return db.selectFrom('case_risks').selectAll().orderBy('created_at').orderBy('id');
}

/** Every risk of the case, removed ones included, in the order they were added. */
export function risksOf(db: Db, caseId: string): Promise<RiskRecord[]> {
  return risksInOrder(db).where('case_id', '=', caseId).execute();
}

export function insertRisk(db: Db, row: Insertable<CaseRiskTable>) {
  return db.insertInto('case_risks').values(row).execute();
}

export function removeRisk(db: Db, id: string, values: Updateable<CaseRiskTable>) {
  return db.updateTable('case_risks').set(values).where('id', '=', id).execute();
}

/** Steps (not deleted) with who recorded each, in the order they were recorded (uuidv7 ids follow creation time). */
export function stepsInOrder(db: Db) {
  return db
    .selectFrom('case_steps as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as recorded_by_name')
    .where('s.deleted_at', 'is', null)
    .orderBy('s.created_at')
    .orderBy('s.id');
}

export function stepsOf(db: Db, caseId: string) {
  return stepsInOrder(db).where('s.case_id', '=', caseId).execute();
}
export type StepWithUser = Awaited<ReturnType<typeof stepsOf>>[number];

export function insertStep(db: Db, row: Insertable<CaseStepTable>) {
  return db.insertInto('case_steps').values(row).execute();
}

/** Objections (not deleted) in the order they were received. */
export function objectionsInOrder(db: Db) {
  return db.selectFrom('notice_objections').selectAll().where('deleted_at', 'is', null).orderBy('received_date').orderBy('created_at');
}

export function objectionsOf(db: Db, caseId: string): Promise<ObjectionRecord[]> {
  return objectionsInOrder(db).where('case_id', '=', caseId).execute();
}

export function findObjection(db: Db, id: string): Promise<ObjectionRecord | undefined> {
  return db.selectFrom('notice_objections').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function insertObjection(db: Db, row: Insertable<NoticeObjectionTable>) {
  return db.insertInto('notice_objections').values(row).execute();
}

export function updateObjection(db: Db, id: string, values: Updateable<NoticeObjectionTable>) {
  return db.updateTable('notice_objections').set(values).where('id', '=', id).execute();
}

/** Yearly incomes (per-capita, not deleted), newest first. */
export function incomesNewestFirst(db: Db) {
  return db.selectFrom('incomes').select(['year', 'per_capita_fen']).where('deleted_at', 'is', null).orderBy('year', 'desc');
}

/** The household's latest yearly income (per-capita), or undefined. */
export function latestIncome(db: Db, householdId: string) {
  return incomesNewestFirst(db).where('household_id', '=', householdId).limit(1).executeTakeFirst();
}

/** A case's measures as the case page and its forms show them. */
const caseMeasureColumns = [
  'm.id',
  'm.measure_type_code',
  'm.risk_types',
  'm.responsible_unit',
  'm.helper_name',
  'm.planned_date',
  'm.done_date',
  'm.status',
  'm.updated_at',
  't.name as type_name',
] as const;

/** Measures (not deleted), with the catalog name when the type is known; the caller orders them. */
export function caseMeasures(db: Db) {
  return db
    .selectFrom('measures as m')
    .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
    .select(caseMeasureColumns)
    .where('m.deleted_at', 'is', null);
}

/** Measures of the case (not deleted), with the catalog name when the type is known. */
export function measuresOf(db: Db, caseId: string) {
  return caseMeasures(db).where('m.case_id', '=', caseId).orderBy('m.planned_date').execute();
}

/** Visits (not deleted) as the case page lists them; the caller orders them. */
export function caseVisits(db: Db) {
  return db.selectFrom('visits').select(['id', 'visit_date', 'visitors', 'kind', 'findings']).where('deleted_at', 'is', null);
}

export function visitsOf(db: Db, caseId: string) {
  return caseVisits(db).where('case_id', '=', caseId).orderBy('visit_date').execute();
}

export function openCasesForDates(db: Db) {
  return db
    .selectFrom('monitoring_cases')
    .select(['id', 'status', 'clue_date', 'included_date', 'deadline_date', 'plan_due_date'])
    .where('status', 'in', openStatuses)
    .where('deleted_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The ledger list

export interface CaseListQuery {
  today: string;
  villageId?: string | undefined;
  category?: string | undefined;
  riskType?: string | undefined;
  status: string;
  overdue?: OverdueKind | undefined;
  objectionOpen?: boolean | undefined;
  helperName?: string | undefined;
  /** Only cases whose household has an open 待补充 item (its own, a member's or a case rule's). */
  pending?: boolean | undefined;
  search: string;
  sort: { column: CaseSortColumn; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export interface CaseListRow {
  id: string;
  case_code: string;
  household_id: string;
  household_code: string;
  village_id: string;
  village_name: string;
  group_name: string;
  head_name: string;
  member_count: number;
  category: string | null;
  status: string;
  risks: string | null;
  helper_name: string | null;
  clue_date: string;
  included_date: string | null;
  eliminated_date: string | null;
  active_workflow: string | null;
  next_step: string | null;
  due_kind: string | null;
  due_date: string | null;
  next_visit_due: string | null;
}

/** A notice objection received and not yet resolved (the workbench's to-do opens this list). */
export const openObjection = sql`EXISTS (SELECT 1 FROM notice_objections AS o WHERE o.case_id = c.id AND o.resolved_date IS NULL AND o.deleted_at IS NULL)`;
export const hasPlan = sql`EXISTS (SELECT 1 FROM measures AS m WHERE m.case_id = c.id AND m.status <> 'cancelled' AND m.deleted_at IS NULL)`;
const dueKind = sql`CASE WHEN c.status = 'identifying' THEN 'identification' WHEN c.status = 'monitoring' AND NOT ${hasPlan} THEN 'plan' END`;
const dueDate = sql`CASE WHEN c.status = 'identifying' THEN c.deadline_date WHEN c.status = 'monitoring' AND NOT ${hasPlan} THEN c.plan_due_date END`;
/** Households are visited on a cycle while their case is open or eliminated; a rejected case's row shows none. */
const visitDue = sql`CASE WHEN c.status <> 'rejected' THEN h.next_visit_due END`;

function whereClause(q: CaseListQuery) {
  const parts = [sql`c.deleted_at IS NULL`];
  if (q.status === 'open') parts.push(sql`c.status IN ('identifying', 'monitoring')`);
  else if (q.status !== 'all') parts.push(sql`c.status = ${q.status}`);
  if (q.villageId) parts.push(sql`h.village_id = ${q.villageId}`);
  if (q.category) parts.push(sql`c.category = ${q.category}`);
  if (q.riskType) {
    parts.push(sql`EXISTS (SELECT 1 FROM case_risks AS r WHERE r.case_id = c.id AND r.risk_type = ${q.riskType} AND r.deleted_at IS NULL)`);
  }
  // Part of a name finds the helper (陈 → 陈干部), as the household ledger's helper search does.
  if (q.helperName) parts.push(sql`c.helper_name LIKE ${`%${likePrefix(q.helperName)}`} ESCAPE '\\'`);
  if (q.overdue === 'deadline') parts.push(sql`c.status = 'identifying' AND c.deadline_date < ${q.today}`);
  if (q.overdue === 'plan') parts.push(sql`c.status = 'monitoring' AND c.plan_due_date < ${q.today} AND NOT ${hasPlan}`);
  if (q.overdue === 'visit') parts.push(sql`c.status <> 'rejected' AND h.next_visit_due < ${q.today}`);
  if (q.overdue === 'deadlineSoon') parts.push(sql`c.status = 'identifying' AND c.deadline_date BETWEEN ${q.today} AND ${dueSoonUntil(q.today)}`);
  if (q.overdue === 'planSoon') {
    parts.push(sql`c.status = 'monitoring' AND c.plan_due_date BETWEEN ${q.today} AND ${dueSoonUntil(q.today)} AND NOT ${hasPlan}`);
  }
  if (q.objectionOpen) parts.push(openObjection);
  if (q.pending) parts.push(sql`c.household_id IN (${pendingHouseholdIds(q.today)})`);
  if (q.search !== '') {
    const branches = [sql`h.head_name LIKE ${likePrefix(q.search)} ESCAPE '\\'`];
    if (/^[0-9A-Za-z-]+$/.test(q.search)) {
      for (const code of new Set([q.search, q.search.toUpperCase()])) {
        branches.push(sql`h.household_code LIKE ${likePrefix(code)} ESCAPE '\\'`);
      }
    }
    parts.push(sql`(${sql.join(branches, sql` OR `)})`);
  }
  return sql.join(parts, sql` AND `);
}

function orderClause(sort: CaseListQuery['sort']) {
  const dir = sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const key = (expr: ReturnType<typeof sql>) => sql`${expr} ${dir}`;
  const nullable = (expr: ReturnType<typeof sql>) => sql`${expr} ${dir} NULLS LAST`;
  const col = (name: string) => sql.ref(name) as unknown as ReturnType<typeof sql>;
  let primary;
  switch (sort.column) {
    case 'caseCode':
      primary = [key(col('c.case_code'))];
      break;
    case 'householdCode':
      primary = [key(col('h.household_code'))];
      break;
    case 'villageName':
      primary = [key(col('v.sort_order')), key(col('v.name')), key(col('g.sort_order'))];
      break;
    case 'headName':
      primary = [key(col('h.head_name'))];
      break;
    case 'category':
      primary = [nullable(col('c.category'))];
      break;
    case 'status':
      primary = [key(col('c.status'))];
      break;
    case 'clueDate':
      primary = [key(col('c.clue_date'))];
      break;
    case 'includedDate':
      primary = [nullable(col('c.included_date'))];
      break;
    case 'dueDate':
      primary = [nullable(dueDate)];
      break;
    case 'nextVisitDue':
      primary = [nullable(visitDue)];
      break;
    case 'helperName':
      primary = [nullable(col('c.helper_name'))];
      break;
  }
  return sql.join([...primary, sql`c.case_code ASC`]);
}

export async function listCases(db: Db, q: CaseListQuery): Promise<{ total: number; rows: CaseListRow[] }> {
  const where = whereClause(q);
  const page = await sql<CaseListRow>`
    SELECT c.id, c.case_code, c.household_id, h.household_code, h.village_id, v.name AS village_name,
      g.name AS group_name, h.head_name, h.member_count, c.category, c.status,
      (SELECT group_concat(r.risk_type) FROM case_risks AS r WHERE r.case_id = c.id AND r.deleted_at IS NULL) AS risks,
      c.helper_name, c.clue_date, c.included_date, c.eliminated_date, c.active_workflow, c.next_step,
      ${dueKind} AS due_kind, ${dueDate} AS due_date, ${visitDue} AS next_visit_due
    FROM monitoring_cases AS c
    JOIN households AS h ON h.id = c.household_id
    JOIN villages AS v ON v.id = h.village_id
    JOIN village_groups AS g ON g.id = h.group_id
    WHERE ${where}
    ORDER BY ${orderClause(q.sort)}
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const count = await sql<{ n: number }>`
    SELECT count(*) AS n FROM monitoring_cases AS c JOIN households AS h ON h.id = c.household_id WHERE ${where}`.execute(db);
  return { total: Number(count.rows[0]?.n ?? 0), rows: page.rows };
}
