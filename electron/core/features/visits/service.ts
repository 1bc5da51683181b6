import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { Visit, VisitSchedule } from '../../../../shared/contract/visits';
import { guaranteeKeys, visitKindLabels, type VisitCycle, type VisitKind } from '../../../../shared/domain/monitoring';
import type { HouseholdKind } from '../../../../shared/domain/household';
import { cycleMonths, overdueDays } from '../../../../shared/domain/visitSchedule';
import { endOfMonth } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta } from '../../rows';
import { saveIncomeInTx } from '../income/service';
import { thresholdsOn } from '../../derived/thresholds';
import * as repo from './repository';
import type { DueCountRow, VisitRecord } from './repository';
import { ensureVisitSchedules, refreshVisitSchedule } from '../../derived/visitSchedule';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AuditWriter } from '../../auditWriter';
import { caseGuarantees, visitGuarantees, visitVisitors } from '../../db/jsonColumns';

type Db = Kysely<DB> | Transaction<DB>;

// 走访 / 回访 (DOMAIN §9): visit records, each household's schedule (kept on the household by
// schedule.ts) and the 待办 list of what is due this month and what is overdue.

export function toVisit(r: VisitRecord): Visit {
  return {
    id: r.id,
    householdId: r.household_id,
    caseId: r.case_id,
    caseCode: r.case_code,
    visitDate: r.visit_date,
    visitors: visitVisitors.decode(r.visitors),
    kind: r.kind as VisitKind,
    findings: r.findings,
    guarantees: r.guarantees === null ? null : visitGuarantees.decode(r.guarantees),
    incomeYear: r.income_year,
    createdAt: r.created_at,
    recordedBy: r.recorded_by ?? '',
  };
}

async function scheduleOf(
  db: Db,
  h: { visit_cycle: string | null; last_visit_date: string | null; next_visit_due: string | null },
  today: string,
): Promise<VisitSchedule> {
  const cycle = h.visit_cycle as VisitCycle | null;
  const months = cycle === null ? null : cycleMonths(cycle, await thresholdsOn(db, h.last_visit_date ?? today));
  const days = overdueDays(h.next_visit_due, today);
  return {
    cycle,
    cycleMonths: months,
    lastVisitDate: h.last_visit_date,
    nextVisitDue: h.next_visit_due,
    overdue: days > 0,
    overdueDays: days,
  };
}

export async function forHousehold(ctx: HandlerContext, input: ParsedInputOf<'visits.forHousehold'>): Promise<OutputOf<'visits.forHousehold'>> {
  await ensureVisitSchedules(ctx);
  let householdId = input.householdId;
  if (input.caseId !== undefined) {
    const c = await ctx.db.selectFrom('monitoring_cases').select('household_id').where('id', '=', input.caseId).executeTakeFirst();
    if (!c) throw new AppError('NOT_FOUND', '找不到该监测对象，可能已被删除，请刷新后重试');
    householdId = c.household_id;
  }
  const h = await repo.findHousehold(ctx.db, householdId!);
  if (!h) throw new AppError('NOT_FOUND', '找不到该农户，可能已被删除，请刷新后重试');
  const visits = (await repo.visitsOf(ctx.db, h.id, input.caseId)).map(toVisit);
  return { householdId: h.id, visits, schedule: await scheduleOf(ctx.db, h, ctx.today()) };
}

export async function create(ctx: HandlerContext, input: ParsedInputOf<'visits.create'>): Promise<OutputOf<'visits.create'>> {
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const visitId = await ctx.mutate((tx, audit) => createInTx(ctx, tx, audit, input));
  const visit = toVisit((await repo.findVisit(ctx.db, visitId))!);
  const h = (await repo.findHousehold(ctx.db, input.householdId))!;
  return { visit, schedule: await scheduleOf(ctx.db, h, today) };
}

/**
 * Records a visit inside the caller's transaction (visits.create, and the 走访记录 import, which
 * writes a whole file in one transaction under the same rules). Returns the new id.
 */
export async function createInTx(ctx: HandlerContext, tx: Transaction<DB>, audit: AuditWriter, input: ParsedInputOf<'visits.create'>): Promise<string> {
  const today = ctx.today();
  if (input.visitDate > today) {
    throw new AppError('INVALID_INPUT', `走访日期不能晚于今天（${today}）`, { visitDate: '不能晚于今天' });
  }
  const h = await repo.findHousehold(tx, input.householdId);
  if (!h) throw new AppError('NOT_FOUND', '找不到该农户，可能已被删除，请刷新后重试');
  if (h.status === 'closed') throw new AppError('RULE', '该户已注销，不能再登记走访；如需走访请先恢复该户');

  const cases = await repo.casesOf(tx, h.id);
  const openCase = cases.find((c) => c.status === 'identifying' || c.status === 'monitoring') ?? null;
  let linked: (typeof cases)[number] | null;
  if (input.caseId !== undefined) {
    linked = cases.find((c) => c.id === input.caseId) ?? null;
    if (!linked) throw new AppError('INVALID_INPUT', '所选监测对象不属于该户，请重新选择', { caseId: '不属于该户' });
  } else if (openCase) {
    linked = openCase;
  } else if (h.visit_cycle === 'eliminated') {
    linked = cases.find((c) => c.status === 'eliminated') ?? null;
  } else {
    linked = null;
  }

  const guarantees =
    input.guarantees === undefined
      ? null
      : Object.fromEntries(guaranteeKeys.map((k) => [k, { status: input.guarantees![k].status, note: input.guarantees![k].note ?? null }]));

  let incomeYear: number | null = null;
  if (input.income !== undefined) {
    try {
      incomeYear = (await saveIncomeInTx(ctx, tx, audit, { ...input.income, householdId: h.id })).year;
    } catch (err) {
      // The income fields sit under `income` in the visit form.
      if (err instanceof AppError && err.fields) {
        throw new AppError(err.code, err.message, Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`income.${k}`, v])));
      }
      throw err;
    }
  }

  const meta = await newRowMeta(ctx);
  await tx
    .insertInto('visits')
    .values({
      ...meta,
      household_id: h.id,
      case_id: linked?.id ?? null,
      visit_date: input.visitDate,
      visitors: visitVisitors.encode(input.visitors),
      kind: input.kind,
      findings: input.findings,
      guarantees: guarantees === null ? null : visitGuarantees.encode(guarantees),
      income_year: incomeYear,
    })
    .execute();
  const atRisk = guarantees === null ? [] : guaranteeKeys.filter((k) => guarantees[k]?.status === 'atRisk');
  await audit.record({
    entity: 'visit',
    entityId: meta.id,
    summary: `登记${visitKindLabels[input.kind]}：${h.head_name}户（${h.household_code}），${input.visitDate}，${input.visitors.join('、')}${
      guarantees === null ? '' : atRisk.length === 0 ? '，两不愁三保障均有保障' : `，${atRisk.length} 项有风险`
    }`,
    before: null,
    after: {
      householdId: h.id,
      caseId: linked?.id ?? null,
      visitDate: input.visitDate,
      visitors: input.visitors,
      kind: input.kind,
      findings: input.findings,
      guarantees,
      incomeYear,
    },
  });

  // The open case's guarantees follow the latest check (an older visit entered late does not overwrite a newer one).
  if (guarantees !== null && openCase) {
    const newer = await repo.latestGuaranteeVisitDate(tx, h.id, meta.id);
    if (newer === null || newer <= input.visitDate) {
      const before = caseGuarantees.decode(openCase.guarantees);
      if (JSON.stringify(before) !== JSON.stringify(guarantees)) {
        await tx
          .updateTable('monitoring_cases')
          .set({ guarantees: caseGuarantees.encode(guarantees), updated_at: meta.updated_at, updated_by: meta.updated_by })
          .where('id', '=', openCase.id)
          .execute();
        await audit.record({
          entity: 'monitoringCase',
          entityId: openCase.id,
          summary: `${h.head_name}户（${openCase.case_code}）两不愁三保障按 ${input.visitDate} 走访核查更新${
            atRisk.length === 0 ? '：均有保障' : `：${atRisk.length} 项有风险`
          }`,
          before: { guarantees: before },
          after: { guarantees },
        });
      }
    }
  }

  await refreshVisitSchedule(tx, ctx, h.id);
  return meta.id;
}

export async function due(ctx: HandlerContext, input: ParsedInputOf<'visits.due'>): Promise<OutputOf<'visits.due'>> {
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const month = input.month ?? today.slice(0, 7);
  const monthEnd = endOfMonth(`${month}-01`);
  const helperName = input.helperName === undefined ? undefined : input.helperName === '' ? null : input.helperName;

  const [counts, villages] = await Promise.all([repo.dueCounts(ctx.db, monthEnd, today), repo.villageNames(ctx.db)]);
  const matchesVillage = (r: DueCountRow): boolean => input.villageId === undefined || r.village_id === input.villageId;
  const matchesHelper = (r: DueCountRow): boolean => helperName === undefined || r.helper_name === helperName;
  const matchesShow = (r: DueCountRow): boolean => input.show === 'all' || (input.show === 'overdue') === (r.overdue === 1);

  let total = 0;
  let overdueTotal = 0;
  const byVillage = new Map<string, { due: number; overdue: number }>();
  const byHelper = new Map<string | null, { due: number; overdue: number }>();
  for (const r of counts) {
    if (matchesVillage(r) && matchesHelper(r) && matchesShow(r)) {
      total += r.n;
      if (r.overdue === 1) overdueTotal += r.n;
    }
    if (matchesHelper(r)) {
      const v = byVillage.get(r.village_id) ?? { due: 0, overdue: 0 };
      v.due += r.n;
      if (r.overdue === 1) v.overdue += r.n;
      byVillage.set(r.village_id, v);
    }
    if (matchesVillage(r)) {
      const v = byHelper.get(r.helper_name) ?? { due: 0, overdue: 0 };
      v.due += r.n;
      if (r.overdue === 1) v.overdue += r.n;
      byHelper.set(r.helper_name, v);
    }
  }

  const rows =
    total === 0
      ? []
      : await repo.dueRows(ctx.db, { monthEnd, today, villageId: input.villageId, helperName, show: input.show }, input.offset, input.limit);

  return {
    month,
    monthEnd,
    today,
    total,
    overdueTotal,
    rows: rows.map((r) => ({
      householdId: r.household_id,
      householdCode: r.household_code,
      headName: r.head_name,
      kind: r.kind as HouseholdKind,
      villageId: r.village_id,
      villageName: r.village_name,
      groupName: r.group_name,
      helperName: r.helper_name,
      caseId: r.case_id,
      caseCode: r.case_code,
      cycle: r.visit_cycle as VisitCycle,
      lastVisitDate: r.last_visit_date,
      nextVisitDue: r.next_visit_due,
      overdueDays: overdueDays(r.next_visit_due, today),
    })),
    byVillage: villages
      .filter((v) => byVillage.has(v.id))
      .map((v) => ({ villageId: v.id, name: v.name, ...byVillage.get(v.id)! })),
    byHelper: [...byHelper.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN')))
      .map(([helper, c]) => ({ helperName: helper, ...c })),
  };
}
