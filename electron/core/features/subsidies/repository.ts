import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { SubsidyApplication, Training, WorkRelief } from '../../../../shared/contract/subsidies';
import type { WorkArea } from '../../../../shared/domain/employment';
import type { SubsidyKind, SubsidyStatus, TrainingKind } from '../../../../shared/domain/subsidies';
import type { DB, JobSubsidyTable, TrainingTable, WorkReliefTable } from '../../db/schema';

// Reads of the 培训与补贴 records, each row with its person, household and village.

export type Db = Kysely<DB> | Transaction<DB>;

export interface ListFilter {
  year?: number | undefined;
  villageId?: string | undefined;
}

interface PersonCols {
  member_name: string;
  household_code: string;
  village_name: string;
}

type TrainingRow = Selectable<TrainingTable> & PersonCols;
type ReliefRow = Selectable<WorkReliefTable> & PersonCols;
export type ApplicationRow = Selectable<JobSubsidyTable> & PersonCols & { list_id: string | null; list_title: string | null };

function person(r: PersonCols & { id: string; version: number; member_id: string; household_id: string }) {
  return {
    id: r.id,
    version: r.version,
    memberId: r.member_id,
    memberName: r.member_name,
    householdId: r.household_id,
    householdCode: r.household_code,
    villageName: r.village_name,
  };
}

export function toTraining(r: TrainingRow): Training {
  return {
    ...person(r),
    kind: r.kind as TrainingKind,
    course: r.course,
    provider: r.provider,
    startDate: r.start_date,
    endDate: r.end_date,
    hours: r.hours,
    certificate: r.certificate,
    subsidyFen: r.subsidy_fen,
    note: r.note,
  };
}

export function toWorkRelief(r: ReliefRow): WorkRelief {
  return { ...person(r), project: r.project, startDate: r.start_date, endDate: r.end_date, days: r.days, payFen: r.pay_fen, paidOn: r.paid_on, note: r.note };
}

export function toApplication(r: ApplicationRow): SubsidyApplication {
  return {
    ...person(r),
    kind: r.kind as SubsidyKind,
    year: r.year,
    area: r.area as WorkArea | null,
    basis: r.basis,
    materials: r.materials,
    amountFen: r.amount_fen,
    appliedOn: r.applied_on,
    status: r.status as SubsidyStatus,
    decidedOn: r.decided_on,
    refuseReason: r.refuse_reason,
    paymentListId: r.list_id,
    paymentListTitle: r.list_title,
    note: r.note,
  };
}

const personSelect = ['m.name as member_name', 'h.household_code', 'v.name as village_name'] as const;

function trainingsQuery(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('trainings as t')
    .innerJoin('members as m', 'm.id', 't.member_id')
    .innerJoin('households as h', 'h.id', 't.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .where('t.deleted_at', 'is', null);
  if (f.year !== undefined) q = q.where('t.start_date', '<=', `${f.year}-12-31`).where('t.end_date', '>=', `${f.year}-01-01`);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  return q;
}

export async function trainings(db: Db, f: ListFilter, offset: number, limit: number) {
  const { n } = await trainingsQuery(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await trainingsQuery(db, f).selectAll('t').select(personSelect).orderBy('t.start_date', 'desc').orderBy('t.id', 'desc').offset(offset).limit(limit).execute();
  return { total: Number(n), rows: rows.map(toTraining) };
}

export function findTraining(db: Db, id: string) {
  return trainingsQuery(db, {}).selectAll('t').select(personSelect).where('t.id', '=', id).executeTakeFirst();
}

function reliefQuery(db: Db, f: ListFilter) {
  let q = db
    .selectFrom('work_relief as w')
    .innerJoin('members as m', 'm.id', 'w.member_id')
    .innerJoin('households as h', 'h.id', 'w.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .where('w.deleted_at', 'is', null);
  if (f.year !== undefined) {
    const y = f.year;
    q = q.where('w.start_date', '<=', `${y}-12-31`).where((eb) => eb.or([eb('w.end_date', 'is', null), eb('w.end_date', '>=', `${y}-01-01`)]));
  }
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  return q;
}

export async function workRelief(db: Db, f: ListFilter, offset: number, limit: number) {
  const { n } = await reliefQuery(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await reliefQuery(db, f).selectAll('w').select(personSelect).orderBy('w.start_date', 'desc').orderBy('w.id', 'desc').offset(offset).limit(limit).execute();
  return { total: Number(n), rows: rows.map(toWorkRelief) };
}

export function findWorkRelief(db: Db, id: string) {
  return reliefQuery(db, {}).selectAll('w').select(personSelect).where('w.id', '=', id).executeTakeFirst();
}

export interface ApplicationFilter extends ListFilter {
  kind?: SubsidyKind | undefined;
  status?: SubsidyStatus | undefined;
  memberId?: string;
  id?: string;
  /** Approved and not yet on a list. */
  unlisted?: boolean;
}

function applicationsQuery(db: Db, f: ApplicationFilter) {
  let q = db
    .selectFrom('job_subsidies as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .leftJoin('payment_lines as pl', 'pl.id', 'a.payment_line_id')
    .leftJoin('payment_lists as l', 'l.id', 'pl.list_id')
    .where('a.deleted_at', 'is', null);
  if (f.id !== undefined) q = q.where('a.id', '=', f.id);
  if (f.year !== undefined) q = q.where('a.year', '=', f.year);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.kind !== undefined) q = q.where('a.kind', '=', f.kind);
  if (f.status !== undefined) q = q.where('a.status', '=', f.status);
  if (f.memberId !== undefined) q = q.where('a.member_id', '=', f.memberId);
  if (f.unlisted === true) q = q.where('a.status', '=', 'approved').where('a.payment_line_id', 'is', null);
  return q;
}

function applicationRows(db: Db, f: ApplicationFilter) {
  return applicationsQuery(db, f).selectAll('a').select([...personSelect, 'l.id as list_id', 'l.title as list_title']);
}

export async function applications(db: Db, f: ApplicationFilter, offset: number, limit: number) {
  const { n } = await applicationsQuery(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await applicationRows(db, f).orderBy('a.applied_on', 'desc').orderBy('a.id', 'desc').offset(offset).limit(limit).execute();
  return { total: Number(n), rows: rows.map(toApplication) };
}

export function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return applicationRows(db, { id }).executeTakeFirst();
}

export function unlistedApproved(db: Db, kind: SubsidyKind, year: number, villageId: string | null): Promise<ApplicationRow[]> {
  return applicationRows(db, { kind, year, unlisted: true, ...(villageId === null ? {} : { villageId }) })
    .orderBy('h.household_code')
    .orderBy('a.id')
    .execute();
}

/** Transport applications of the person in the year that still stand (not refused). */
export async function standingTransport(db: Db, memberId: string, year: number, exceptId?: string): Promise<number> {
  let q = db
    .selectFrom('job_subsidies')
    .select(sql<number>`count(*)`.as('n'))
    .where('deleted_at', 'is', null)
    .where('member_id', '=', memberId)
    .where('kind', '=', 'transport')
    .where('year', '=', year)
    .where('status', '<>', 'refused');
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
