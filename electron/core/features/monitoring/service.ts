import type { Kysely, Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { caseEditFieldLabels, type CaseDetail, type CaseOutput, type CaseRow, type CaseStep, type CategorySuggestion, type TimelineEvent } from '../../../../shared/contract/monitoring';
import { suggestCategory } from '../../../../shared/domain/category';
import { riskCoverage, type MeasureForCoverage } from '../../../../shared/domain/coverage';
import { checkElimination, unmetSummary, type EliminationCheck } from '../../../../shared/domain/elimination';
import { householdKindLabels, type HouseholdKind, type HouseholdStatus } from '../../../../shared/domain/household';
import {
  caseStatusLabels,
  clueSourceLabels,
  eliminationMethodLabels,
  guaranteeKeys,
  guaranteeLabels,
  guaranteeStatusLabels,
  measureStatusLabels,
  monitoringCategoryLabels,
  riskTypeLabels,
  riskTypes,
  stepOutcomeLabels,
  visitKindLabels,
  workflowLabels,
  type CaseStatus,
  type ClueSource,
  type EliminationMethod,
  type Guarantees,
  type GuaranteeStatus,
  type MeasureStatus,
  type MonitoringCategory,
  type RiskType,
  type StepKind,
  type StepOutcome,
  type VisitCycle,
  type VisitKind,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { daysLeft, identificationDeadline, planDueDate } from '../../../../shared/domain/thresholds';
import {
  checkAfterNotice,
  checkHomeCheck,
  checkNotice,
  checkStepDate,
  checkStepOrder,
  currentRun,
  expectedNextStep,
  isReviewerStep,
  rejectionNeedsReason,
  reviewerOnlyMessage,
  stepLabel,
  type StepProblem,
} from '../../../../shared/domain/workflow';
import { todayIso } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave, type DifferingField } from '../../staleSave';
import { thresholdsOn } from '../thresholds/repository';
import { ensureVisitSchedules, refreshVisitSchedule } from '../visits/schedule';
import * as repo from './repository';
import type { CaseHouseholdRecord, CaseRecord, StepWithUser } from './repository';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;
type In<C extends ChannelName> = ParsedInputOf<C>;

const ENTITY = 'monitoringCase';

// ---------------------------------------------------------------------------------------------
// Rows → contract shapes

function allSecure(): Guarantees {
  return Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }])) as unknown as Guarantees;
}

function parseGuarantees(json: string): Guarantees {
  const out = allSecure();
  try {
    const value = JSON.parse(json) as Record<string, { status?: unknown; note?: unknown } | undefined>;
    for (const k of guaranteeKeys) {
      const g = value[k];
      if (g && (g.status === 'secure' || g.status === 'atRisk')) {
        out[k] = { status: g.status, note: typeof g.note === 'string' && g.note !== '' ? g.note : null };
      }
    }
  } catch {
    // A damaged value reads as all secure would hide a risk: keep the defaults but this never
    // happens through the program, which always writes the full object.
  }
  return out;
}

function parseJson<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

function toCase(c: CaseRecord): CaseOutput {
  return {
    id: c.id,
    caseCode: c.case_code,
    householdId: c.household_id,
    status: c.status as CaseStatus,
    category: c.category as MonitoringCategory | null,
    suggestedCategory: c.suggested_category as MonitoringCategory | null,
    categoryConfirmedBy: c.category_confirmed_by,
    helperName: c.helper_name,
    helperPhone: c.helper_phone,
    clueSource: c.clue_source as ClueSource,
    clueDate: c.clue_date,
    clueNote: c.clue_note,
    deadlineDate: c.deadline_date,
    includedDate: c.included_date,
    planDueDate: c.plan_due_date,
    eliminatedDate: c.eliminated_date,
    eliminationMethod: c.elimination_method as EliminationMethod | null,
    rejectedDate: c.rejected_date,
    rejectReason: c.reject_reason,
    guarantees: parseGuarantees(c.guarantees),
    activeWorkflow: c.active_workflow as Workflow | null,
    nextStep: c.next_step as StepKind | null,
    round: c.round,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

function stepTitle(s: { workflow: string; step: string }): string {
  if (s.workflow === 'reopen') return '回退（风险返回，重新监测）';
  return stepLabel(s.workflow as Workflow, s.step as StepKind);
}

function toStep(s: StepWithUser): CaseStep {
  return {
    id: s.id,
    workflow: s.workflow as CaseStep['workflow'],
    round: s.round,
    step: s.step,
    stepLabel: stepTitle(s),
    date: s.step_date,
    people: parseJson<string[]>(s.people, []),
    outcome: s.outcome as StepOutcome,
    note: s.note,
    details: parseJson<CaseStep['details']>(s.details, {}),
    recordedBy: s.recorded_by_name ?? '',
    recordedAt: s.created_at,
  };
}

/** Visitors as stored by the visits feature: a JSON array of names, or plain text. */
function peopleOf(text: string): string[] {
  const value = parseJson<unknown>(text, text);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [];
}

/** The office's calendar day of an ISO instant. */
function dayOf(iso: string): string {
  return todayIso(new Date(iso));
}

// ---------------------------------------------------------------------------------------------
// Shared lookups

const caseNotFound = () => new AppError('NOT_FOUND', '找不到该监测案件，可能已被删除，请刷新后重试');

async function requireCase(db: Db, id: string): Promise<CaseRecord> {
  const c = await repo.findCase(db, id);
  if (!c) throw caseNotFound();
  return c;
}

async function requireHousehold(db: Db, id: string): Promise<CaseHouseholdRecord> {
  const h = await repo.householdForCase(db, id);
  if (!h) throw new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新后重试');
  return h;
}

function refuse(problem: StepProblem | null, code: 'RULE' | 'INVALID_INPUT' = 'RULE'): void {
  if (problem) throw new AppError(code, problem.message, problem.field ? { [problem.field]: problem.message } : undefined);
}

function caseName(c: CaseRecord, h: { head_name: string }): string {
  return `监测案件 ${c.case_code}（户主 ${h.head_name}）`;
}

function openCaseMessage(existing: CaseRecord, headName: string): string {
  return `户主 ${headName} 的户已有未结束的监测案件 ${existing.case_code}（${caseStatusLabels[existing.status as CaseStatus]}）。一户只能有一个识别中或监测中的案件，请在该案件中继续办理`;
}

export async function categorySuggestion(db: Db, household: { id: string; kind: string }): Promise<CategorySuggestion> {
  const income = await repo.latestIncome(db, household.id);
  const kind = household.kind as HouseholdKind;
  if (!income) {
    const s = suggestCategory({ householdKind: kind, income: null, monitoringLineFen: null });
    return { ...s, incomeYear: null, perCapitaFen: null, monitoringLineFen: null, householdKind: kind };
  }
  const t = await thresholdsOn(db, `${income.year}-12-31`);
  const s = suggestCategory({
    householdKind: kind,
    income: { year: income.year, perCapitaFen: income.per_capita_fen },
    monitoringLineFen: t.monitoringLineFen,
  });
  return { ...s, incomeYear: income.year, perCapitaFen: income.per_capita_fen, monitoringLineFen: t.monitoringLineFen, householdKind: kind };
}

/** Start of the current monitoring period: the latest 回退, else inclusion. */
function monitoringSince(c: CaseRecord, steps: readonly StepWithUser[]): string | null {
  const reopens = steps.filter((s) => s.workflow === 'reopen' && s.round === c.round);
  return reopens.at(-1)?.step_date ?? c.included_date;
}

function toCoverageMeasures(rows: Awaited<ReturnType<typeof repo.measuresOf>>): MeasureForCoverage[] {
  return rows.map((m) => ({
    id: m.id,
    riskTypes: parseJson<RiskType[]>(m.risk_types, []),
    status: m.status as MeasureStatus,
  }));
}

async function eliminationCheck(db: Db, c: CaseRecord, h: CaseHouseholdRecord, steps: readonly StepWithUser[], asOf: string): Promise<EliminationCheck> {
  const since = monitoringSince(c, steps) ?? asOf;
  const income = await repo.latestIncome(db, c.household_id);
  const incomeThresholds = income ? await thresholdsOn(db, `${income.year}-12-31`) : null;
  const risks = (await repo.risksOf(db, c.id)).filter((r) => r.deleted_at === null).map((r) => r.risk_type as RiskType);
  return checkElimination({
    asOf,
    monitoringSince: since,
    sinceThresholds: await thresholdsOn(db, since),
    income: income ? { year: income.year, perCapitaFen: income.per_capita_fen } : null,
    incomeThresholds,
    guarantees: parseGuarantees(c.guarantees),
    risks,
    measures: toCoverageMeasures(await repo.measuresOf(db, c.id)),
    noLabor: h.no_labor === 1,
  });
}

async function nextCaseCode(db: Db, clueDate: string): Promise<string> {
  const prefix = `JC${clueDate.slice(0, 4)}-`;
  const max = await repo.maxCaseCode(db, prefix);
  const n = max ? Number(max.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(Number.isFinite(n) ? n : 1).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// The case page

export async function detail(db: Db, id: string, today: string): Promise<CaseDetail> {
  const c = await requireCase(db, id);
  const h = await requireHousehold(db, c.household_id);
  const [riskRows, steps, objections, measures, visits, suggestion] = await Promise.all([
    repo.risksOf(db, c.id),
    repo.stepsOf(db, c.id),
    repo.objectionsOf(db, c.id),
    repo.measuresOf(db, c.id),
    repo.visitsOf(db, c.id),
    categorySuggestion(db, h),
  ]);
  const toRisk = (r: (typeof riskRows)[number]) => ({
    id: r.id,
    riskType: r.risk_type as RiskType,
    note: r.note,
    addedAt: dayOf(r.created_at),
    removedAt: r.deleted_at ? dayOf(r.deleted_at) : null,
    removeReason: r.delete_reason,
  });
  const openRisks = riskRows.filter((r) => r.deleted_at === null);
  const coverage = riskCoverage(
    openRisks.map((r) => r.risk_type as RiskType),
    toCoverageMeasures(measures),
  );
  const status = c.status as CaseStatus;
  const elimination = status === 'monitoring' ? await eliminationCheck(db, c, h, steps, today) : null;

  // Deadlines
  const hasPlan = measures.some((m) => m.status !== 'cancelled');
  const identification =
    status === 'identifying'
      ? { date: c.deadline_date, daysLeft: daysLeft(today, c.deadline_date), overdue: c.deadline_date < today }
      : null;
  const plan =
    status === 'monitoring' && c.plan_due_date
      ? { date: c.plan_due_date, daysLeft: daysLeft(today, c.plan_due_date), overdue: !hasPlan && c.plan_due_date < today, done: hasPlan }
      : null;
  const visit =
    status !== 'rejected' && h.next_visit_due
      ? { date: h.next_visit_due, daysLeft: daysLeft(today, h.next_visit_due), overdue: h.next_visit_due < today }
      : null;

  // Workflow state
  const workflow = c.active_workflow as Workflow | null;
  const run = workflow ? currentRun(steps.map(asRecorded), workflow, c.round) : [];
  const notice = run.find((s) => s.step === 'notice');
  const noticeEnd = notice ? (parseJson<{ notice?: { endDate: string } }>(notice.details, {}).notice?.endDate ?? null) : null;
  const runIds = new Set(run.map((s) => s.id));
  const unresolved = objections.filter((o) => runIds.has(o.step_id) && o.resolution === null).length;
  const nextStep = c.next_step as StepKind | null;
  let reopenBlockedReason: string | null = null;
  if (status !== 'eliminated') reopenBlockedReason = '只有风险已消除的案件可以回退';
  else {
    const other = await repo.findOpenCase(db, c.household_id, c.id);
    if (other) reopenBlockedReason = openCaseMessage(other, h.head_name);
  }
  const noticeDays = (await thresholdsOn(db, today)).noticeDays;

  // Timeline, oldest first
  const timeline: TimelineEvent[] = [];
  const event = (e: Omit<TimelineEvent, 'people' | 'detail' | 'refId'> & Partial<TimelineEvent>) =>
    timeline.push({ people: [], detail: null, refId: null, ...e });
  event({ date: c.clue_date, kind: 'status', title: `发现线索（${clueSourceLabels[c.clue_source as ClueSource]}），进入识别`, detail: c.clue_note, refId: c.id });
  for (const s of steps) {
    const step = toStep(s);
    if (s.workflow === 'reopen') {
      event({ date: step.date, kind: 'status', title: '回退：风险返回，重新纳入监测', detail: step.note, people: step.people, refId: s.id });
      continue;
    }
    const extra: string[] = [];
    if (step.details.notice) extra.push(`公示 ${step.details.notice.startDate} 至 ${step.details.notice.endDate}，地点：${step.details.notice.place}`);
    if (step.details.specialDecision) extra.push(`村民代表大会特别决定（${step.details.specialDecision.date}）：${step.details.specialDecision.note}`);
    if (step.details.eliminationMethod) extra.push(eliminationMethodLabels[step.details.eliminationMethod]);
    if (step.note) extra.push(step.note);
    event({
      date: step.date,
      kind: 'step',
      title: `${workflowLabels[s.workflow as Workflow]}·${step.stepLabel} ${stepOutcomeLabels[step.outcome]}`,
      detail: extra.length > 0 ? extra.join('；') : null,
      people: step.people,
      refId: s.id,
    });
  }
  if (c.included_date) event({ date: c.included_date, kind: 'status', title: '县级审定通过，纳入监测', refId: c.id });
  if (c.rejected_date) event({ date: c.rejected_date, kind: 'status', title: '未纳入（驳回）', detail: c.reject_reason, refId: c.id });
  if (c.eliminated_date) {
    const method = c.elimination_method ? `（${eliminationMethodLabels[c.elimination_method as EliminationMethod]}）` : '';
    event({ date: c.eliminated_date, kind: 'status', title: `标注风险消除${method}`, refId: c.id });
  }
  for (const o of objections) {
    event({ date: o.received_date, kind: 'objection', title: `收到公示异议${o.objector ? `（${o.objector}）` : ''}`, detail: o.content, refId: o.id });
    if (o.resolved_date) event({ date: o.resolved_date, kind: 'objectionResolved', title: '异议核实处理', detail: o.resolution, refId: o.id });
  }
  for (const v of visits) {
    event({
      date: v.visit_date,
      kind: 'visit',
      title: visitKindLabels[v.kind as VisitKind] ?? '走访',
      detail: v.findings,
      people: peopleOf(v.visitors),
      refId: v.id,
    });
  }
  // A measure stands on the day of what last happened to it (issue 15 #19): done on its done
  // date, cancelled on the day it was cancelled (a cancelled measure is never edited again, so its
  // last update is the cancellation), otherwise on its planned date.
  for (const m of measures) {
    const name = m.type_name ?? m.measure_type_code;
    const detail = `责任单位：${m.responsible_unit}${m.helper_name ? `，帮扶人：${m.helper_name}` : ''}`;
    if (m.status === 'done' && m.done_date) {
      event({ date: m.done_date, kind: 'measureDone', title: `帮扶措施已落实：${name}`, detail, refId: m.id });
    } else if (m.status === 'cancelled') {
      event({ date: dayOf(m.updated_at), kind: 'measurePlanned', title: `帮扶措施已取消：${name}（原计划 ${m.planned_date}）`, detail, refId: m.id });
    } else {
      event({ date: m.planned_date, kind: 'measurePlanned', title: `帮扶措施：${name}（${measureStatusLabels[m.status]}）`, detail, refId: m.id });
    }
  }
  for (const r of riskRows) {
    if (r.deleted_at) {
      event({ date: dayOf(r.deleted_at), kind: 'risk', title: `移除风险类型：${riskTypeLabels[r.risk_type as RiskType]}`, detail: r.delete_reason, refId: r.id });
    }
  }
  // Same-day events keep the order they were added: the clue, the steps as recorded, then the
  // status each decision produced (纳入监测 after 县级审定), then objections, measures and visits.
  const indexed = timeline.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i));

  return {
    case: toCase(c),
    household: {
      id: h.id,
      householdCode: h.household_code,
      villageId: h.village_id,
      villageName: h.village_name,
      groupName: h.group_name,
      headName: h.head_name,
      memberCount: h.member_count,
      kind: h.kind as HouseholdKind,
      status: h.status as HouseholdStatus,
      dibao: h.dibao === 1,
      tekun: h.tekun === 1,
      noLabor: h.no_labor === 1,
      address: h.address,
      phone: h.phone,
      helperName: h.helper_name,
      helperPhone: h.helper_phone,
      visitCycle: h.visit_cycle as VisitCycle | null,
      lastVisitDate: h.last_visit_date,
      nextVisitDue: h.next_visit_due,
    },
    risks: openRisks.map(toRisk),
    removedRisks: riskRows.filter((r) => r.deleted_at !== null).map(toRisk),
    steps: steps.map(toStep),
    objections: objections.map((o) => ({
      id: o.id,
      stepId: o.step_id,
      receivedDate: o.received_date,
      objector: o.objector,
      content: o.content,
      resolution: o.resolution,
      resolvedDate: o.resolved_date,
    })),
    coverage,
    elimination,
    deadlines: { identification, plan, visit },
    workflow: {
      active: workflow,
      nextStep,
      nextStepLabel: workflow && nextStep ? stepLabel(workflow, nextStep) : null,
      nextStepNeedsReviewer: nextStep !== null && isReviewerStep(nextStep),
      canStartElimination: status === 'monitoring' && workflow === null && elimination !== null && elimination.allMet,
      noticeDays,
      noticeEndDate: noticeEnd,
      unresolvedObjections: unresolved,
      reopenBlockedReason,
    },
    suggestion,
    timeline: indexed.map((x) => x.e),
  };
}

function asRecorded(s: StepWithUser) {
  return { ...s, outcome: s.outcome as StepOutcome, date: s.step_date };
}

export async function get(ctx: HandlerContext, id: string): Promise<CaseDetail> {
  return detail(ctx.db, id, ctx.today());
}

// ---------------------------------------------------------------------------------------------
// Lists

export async function list(ctx: HandlerContext, input: In<'monitoring.list'>): Promise<OutputOf<'monitoring.list'>> {
  // The 走访超期 filter and column read the stored schedule; fill it in once after an upgrade.
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const { total, rows } = await repo.listCases(ctx.db, {
    today,
    villageId: input.villageId,
    category: input.category,
    riskType: input.riskType,
    status: input.status,
    overdue: input.overdue,
    objectionOpen: input.objectionOpen,
    helperName: input.helperName && input.helperName !== '' ? input.helperName : undefined,
    search: input.search.trim(),
    sort: input.sort,
    offset: input.offset,
    limit: input.limit,
  });
  const order = new Map(riskTypes.map((r, i) => [r, i]));
  return {
    total,
    rows: rows.map(
      (r): CaseRow => ({
        id: r.id,
        caseCode: r.case_code,
        householdId: r.household_id,
        householdCode: r.household_code,
        villageId: r.village_id,
        villageName: r.village_name,
        groupName: r.group_name,
        headName: r.head_name,
        memberCount: r.member_count,
        category: r.category as MonitoringCategory | null,
        status: r.status as CaseStatus,
        risks: (r.risks ? (r.risks.split(',') as RiskType[]) : []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
        helperName: r.helper_name,
        clueDate: r.clue_date,
        includedDate: r.included_date,
        eliminatedDate: r.eliminated_date,
        activeWorkflow: r.active_workflow as Workflow | null,
        nextStep: r.next_step as StepKind | null,
        dueKind: r.due_kind as CaseRow['dueKind'],
        dueDate: r.due_date,
        daysLeft: r.due_date ? daysLeft(today, r.due_date) : null,
        nextVisitDue: r.next_visit_due,
        visitOverdue: r.next_visit_due !== null && r.next_visit_due < today,
      }),
    ),
  };
}

export async function forHousehold(ctx: HandlerContext, householdId: string): Promise<OutputOf<'monitoring.forHousehold'>> {
  const h = await requireHousehold(ctx.db, householdId);
  const cases = await repo.casesOfHousehold(ctx.db, householdId);
  const risks = await Promise.all(cases.map((c) => repo.risksOf(ctx.db, c.id)));
  const open = cases.find((c) => c.status === 'identifying' || c.status === 'monitoring');
  let openBlockedReason: string | null = null;
  if (h.status !== 'active') openBlockedReason = '该户已注销，不能新建监测案件；如需办理，请先恢复该户';
  else if (open) openBlockedReason = openCaseMessage(open, h.head_name);
  return {
    cases: cases.map((c, i) => ({
      id: c.id,
      caseCode: c.case_code,
      status: c.status as CaseStatus,
      category: c.category as MonitoringCategory | null,
      risks: (risks[i] ?? []).filter((r) => r.deleted_at === null).map((r) => r.risk_type as RiskType),
      clueDate: c.clue_date,
      includedDate: c.included_date,
      eliminatedDate: c.eliminated_date,
      rejectedDate: c.rejected_date,
      activeWorkflow: c.active_workflow as Workflow | null,
      nextStep: c.next_step as StepKind | null,
      round: c.round,
    })),
    openCaseId: open?.id ?? null,
    suggestion: await categorySuggestion(ctx.db, h),
    openBlockedReason,
  };
}

// ---------------------------------------------------------------------------------------------
// Opening a case

function checkNotFuture(date: string, today: string, what: string, field: string): void {
  if (date > today) {
    const msg = `${what} ${date} 晚于今天（${today}），请填写实际日期`;
    throw new AppError('INVALID_INPUT', msg, { [field]: msg });
  }
}

function guaranteesView(g: Guarantees): Record<string, string> {
  return Object.fromEntries(
    guaranteeKeys.map((k) => [k, `${guaranteeStatusLabels[g[k].status]}${g[k].note ? `（${g[k].note}）` : ''}`]),
  );
}

export async function open(ctx: HandlerContext, input: In<'monitoring.open'>): Promise<CaseDetail> {
  const today = ctx.today();
  checkNotFuture(input.clueDate, today, '线索发现日期', 'clueDate');
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.householdId);
    if (h.status !== 'active') throw new AppError('RULE', `户 ${h.household_code} 已注销，不能新建监测案件；如需办理，请先恢复该户`);
    const existing = await repo.findOpenCase(tx, h.id);
    if (existing) throw new AppError('CONFLICT', openCaseMessage(existing, h.head_name));

    const t = await thresholdsOn(tx, input.clueDate);
    const suggestion = await categorySuggestion(tx, h);
    const meta = await newRowMeta(ctx);
    const caseCode = await nextCaseCode(tx, input.clueDate);
    const guarantees = input.guarantees as Guarantees;
    const helperName = input.helperName === undefined ? h.helper_name : input.helperName;
    const helperPhone = input.helperPhone === undefined ? (input.helperName === undefined ? h.helper_phone : null) : input.helperPhone;
    await repo.insertCase(tx, {
      ...meta,
      case_code: caseCode,
      household_id: h.id,
      status: 'identifying',
      category: null,
      suggested_category: suggestion.category,
      category_confirmed_by: null,
      helper_name: helperName,
      helper_phone: helperPhone,
      clue_source: input.clueSource,
      clue_date: input.clueDate,
      clue_note: input.clueNote,
      deadline_date: identificationDeadline(input.clueDate, t),
      included_date: null,
      plan_due_date: null,
      eliminated_date: null,
      elimination_method: null,
      rejected_date: null,
      reject_reason: null,
      guarantees: JSON.stringify(guarantees),
      active_workflow: 'identification',
      next_step: 'apply',
      round: 1,
    });
    for (const r of input.risks) {
      await repo.insertRisk(tx, { ...(await newRowMeta(ctx)), case_id: meta.id, risk_type: r, note: null });
    }
    await audit.record({
      entity: ENTITY,
      entityId: meta.id,
      summary: `新建监测案件 ${caseCode}（户 ${h.household_code}，户主 ${h.head_name}）：${clueSourceLabels[input.clueSource]}，${input.clueDate}，风险 ${input.risks.map((r) => riskTypeLabels[r]).join('、')}`,
      before: null,
      after: {
        caseCode,
        householdId: h.id,
        status: 'identifying',
        clueSource: input.clueSource,
        clueDate: input.clueDate,
        clueNote: input.clueNote,
        risks: input.risks,
        helperName,
        helperPhone,
        guarantees: guaranteesView(guarantees),
        suggestedCategory: suggestion.category,
        deadlineDate: identificationDeadline(input.clueDate, t),
      },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return detail(tx, meta.id, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Editing a case

function requireOpenCase(c: CaseRecord, what: string): void {
  if (c.status === 'identifying' || c.status === 'monitoring') return;
  const hint = c.status === 'eliminated' ? '如风险再次出现，请先回退' : '如需重新识别，请新建案件';
  throw new AppError('RULE', `案件 ${c.case_code} ${caseStatusLabels[c.status as CaseStatus]}，不能${what}。${hint}`);
}

/** The edited case fields (audit `after` keys) as a stale-save refusal names them. */
function caseEditsOf(after: Record<string, unknown>): DifferingField[] {
  const out: DifferingField[] = [];
  for (const key of Object.keys(after)) {
    const field = key.startsWith('guarantees.') ? 'guarantees' : key;
    if (field in caseEditFieldLabels) {
      const label = key.startsWith('guarantees.') ? guaranteeLabels[key.slice('guarantees.'.length) as keyof Guarantees] : caseEditFieldLabels[field as keyof typeof caseEditFieldLabels];
      out.push({ path: field === 'risks' ? 'addRisks' : key, label });
    }
  }
  return out;
}

export async function update(ctx: HandlerContext, input: In<'monitoring.update'>): Promise<CaseDetail> {
  const today = ctx.today();
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    requireOpenCase(c, '修改');
    const h = await requireHousehold(tx, c.household_id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const notes: string[] = [];
    const values: Record<string, string | null> = {};

    if (input.category !== undefined && (input.category !== c.category || c.category_confirmed_by === null)) {
      const suggestion = await categorySuggestion(tx, h);
      before.category = c.category;
      before.categoryConfirmedBy = c.category_confirmed_by;
      after.category = input.category;
      after.categoryConfirmedBy = user.displayName;
      values.category = input.category;
      values.category_confirmed_by = user.displayName;
      values.suggested_category = suggestion.category;
      if (suggestion.category !== c.suggested_category) {
        before.suggestedCategory = c.suggested_category;
        after.suggestedCategory = suggestion.category;
      }
      const differs = suggestion.category && suggestion.category !== input.category ? `（与建议的${monitoringCategoryLabels[suggestion.category]}不同）` : '';
      notes.push(`确认类别为${monitoringCategoryLabels[input.category]}${differs}`);
    }

    const risks = await repo.risksOf(tx, c.id);
    const openRisks = risks.filter((r) => r.deleted_at === null);
    const openTypes = new Set(openRisks.map((r) => r.risk_type));
    const added: RiskType[] = [];
    for (const [i, r] of input.addRisks.entries()) {
      if (openTypes.has(r.riskType)) {
        const msg = `该案件已有风险类型"${riskTypeLabels[r.riskType]}"，无需重复添加`;
        throw new AppError('RULE', msg, { [`addRisks.${i}.riskType`]: msg });
      }
      openTypes.add(r.riskType);
      added.push(r.riskType);
      await repo.insertRisk(tx, { ...(await newRowMeta(ctx)), case_id: c.id, risk_type: r.riskType, note: r.note });
    }
    const removed: RiskType[] = [];
    for (const [i, r] of input.removeRisks.entries()) {
      const row = openRisks.find((x) => x.risk_type === r.riskType);
      if (!row || !openTypes.has(r.riskType)) {
        const msg = `该案件没有未移除的风险类型"${riskTypeLabels[r.riskType]}"`;
        throw new AppError('RULE', msg, { [`removeRisks.${i}.riskType`]: msg });
      }
      openTypes.delete(r.riskType);
      removed.push(r.riskType);
      await repo.removeRisk(tx, row.id, { deleted_at: ctx.nowIso(), delete_reason: r.reason, ...touched(ctx) });
    }
    if (openTypes.size === 0) {
      const msg = '监测案件至少要保留一种风险类型；风险已全部解除的，请走风险消除流程';
      throw new AppError('RULE', msg, { removeRisks: msg });
    }
    if (added.length > 0 || removed.length > 0) {
      before.risks = openRisks.map((r) => r.risk_type);
      after.risks = [...openTypes];
      if (added.length > 0) notes.push(`新增风险 ${added.map((r) => riskTypeLabels[r]).join('、')}`);
      if (removed.length > 0) {
        notes.push(`移除风险 ${input.removeRisks.map((r) => `${riskTypeLabels[r.riskType]}（${r.reason}）`).join('、')}`);
      }
    }

    if (input.guarantees) {
      const current = parseGuarantees(c.guarantees);
      const next: Guarantees = { ...current };
      const changed: string[] = [];
      for (const k of guaranteeKeys) {
        const g = input.guarantees[k];
        if (!g) continue;
        if (g.status !== current[k].status || (g.note ?? null) !== current[k].note) {
          next[k] = { status: g.status as GuaranteeStatus, note: g.note ?? null };
          changed.push(k);
        }
      }
      if (changed.length > 0) {
        values.guarantees = JSON.stringify(next);
        const b = guaranteesView(current);
        const a = guaranteesView(next);
        for (const k of changed) {
          before[`guarantees.${k}`] = b[k];
          after[`guarantees.${k}`] = a[k];
        }
        notes.push(`保障情况：${changed.map((k) => `${guaranteeLabels[k as keyof Guarantees]}${guaranteeStatusLabels[next[k as keyof Guarantees].status]}`).join('、')}`);
      }
    }

    if (input.helperName !== undefined && input.helperName !== c.helper_name) {
      before.helperName = c.helper_name;
      after.helperName = input.helperName;
      values.helper_name = input.helperName;
      notes.push(`帮扶联系人 ${c.helper_name ?? '（空）'} → ${input.helperName ?? '（空）'}`);
    }
    if (input.helperPhone !== undefined && input.helperPhone !== c.helper_phone) {
      before.helperPhone = c.helper_phone;
      after.helperPhone = input.helperPhone;
      values.helper_phone = input.helperPhone;
      notes.push('帮扶联系人电话');
    }

    if (notes.length === 0) return detail(tx, c.id, today);
    // Checked once the edit is known to change something; a refusal rolls back the risk rows too.
    await refuseStaleSave(tx, c, input.version, ctx.clock.now(), caseEditsOf(after));
    await repo.updateCase(tx, c.id, { ...values, ...touched(ctx) });
    await audit.record({ entity: ENTITY, entityId: c.id, summary: `修改${caseName(c, h)}：${notes.join('；')}`, before, after });
    return detail(tx, c.id, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Workflow steps

export async function recordStep(ctx: HandlerContext, input: In<'monitoring.recordStep'>): Promise<CaseDetail> {
  const today = ctx.today();
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    requireOpenCase(c, '办理流程步骤');
    const h = await requireHousehold(tx, c.household_id);
    const steps = await repo.stepsOf(tx, c.id);

    let workflow = c.active_workflow as Workflow | null;
    if (workflow === null) {
      if (c.status === 'monitoring' && input.step === 'nominate') workflow = 'elimination';
      else {
        const msg = '当前没有进行中的流程。风险消除须从"村提名"开始，且须先满足全部消除条件';
        throw new AppError('RULE', msg, { step: msg });
      }
    }
    const run = currentRun(steps.map(asRecorded), workflow, c.round);
    const done = run.map((s) => s.step);
    refuse(checkStepOrder(workflow, done, input.step));
    const step = input.step;
    const label = stepLabel(workflow, step);

    if (isReviewerStep(step) && user.role === 'clerk') throw new AppError('FORBIDDEN', reviewerOnlyMessage(workflow, step));
    refuse(rejectionNeedsReason(input.outcome, input.note), 'INVALID_INPUT');

    const last = run.at(-1);
    const previous = last
      ? { date: last.step_date, label: stepLabel(workflow, last.step as StepKind) }
      : workflow === 'identification'
        ? { date: c.clue_date, label: '发现线索' }
        : (() => {
            const since = monitoringSince(c, steps);
            return since ? { date: since, label: '纳入监测' } : null;
          })();
    refuse(checkStepDate(input.date, previous, today), 'INVALID_INPUT');

    // Objections raised against this run's notice must be settled before anything follows it.
    const runIds = new Set(run.map((s) => s.id));
    const unresolved = (await repo.objectionsOf(tx, c.id)).filter((o) => runIds.has(o.step_id) && o.resolution === null);
    if (unresolved.length > 0) {
      throw new AppError(
        'RULE',
        `公示期间收到的 ${unresolved.length} 条异议尚未核实处理（最早一条 ${unresolved[0]!.received_date} 收到）。请先登记核实处理结果，再办理"${label}"`,
      );
    }

    const details: Record<string, unknown> = {};
    if (step === 'homeCheck') {
      refuse(
        checkHomeCheck({
          workflow,
          people: input.people,
          outcome: input.outcome,
          negativeList: input.details.negativeList,
          specialDecision: input.details.specialDecision,
        }),
      );
      if (workflow === 'identification') {
        details.negativeList = input.details.negativeList;
        if (input.details.specialDecision) {
          refuse(checkStepDate(input.details.specialDecision.date, null, today), 'INVALID_INPUT');
          details.specialDecision = input.details.specialDecision;
        }
      }
    }
    if (step === 'notice') {
      const notice = input.details.notice;
      const t = await thresholdsOn(tx, notice?.startDate ?? input.date);
      refuse(checkNotice(notice, t.noticeDays, input.date, today));
      details.notice = notice;
    }
    if (step === 'townshipReview' || step === 'countyDecision') {
      const noticeStep = run.find((s) => s.step === 'notice');
      const noticeEnd = noticeStep ? (parseJson<{ notice?: { endDate: string } }>(noticeStep.details, {}).notice?.endDate ?? null) : null;
      refuse(checkAfterNotice(workflow, step, input.date, noticeEnd));
    }

    const passed = input.outcome === 'passed';
    if (passed && step === 'nominate') {
      const check = await eliminationCheck(tx, c, h, steps, input.date);
      if (!check.allMet) throw new AppError('RULE', `尚不满足风险消除条件，不能提名：${unmetSummary(check)}`);
    }
    const completes = passed && expectedNextStep(workflow, [...done, step]) === null;
    if (completes && workflow === 'identification' && c.category === null) {
      const hint = c.suggested_category ? `（程序建议：${monitoringCategoryLabels[c.suggested_category as MonitoringCategory]}）` : '';
      throw new AppError('RULE', `纳入监测前须确认监测对象类别${hint}。请先在案件中确认类别，再登记县级审定`);
    }
    if (completes && workflow === 'elimination') {
      if (!input.details.eliminationMethod) {
        const msg = '请选择风险消除方式（帮扶消除或自然消除）';
        throw new AppError('INVALID_INPUT', msg, { 'details.eliminationMethod': msg });
      }
      details.eliminationMethod = input.details.eliminationMethod;
      const check = await eliminationCheck(tx, c, h, steps, input.date);
      if (!check.allMet) throw new AppError('RULE', `风险消除条件已不再全部满足，不能审定消除：${unmetSummary(check)}`);
    }

    const stepMeta = await newRowMeta(ctx);
    await repo.insertStep(tx, {
      ...stepMeta,
      case_id: c.id,
      workflow,
      round: c.round,
      step,
      step_date: input.date,
      people: JSON.stringify(input.people),
      outcome: input.outcome,
      note: input.note,
      details: JSON.stringify(details),
    });

    // The case's new state
    const state: Record<string, string | number | null> = {};
    let statusNote = '';
    if (!passed) {
      state.active_workflow = null;
      state.next_step = null;
      if (workflow === 'identification') {
        state.status = 'rejected';
        state.rejected_date = input.date;
        state.reject_reason = `${label}不通过：${input.note ?? ''}`;
        statusNote = '，案件未纳入（驳回）';
      } else {
        statusNote = '，风险消除流程终止，继续监测';
      }
    } else if (completes) {
      state.active_workflow = null;
      state.next_step = null;
      if (workflow === 'identification') {
        const t = await thresholdsOn(tx, input.date);
        state.status = 'monitoring';
        state.included_date = input.date;
        state.plan_due_date = planDueDate(input.date, t);
        statusNote = `，纳入监测，帮扶计划须于 ${planDueDate(input.date, t)} 前制定`;
      } else {
        state.status = 'eliminated';
        state.eliminated_date = input.date;
        state.elimination_method = input.details.eliminationMethod ?? null;
        statusNote = `，标注风险消除（${eliminationMethodLabels[input.details.eliminationMethod!]}）`;
      }
    } else {
      state.active_workflow = workflow;
      state.next_step = expectedNextStep(workflow, [...done, step]);
    }
    const beforeState = {
      status: c.status,
      activeWorkflow: c.active_workflow,
      nextStep: c.next_step,
      includedDate: c.included_date,
      planDueDate: c.plan_due_date,
      eliminatedDate: c.eliminated_date,
      eliminationMethod: c.elimination_method,
      rejectedDate: c.rejected_date,
      rejectReason: c.reject_reason,
    };
    const afterState = {
      ...beforeState,
      ...(state.status !== undefined ? { status: state.status } : {}),
      activeWorkflow: state.active_workflow ?? null,
      nextStep: state.next_step ?? null,
      ...(state.included_date !== undefined ? { includedDate: state.included_date, planDueDate: state.plan_due_date } : {}),
      ...(state.eliminated_date !== undefined ? { eliminatedDate: state.eliminated_date, eliminationMethod: state.elimination_method } : {}),
      ...(state.rejected_date !== undefined ? { rejectedDate: state.rejected_date, rejectReason: state.reject_reason } : {}),
    };
    await repo.updateCase(tx, c.id, { ...state, ...touched(ctx) });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} ${workflowLabels[workflow]}·${label} ${stepOutcomeLabels[input.outcome]}（${input.date}，${input.people.join('、')}）${statusNote}`,
      before: { ...beforeState, step: null },
      after: {
        ...afterState,
        step: { id: stepMeta.id, workflow, step, date: input.date, people: input.people, outcome: input.outcome, note: input.note, details },
      },
    });

    if (passed && completes && workflow === 'identification' && h.kind === 'ordinary') {
      await tx.updateTable('households').set({ kind: 'monitored', ...touched(ctx) }).where('id', '=', h.id).execute();
      await audit.record({
        entity: 'household',
        entityId: h.id,
        summary: `户 ${h.household_code}（户主 ${h.head_name}）纳入监测，户类型由${householdKindLabels.ordinary}改为${householdKindLabels.monitored}（案件 ${c.case_code}）`,
        before: { kind: 'ordinary' },
        after: { kind: 'monitored' },
      });
    }
    if (state.status !== undefined) await refreshVisitSchedule(tx, ctx, h.id);
    return detail(tx, c.id, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Notice objections

export async function addObjection(ctx: HandlerContext, input: In<'monitoring.addObjection'>): Promise<CaseDetail> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    requireOpenCase(c, '登记异议');
    const h = await requireHousehold(tx, c.household_id);
    const workflow = c.active_workflow as Workflow | null;
    const steps = await repo.stepsOf(tx, c.id);
    const run = workflow ? currentRun(steps.map(asRecorded), workflow, c.round) : [];
    const notice = run.find((s) => s.step === 'notice');
    if (!workflow || !notice) throw new AppError('RULE', '该案件当前没有公示，不能登记公示异议。请在"村内公示"登记后再登记异议');
    const period = parseJson<{ notice?: { startDate: string; endDate: string } }>(notice.details, {}).notice;
    const start = period?.startDate ?? notice.step_date;
    if (input.receivedDate < start) {
      const msg = `异议收到日期 ${input.receivedDate} 早于公示开始日期 ${start}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { receivedDate: msg });
    }
    checkNotFuture(input.receivedDate, today, '异议收到日期', 'receivedDate');
    const meta = await newRowMeta(ctx);
    await repo.insertObjection(tx, {
      ...meta,
      case_id: c.id,
      step_id: notice.id,
      received_date: input.receivedDate,
      objector: input.objector,
      content: input.content,
      resolution: null,
      resolved_date: null,
    });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} ${workflowLabels[workflow]}公示收到异议（${input.receivedDate}${input.objector ? `，${input.objector}` : ''}）：${input.content}`,
      before: null,
      after: { objectionId: meta.id, receivedDate: input.receivedDate, objector: input.objector, content: input.content },
    });
    return detail(tx, c.id, today);
  });
}

export async function resolveObjection(ctx: HandlerContext, input: In<'monitoring.resolveObjection'>): Promise<CaseDetail> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const o = await repo.findObjection(tx, input.id);
    if (!o) throw new AppError('NOT_FOUND', '找不到该异议记录，请刷新后重试');
    const c = await requireCase(tx, o.case_id);
    const h = await requireHousehold(tx, c.household_id);
    if (o.resolution !== null) throw new AppError('RULE', `该异议已于 ${o.resolved_date ?? ''} 核实处理，不能重复处理`);
    if (input.resolvedDate < o.received_date) {
      const msg = `处理日期 ${input.resolvedDate} 早于异议收到日期 ${o.received_date}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { resolvedDate: msg });
    }
    checkNotFuture(input.resolvedDate, today, '处理日期', 'resolvedDate');
    await repo.updateObjection(tx, o.id, { resolution: input.resolution, resolved_date: input.resolvedDate, ...touched(ctx) });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} 公示异议核实处理（${input.resolvedDate}）：${input.resolution}`,
      before: { objectionId: o.id, resolution: null, resolvedDate: null },
      after: { objectionId: o.id, resolution: input.resolution, resolvedDate: input.resolvedDate },
    });
    return detail(tx, c.id, today);
  });
}

// ---------------------------------------------------------------------------------------------
// 回退

export async function reopen(ctx: HandlerContext, input: In<'monitoring.reopen'>): Promise<CaseDetail> {
  const today = ctx.today();
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    const h = await requireHousehold(tx, c.household_id);
    if (c.status !== 'eliminated') {
      throw new AppError('RULE', `案件 ${c.case_code} ${caseStatusLabels[c.status as CaseStatus]}，只有风险已消除的案件可以回退`);
    }
    const other = await repo.findOpenCase(tx, c.household_id, c.id);
    if (other) throw new AppError('CONFLICT', openCaseMessage(other, h.head_name));
    if (c.eliminated_date && input.date < c.eliminated_date) {
      const msg = `回退日期 ${input.date} 早于风险消除日期 ${c.eliminated_date}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { date: msg });
    }
    checkNotFuture(input.date, today, '回退日期', 'date');
    const round = c.round + 1;
    await repo.insertStep(tx, {
      ...(await newRowMeta(ctx)),
      case_id: c.id,
      workflow: 'reopen',
      round,
      step: 'reopen',
      step_date: input.date,
      people: JSON.stringify([user.displayName]),
      outcome: 'passed',
      note: input.reason,
      details: JSON.stringify({ reason: input.reason, eliminatedDate: c.eliminated_date, eliminationMethod: c.elimination_method }),
    });
    await repo.updateCase(tx, c.id, {
      status: 'monitoring',
      round,
      eliminated_date: null,
      elimination_method: null,
      active_workflow: null,
      next_step: null,
      ...touched(ctx),
    });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} 回退：风险返回，重新监测（${input.date}，${input.reason}）`,
      before: { status: 'eliminated', round: c.round, eliminatedDate: c.eliminated_date, eliminationMethod: c.elimination_method },
      after: { status: 'monitoring', round, eliminatedDate: null, eliminationMethod: null, reopenDate: input.date, reason: input.reason },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return detail(tx, c.id, today);
  });
}
