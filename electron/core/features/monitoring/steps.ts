import type { ChannelName, ParsedInputOf } from '../../../../shared/contract';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { unmetSummary } from '../../../../shared/domain/elimination';
import { householdKindLabels } from '../../../../shared/domain/household';
import {
  eliminationMethodLabels,
  monitoringCategoryLabels,
  stepOutcomeLabels,
  workflowLabels,
  type MonitoringCategory,
  type StepKind,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { planDueDate } from '../../../../shared/domain/thresholds';
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
} from '../../../../shared/domain/workflow';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { thresholdsOn } from '../../derived/thresholds';
import { refreshVisitSchedule } from '../../derived/visitSchedule';
import * as repo from './repository';
import { detail } from './casePage';
import { caseName, eliminationCheck, monitoringSince, refuse, requireCase, requireHousehold, requireOpenCase } from './lookups';
import { asRecorded } from './shapes';
import { stepDetailsColumn, stepPeople, type StoredStepDetails } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
const ENTITY = 'monitoringCase';

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

    const details: StoredStepDetails = {};
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
      const noticeEnd = noticeStep ? (stepDetailsColumn.decode(noticeStep.details).notice?.endDate ?? null) : null;
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
      people: stepPeople.encode(input.people),
      outcome: input.outcome,
      note: input.note,
      details: stepDetailsColumn.encode(details),
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
