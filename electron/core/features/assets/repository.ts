import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssetDetail, AssetRow, IncomePlan } from '../../../../shared/contract/assets';
import type { PlanStatus, PlanStep } from '../../../../shared/domain/assets';
import type { PaymentListStatus } from '../../../../shared/domain/payments';
import type { DB } from '../../db/schema';
import { assetPlanStepPeople, assetValueSources } from '../../db/jsonColumns';

// Reads of 项目资产: the ledger rows with their event sums, and one asset with its events and plans.

export type Db = Kysely<DB> | Transaction<DB>;

export interface AssetFilters {
  assetClass: string | null;
  status: string | null;
  villageId: string | null;
  search: string;
  id?: string;
  offset?: number;
  limit?: number;
}

function eventSum(kind: string) {
  return sql<number>`(select coalesce(sum(e.amount_fen), 0) from asset_events e where e.asset_id = a.id and e.kind = ${kind} and e.deleted_at is null)`;
}

export async function selectAssets(db: Db, f: AssetFilters): Promise<AssetRow[]> {
  let q = filtered(db, f);
  q = q.orderBy('a.asset_code');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  const rows = await q.execute();
  return rows.map(toRow);
}

export async function countAssets(db: Db, f: AssetFilters): Promise<number> {
  const r = await filtered(db, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

function filtered(db: Db, f: AssetFilters) {
  let q = db
    .selectFrom('project_assets as a')
    .innerJoin('fund_projects as p', 'p.id', 'a.project_id')
    .leftJoin('villages as v', 'v.id', 'a.village_id')
    .selectAll('a')
    .select(['p.project_code', 'p.name as project_name', 'v.name as village_name'])
    .select([eventSum('income').as('income_fen'), eventSum('upkeep').as('upkeep_fen'), eventSum('disposal').as('disposal_fen')])
    .where('a.deleted_at', 'is', null);
  if (f.id) q = q.where('a.id', '=', f.id);
  if (f.assetClass) q = q.where('a.asset_class', '=', f.assetClass as AssetRow['assetClass']);
  if (f.status) q = q.where('a.status', '=', f.status as AssetRow['status']);
  if (f.villageId) q = q.where('a.village_id', '=', f.villageId);
  const s = f.search.trim();
  if (s) q = q.where((eb) => eb.or([eb('a.name', 'like', `%${s}%`), eb('a.asset_code', 'like', `%${s}%`), eb('p.name', 'like', `%${s}%`)]));
  return q;
}

type RawRow = Awaited<ReturnType<ReturnType<typeof filtered>['execute']>>[number];

function toRow(r: RawRow): AssetRow {
  return {
    id: r.id,
    version: r.version,
    assetCode: r.asset_code,
    name: r.name,
    assetClass: r.asset_class,
    projectId: r.project_id,
    projectCode: r.project_code,
    projectName: r.project_name,
    formedDate: r.formed_date,
    villageId: r.village_id,
    villageName: r.village_name,
    quantity: r.quantity,
    valueFen: r.value_fen,
    valueSources: assetValueSources.decode(r.value_sources),
    ownerLevel: r.owner_level,
    ownerName: r.owner_name,
    operator: r.operator,
    caretaker: r.caretaker,
    caretakerPerson: r.caretaker_person,
    status: r.status,
    incomeFen: Number(r.income_fen),
    upkeepFen: Number(r.upkeep_fen),
    disposalFen: Number(r.disposal_fen),
  };
}

export function findAsset(db: Db, id: string) {
  return db.selectFrom('project_assets').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findPlan(db: Db, id: string) {
  return db.selectFrom('asset_income_plans').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function incomeOfYear(db: Db, assetId: string, year: number): Promise<number> {
  const r = await db
    .selectFrom('asset_events')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('t'))
    .where('asset_id', '=', assetId)
    .where('kind', '=', 'income')
    .where('year', '=', year)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.t ?? 0);
}

export function planLines(db: Db, planId: string) {
  return db
    .selectFrom('asset_income_plan_lines as l')
    .innerJoin('members as m', 'm.id', 'l.member_id')
    .innerJoin('households as h', 'h.id', 'l.household_id')
    .select(['l.id', 'l.household_id', 'l.member_id', 'l.basis', 'l.amount_fen', 'm.name', 'h.household_code'])
    .where('l.plan_id', '=', planId)
    .where('l.deleted_at', 'is', null)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}

async function plansOf(db: Db, assetId: string): Promise<IncomePlan[]> {
  const plans = await db
    .selectFrom('asset_income_plans as p')
    .leftJoin('payment_lists as l', 'l.id', 'p.payment_list_id')
    .selectAll('p')
    .select('l.status as list_status')
    .where('p.asset_id', '=', assetId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.year', 'desc')
    .execute();
  const out: IncomePlan[] = [];
  for (const p of plans) {
    const lines = await planLines(db, p.id);
    const steps = await db.selectFrom('asset_income_plan_steps').selectAll().where('plan_id', '=', p.id).where('deleted_at', 'is', null).orderBy('created_at').execute();
    out.push({
      id: p.id,
      version: p.version,
      year: p.year,
      title: p.title,
      status: p.status as PlanStatus,
      totalFen: lines.reduce((s, l) => s + l.amount_fen, 0),
      lines: lines.map((l) => ({ householdId: l.household_id, householdCode: l.household_code, memberId: l.member_id, name: l.name, basis: l.basis, amountFen: l.amount_fen })),
      steps: steps.map((s) => ({ step: s.step as PlanStep, date: s.step_date, people: assetPlanStepPeople.decode(s.people), docNo: s.doc_no, noticeEnd: s.notice_end })),
      paymentListId: p.payment_list_id,
      paymentListStatus: (p.list_status as PaymentListStatus | null) ?? null,
    });
  }
  return out;
}

export async function assetDetail(db: Db, id: string): Promise<AssetDetail> {
  const [row] = await selectAssets(db, { id, assetClass: null, status: null, villageId: null, search: '' });
  if (!row) throw new Error(`asset ${id} vanished`);
  const events = await db.selectFrom('asset_events').selectAll().where('asset_id', '=', id).where('deleted_at', 'is', null).orderBy('event_date').orderBy('created_at').execute();
  return {
    ...row,
    events: events.map((e) => ({ id: e.id, kind: e.kind, date: e.event_date, year: e.year, amountFen: e.amount_fen, decision: e.decision, note: e.note })),
    plans: await plansOf(db, id),
  };
}
