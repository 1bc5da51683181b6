import { sql, type Kysely, type Transaction } from 'kysely';
import type { FundSettings } from '../../../../shared/domain/funds';
import type { DB, FundSettingsTable } from '../../db/schema';
import { fundMilestones } from '../../db/jsonColumns';

// Reads of the funds tables. Per-batch sums are computed by SQLite over the covering indexes
// (batch/project, amount); per-project sums stand in fund_project_totals, kept by triggers on
// the entry tables (migration 0027), so no writer can leave them out of step.

type Db = Kysely<DB> | Transaction<DB>;

export function toFundSettings(r: Omit<FundSettingsTable, 'version'>): FundSettings {
  return {
    year: r.year,
    villageNoticeDays: r.village_notice_days,
    townshipNoticeDays: r.township_notice_days,
    libraryNoticeDays: r.library_notice_days,
    reviewDeadlineDays: r.review_deadline_days,
    milestones: fundMilestones.decode(r.milestones),
    closeDate: r.close_date,
  };
}

export function settingsColumns(s: FundSettings) {
  return {
    year: s.year,
    village_notice_days: s.villageNoticeDays,
    township_notice_days: s.townshipNoticeDays,
    library_notice_days: s.libraryNoticeDays,
    review_deadline_days: s.reviewDeadlineDays,
    milestones: fundMilestones.encode(s.milestones),
    close_date: s.closeDate,
  };
}

export function savedSettingsRows(db: Db) {
  return db.selectFrom('fund_settings').selectAll().where('deleted_at', 'is', null).orderBy('year').execute();
}

export function sources(db: Db) {
  return db.selectFrom('fund_sources').selectAll().orderBy('sort_order').execute();
}

export function villageNames(db: Db) {
  return db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).execute();
}

/** Σ allocated and Σ disbursed per batch (reversals included). */
export function batchRows(db: Db, year: number | null) {
  let q = db
    .selectFrom('fund_batches as b')
    .innerJoin('fund_sources as s', 's.code', 'b.source_code')
    .select([
      'b.id',
      'b.doc_no',
      'b.issued_date',
      'b.year',
      'b.level',
      'b.source_code',
      's.name as source_name',
      'b.amount_fen',
      'b.use_direction',
      sql<number>`(SELECT COALESCE(SUM(a.amount_fen), 0) FROM fund_allocations a WHERE a.batch_id = b.id)`.as('allocated_fen'),
      sql<number>`(SELECT COALESCE(SUM(d.amount_fen), 0) FROM fund_disbursements d WHERE d.batch_id = b.id)`.as('disbursed_fen'),
    ])
    .where('b.deleted_at', 'is', null);
  if (year !== null) q = q.where('b.year', '=', year);
  return q.orderBy('b.year', 'desc').orderBy('b.issued_date', 'desc').orderBy('b.id').execute();
}

export interface ProjectFilter {
  year: number | null;
  status: string | null;
  projectType: string | null;
  villageId: string | null;
  search: string;
}

/** The columns a list row shows (toProjectRow); the texts of a project's page stay out of the listing. */
const listColumns = [
  'p.id',
  'p.version',
  'p.project_code',
  'p.name',
  'p.project_type',
  'p.year',
  'p.village_ids',
  'p.implementing_unit',
  'p.budget_fen',
  'p.status',
  'p.last_step',
  'p.last_step_date',
  'p.due_date',
] as const;

/**
 * Projects with Σ allocated and Σ disbursed from fund_project_totals (kept by triggers, migration
 * 0027) rather than summing every entry of every project on each call.
 */
function projectQuery(db: Db, f: ProjectFilter, id?: string) {
  let q = db
    .selectFrom('fund_projects as p')
    .leftJoin('fund_project_totals as t', 't.project_id', 'p.id')
    .select([sql<number>`COALESCE(t.allocated_fen, 0)`.as('allocated_fen'), sql<number>`COALESCE(t.disbursed_fen, 0)`.as('disbursed_fen')])
    .where('p.deleted_at', 'is', null);
  if (id !== undefined) q = q.where('p.id', '=', id);
  if (f.year !== null) q = q.where('p.year', '=', f.year);
  if (f.status !== null) q = q.where('p.status', '=', f.status);
  if (f.projectType !== null) q = q.where('p.project_type', '=', f.projectType);
  if (f.villageId !== null) q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(p.village_ids) WHERE value = ${f.villageId})`);
  const s = f.search.trim();
  if (s !== '') q = q.where((eb) => eb.or([eb('p.name', 'like', `%${s}%`), eb('p.project_code', 'like', `%${s}%`)]));
  return q.orderBy('p.year', 'desc').orderBy('p.project_code');
}

/** Whole project records (a project's page, its paper). */
export function projectRows(db: Db, f: ProjectFilter, id?: string) {
  return projectQuery(db, f, id).selectAll('p').execute();
}

/** The 项目库台账 rows: only the columns the list shows. */
export function projectListRows(db: Db, f: ProjectFilter) {
  return projectQuery(db, f).select(listColumns).execute();
}
export type ProjectListRecord = Awaited<ReturnType<typeof projectListRows>>[number];
export type ProjectRecord = Awaited<ReturnType<typeof projectRows>>[number];

export const noFilter: ProjectFilter = { year: null, status: null, projectType: null, villageId: null, search: '' };

export function projectSteps(db: Db, projectId: string) {
  return db
    .selectFrom('fund_project_steps as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .selectAll('s')
    .select('u.display_name as recorded_by')
    .where('s.project_id', '=', projectId)
    .where('s.deleted_at', 'is', null)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}

export function allocations(db: Db, where: { projectId?: string; batchId?: string }) {
  let q = db
    .selectFrom('fund_allocations as a')
    .innerJoin('fund_batches as b', 'b.id', 'a.batch_id')
    .innerJoin('fund_sources as s', 's.code', 'b.source_code')
    .selectAll('a')
    .select(['b.doc_no as batch_doc_no', 's.name as source_name', 'b.year as batch_year', 'b.issued_date as batch_issued_date', 'b.amount_fen as batch_amount_fen'])
    .where('a.deleted_at', 'is', null);
  if (where.projectId !== undefined) q = q.where('a.project_id', '=', where.projectId);
  if (where.batchId !== undefined) q = q.where('a.batch_id', '=', where.batchId);
  return q.orderBy('a.entry_date').orderBy('a.id').execute();
}

export function disbursements(db: Db, where: { projectId?: string; batchId?: string }) {
  let q = db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_batches as b', 'b.id', 'd.batch_id')
    .innerJoin('fund_sources as s', 's.code', 'b.source_code')
    .selectAll('d')
    .select(['b.doc_no as batch_doc_no', 's.name as source_name', 'b.year as batch_year', 'b.issued_date as batch_issued_date', 'b.amount_fen as batch_amount_fen'])
    .where('d.deleted_at', 'is', null);
  if (where.projectId !== undefined) q = q.where('d.project_id', '=', where.projectId);
  if (where.batchId !== undefined) q = q.where('d.batch_id', '=', where.batchId);
  return q.orderBy('d.entry_date').orderBy('d.id').execute();
}

export async function sumAllocated(db: Db, where: { batchId?: string; projectId?: string }): Promise<number> {
  let q = db.selectFrom('fund_allocations').select(sql<number>`COALESCE(SUM(amount_fen), 0)`.as('total')).where('deleted_at', 'is', null);
  if (where.batchId !== undefined) q = q.where('batch_id', '=', where.batchId);
  if (where.projectId !== undefined) q = q.where('project_id', '=', where.projectId);
  return (await q.executeTakeFirstOrThrow()).total;
}

export async function sumDisbursed(db: Db, where: { batchId?: string; projectId?: string }): Promise<number> {
  let q = db.selectFrom('fund_disbursements').select(sql<number>`COALESCE(SUM(amount_fen), 0)`.as('total')).where('deleted_at', 'is', null);
  if (where.batchId !== undefined) q = q.where('batch_id', '=', where.batchId);
  if (where.projectId !== undefined) q = q.where('project_id', '=', where.projectId);
  return (await q.executeTakeFirstOrThrow()).total;
}

/** 资金台账 sums per source for batches of `year`. */
export function ledgerSums(db: Db, year: number, level: string | null) {
  return db
    .selectFrom('fund_sources as s')
    .leftJoin('fund_batches as b', (j) => {
      let on = j.onRef('b.source_code', '=', 's.code').on('b.year', '=', year).on('b.deleted_at', 'is', null);
      if (level !== null) on = on.on('b.level', '=', level);
      return on;
    })
    .select([
      's.code',
      's.name',
      's.sort_order',
      sql<number>`COALESCE(SUM(b.amount_fen), 0)`.as('issued_fen'),
      sql<number>`COALESCE(SUM((SELECT SUM(a.amount_fen) FROM fund_allocations a WHERE a.batch_id = b.id)), 0)`.as('allocated_fen'),
      sql<number>`COALESCE(SUM((SELECT SUM(d.amount_fen) FROM fund_disbursements d WHERE d.batch_id = b.id)), 0)`.as('disbursed_fen'),
    ])
    .groupBy(['s.code', 's.name', 's.sort_order'])
    .orderBy('s.sort_order')
    .execute();
}

export async function nextProjectCode(db: Db, year: number): Promise<string> {
  const prefix = `XM${year}-`;
  const row = await db
    .selectFrom('fund_projects')
    .select(sql<string | null>`MAX(project_code)`.as('last'))
    .where('project_code', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  const n = row.last === null ? 0 : Number(row.last.slice(prefix.length));
  return `${prefix}${String(n + 1).padStart(4, '0')}`;
}
