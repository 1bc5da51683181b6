import { addDays } from '../lib/dates';
import { noticeEndDate, noticeLength } from './thresholds';
import { participantName } from './participants';
import {
  negativeListItems,
  negativeListLabels,
  reviewerSteps,
  stepLabels,
  stepsOf,
  type NegativeListItem,
  type StepKind,
  type StepOutcome,
  type Workflow,
} from './monitoring';

// The identification (DOMAIN §7) and elimination (§8) workflows as pure rules: steps strictly in
// order, dates that only move forward, two investigators and the negative list at the home check,
// a notice no shorter than the setting, decisions only after the notice ended. The core applies
// them in the transaction that records the step; each check returns the refusal or null.

export interface StepProblem {
  message: string;
  /** Input field the message belongs beside (for forms). */
  field?: string;
}

export function stepLabel(workflow: Workflow, step: StepKind): string {
  return stepLabels[workflow][step] ?? step;
}

export interface RecordedStep {
  workflow: string;
  round: number;
  step: string;
  outcome: StepOutcome;
  date: string;
}

/**
 * The steps of the workflow's current run: those of this workflow and round recorded after its
 * last 不通过 (a rejection ends a run; a new elimination run starts from 村提名 again).
 * `steps` are in the order they were recorded.
 */
export function currentRun<T extends RecordedStep>(steps: readonly T[], workflow: Workflow, round: number): T[] {
  const mine = steps.filter((s) => s.workflow === workflow && s.round === round);
  let start = 0;
  mine.forEach((s, i) => {
    if (s.outcome === 'rejected') start = i + 1;
  });
  return mine.slice(start);
}

/** The step due after `done` (passed steps of the current run), or null when the run is complete. */
export function expectedNextStep(workflow: Workflow, done: readonly string[]): StepKind | null {
  return stepsOf(workflow)[done.length] ?? null;
}

export function checkStepOrder(workflow: Workflow, done: readonly string[], step: StepKind): StepProblem | null {
  const expected = expectedNextStep(workflow, done);
  if (expected === null) {
    return { message: `${workflowName(workflow)}流程的各步骤已全部办理，不能再办理「${stepLabel(workflow, step)}」`, field: 'step' };
  }
  if (step !== expected) {
    const known = stepsOf(workflow).includes(step);
    return {
      message: known
        ? `步骤须按顺序办理：下一步应为「${stepLabel(workflow, expected)}」，不能直接办理「${stepLabel(workflow, step)}」`
        : `「${stepLabels.identification[step] ?? stepLabels.elimination[step] ?? step}」不属于${workflowName(workflow)}流程；下一步应为「${stepLabel(workflow, expected)}」`,
      field: 'step',
    };
  }
  return null;
}

function workflowName(workflow: Workflow): string {
  return workflow === 'identification' ? '识别纳入' : '风险消除';
}

/** Dates move forward: not before the previous step, not after today. */
export function checkStepDate(date: string, previous: { date: string; label: string } | null, today: string): StepProblem | null {
  if (date > today) return { message: `办理日期 ${date} 晚于今天（${today}），请填写实际办理的日期`, field: 'date' };
  if (previous && date < previous.date) {
    return { message: `办理日期 ${date} 早于上一步「${previous.label}」的日期 ${previous.date}，请核对`, field: 'date' };
  }
  return null;
}

export function isReviewerStep(step: StepKind): boolean {
  return reviewerSteps.includes(step);
}

/** The roles that sign a reviewer step (谁签字、谁负责). */
const reviewerRoles: readonly string[] = ['admin', 'reviewer'];

/**
 * Why this role cannot record that step — shown on hover over the disabled button, so a clerk
 * is not offered a button that always fails (issue 15 #18); null when the role may.
 */
export function stepBlockedForRole(step: StepKind, role: string): string | null {
  return isReviewerStep(step) && !reviewerRoles.includes(role) ? '需要审核人或管理员' : null;
}

export function reviewerOnlyMessage(workflow: Workflow, step: StepKind): string {
  return `「${stepLabel(workflow, step)}」须由审核人或管理员签署办理（谁签字、谁负责），录入员不能办理。请由审核人登录后办理`;
}

export function negativeListHits(answers: Readonly<Partial<Record<NegativeListItem, boolean>>>): NegativeListItem[] {
  return negativeListItems.filter((k) => answers[k] === true);
}

export interface HomeCheckInput {
  workflow: Workflow;
  people: readonly string[];
  outcome: StepOutcome;
  negativeList?: Readonly<Partial<Record<NegativeListItem, boolean>>> | undefined;
  specialDecision?: { date: string; note: string } | null | undefined;
}

/**
 * 入户核实: at least two investigators; in identification the negative list answered item by
 * item, and a hit lets the step pass only with the village assembly's special decision.
 */
export function checkHomeCheck(input: HomeCheckInput): StepProblem | null {
  // Counted by name: one person listed under two posts is still one investigator.
  const names = new Set(input.people.map(participantName).filter((p) => p !== ''));
  if (names.size < 2) {
    return { message: `入户核实须至少两名核查人员，当前只填写了 ${names.size} 人。请填写全部核查人员姓名`, field: 'people' };
  }
  if (input.workflow !== 'identification') return null;
  const answers = input.negativeList;
  if (!answers) return { message: '入户核实须逐项核查负面清单（不予认定情形），请逐项选择是否存在', field: 'details.negativeList' };
  const missing = negativeListItems.find((k) => typeof answers[k] !== 'boolean');
  if (missing) {
    return { message: `负面清单尚未逐项核查：${negativeListLabels[missing]}`, field: `details.negativeList.${missing}` };
  }
  const hits = negativeListHits(answers);
  if (hits.length > 0 && input.outcome === 'passed' && !input.specialDecision) {
    return {
      message: `负面清单中有 ${hits.length} 项情形：${hits.map((k) => negativeListLabels[k]).join('；')}。存在不予认定情形时不能核实通过，除非记录村民代表大会的特别决定（日期和内容）`,
      field: 'details.specialDecision',
    };
  }
  return null;
}

export interface NoticeInput {
  startDate: string;
  endDate: string;
  place: string;
}

/** The notice runs at least `noticeDays` calendar days (start day included) and starts no earlier than the step. */
export function checkNotice(notice: NoticeInput | undefined, noticeDays: number, stepDate: string, today: string): StepProblem | null {
  if (!notice) return { message: '请填写公示的开始日期、结束日期和公示地点', field: 'details.notice' };
  if (notice.startDate < stepDate) {
    return { message: `公示开始日期 ${notice.startDate} 早于本步骤的办理日期 ${stepDate}，请核对`, field: 'details.notice.startDate' };
  }
  if (notice.startDate > today) {
    return { message: `公示开始日期 ${notice.startDate} 晚于今天（${today}）；公示张贴后再登记`, field: 'details.notice.startDate' };
  }
  if (notice.endDate < notice.startDate) {
    return { message: '公示结束日期不能早于开始日期', field: 'details.notice.endDate' };
  }
  const days = noticeLength(notice.startDate, notice.endDate);
  if (days < noticeDays) {
    const earliest = noticeEndDate(notice.startDate, noticeDays);
    return {
      message: `公示期不少于 ${noticeDays} 天（含开始当天），当前只有 ${days} 天。自 ${notice.startDate} 起公示，结束日期最早为 ${earliest}`,
      field: 'details.notice.endDate',
    };
  }
  return null;
}

/** 乡镇审核 / 县级审定 come after the notice has ended: a decision dated on or before its end is refused. */
export function checkAfterNotice(workflow: Workflow, step: StepKind, date: string, noticeEnd: string | null): StepProblem | null {
  if (noticeEnd === null || date > noticeEnd) return null;
  return {
    message: `公示期至 ${noticeEnd} 结束，「${stepLabel(workflow, step)}」须在公示期满后办理（最早 ${addDays(noticeEnd, 1)}）`,
    field: 'date',
  };
}

export function rejectionNeedsReason(outcome: StepOutcome, note: string | null): StepProblem | null {
  if (outcome === 'rejected' && (note === null || note.trim() === '')) {
    return { message: '结果为"不通过"时，请在说明中写明原因', field: 'note' };
  }
  return null;
}
