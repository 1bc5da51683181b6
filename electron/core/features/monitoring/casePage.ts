import type { Kysely, Transaction } from 'kysely';
import type { CaseDetail, TimelineEvent } from '../../../../shared/contract/monitoring';
import { riskCoverage } from '../../../../shared/domain/coverage';
import type { HouseholdKind, HouseholdStatus } from '../../../../shared/domain/household';
import {
  clueSourceLabels,
  eliminationMethodLabels,
  measureStatusLabels,
  riskTypeLabels,
  stepOutcomeLabels,
  visitKindLabels,
  workflowLabels,
  type CaseStatus,
  type ClueSource,
  type EliminationMethod,
  type RiskType,
  type StepKind,
  type VisitCycle,
  type VisitKind,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { daysLeft, thresholdsInForce } from '../../../../shared/domain/thresholds';
import { currentRun, isReviewerStep, stepLabel } from '../../../../shared/domain/workflow';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { thresholdsOn } from '../../derived/thresholds';
import * as repo from './repository';
import type { CaseRows } from './caseBatch';
import { categorySuggestion, eliminationCheck, openCaseMessage, requireCase, requireHousehold, toCoverageMeasures } from './lookups';
import { asRecorded, dayOf, toCase, toStep } from './shapes';
import { stepDetailsColumn, visitVisitors } from '../../db/jsonColumns';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;

// The case page

/** The case page; `pre`, the case's rows read by a batch (caseBatch.ts), saves querying them again. */
export async function detail(db: Db, id: string, today: string, pre?: CaseRows): Promise<CaseDetail> {
  const c = pre ? pre.c : await requireCase(db, id);
  const h = pre ? pre.h : await requireHousehold(db, c.household_id);
  const [riskRows, steps, objections, measures, visits, suggestion] = pre
    ? [pre.risks, pre.steps, pre.objections, pre.measures, pre.visits, await categorySuggestion(db, h, pre)]
    : await Promise.all([
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
  const elimination = status === 'monitoring' ? await eliminationCheck(db, c, h, steps, today, pre) : null;

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
  const noticeEnd = notice ? (stepDetailsColumn.decode(notice.details).notice?.endDate ?? null) : null;
  const runIds = new Set(run.map((s) => s.id));
  const unresolved = objections.filter((o) => runIds.has(o.step_id) && o.resolution === null).length;
  const nextStep = c.next_step as StepKind | null;
  let reopenBlockedReason: string | null = null;
  if (status !== 'eliminated') reopenBlockedReason = '只有风险已消除的案件可以回退';
  else {
    const other = await repo.findOpenCase(db, c.household_id, c.id);
    if (other) reopenBlockedReason = openCaseMessage(other, h.head_name);
  }
  const noticeDays = (pre ? thresholdsInForce(pre.thresholds, today) : await thresholdsOn(db, today)).noticeDays;

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
      people: visitVisitors.decode(v.visitors),
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

export async function get(ctx: HandlerContext, id: string): Promise<CaseDetail> {
  return detail(ctx.db, id, ctx.today());
}
