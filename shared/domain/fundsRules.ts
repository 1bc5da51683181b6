import { addDays, daysBetween } from '../lib/dates';
import { yuan, isNoticeStep, projectStepLabels, projectSteps, type Milestone, type FundSettings, type ProjectStatus, type ProjectStepKind, type StepOutcome } from './funds';

// The rules of the project library and of the money entries, pure so they are tested at their
// boundaries; the core applies them inside the transaction that writes the row. Each check
// returns the Chinese refusal (saying what to do) or null.

export interface RecordedProjectStep {
  step: ProjectStepKind;
  outcome: StepOutcome;
  date: string;
  noticeEnd: string | null;
}

export interface ProjectPosition {
  status: ProjectStatus;
  /** The main-line step due next, or null when none is (finished, exited, rejected). */
  next: ProjectStepKind | null;
  /** Every step that may be recorded now (the next main step and the side exits open at this point). */
  allowed: ProjectStepKind[];
}

const indexOf = (s: ProjectStepKind): number => (projectSteps as readonly string[]).indexOf(s);

/** Where a project stands after its steps (in the order recorded). */
export function projectPosition(steps: readonly RecordedProjectStep[]): ProjectPosition {
  let position = 0;
  let status: ProjectStatus = 'draft';
  for (const s of steps) {
    if (s.outcome === 'rejected') return { status: 'rejected', next: null, allowed: [] };
    if (s.step === 'exit') return { status: 'exited', next: null, allowed: [] };
    if (s.step === 'rollOver') {
      position = indexOf('annualPlan');
      continue;
    }
    position = indexOf(s.step) + 1;
    if (s.step === 'libraryNotice') status = 'inLibrary';
  }
  const next = projectSteps[position] ?? null;
  if (next === null) return { status: 'finished', next: null, allowed: [] };
  const allowed: ProjectStepKind[] = [next];
  if (status === 'inLibrary') {
    // 滚动 only before work starts; 出库 until the works are finished.
    if (position <= indexOf('implement')) allowed.push('rollOver');
    if (position <= indexOf('complete')) allowed.push('exit');
  }
  return { status, next, allowed };
}

export interface StepInput {
  step: ProjectStepKind;
  outcome: StepOutcome;
  date: string;
  noticeEnd: string | null;
}

export interface ProjectFacts {
  performanceTarget: string;
  farmerLink: string;
}

/** Minimum notice length of a notice step from the year's settings. */
export function noticeDaysFor(step: ProjectStepKind, s: FundSettings): number | null {
  if (step === 'villageNotice') return s.villageNoticeDays;
  if (step === 'townshipNotice') return s.townshipNoticeDays;
  if (step === 'libraryNotice') return s.libraryNoticeDays;
  return null;
}

export interface StepProblem {
  message: string;
  field: string;
}

/** Whether `input` may be recorded after `steps` on `today`. */
export function checkProjectStep(
  steps: readonly RecordedProjectStep[],
  input: StepInput,
  project: ProjectFacts,
  settings: FundSettings,
  today: string,
): StepProblem | null {
  const pos = projectPosition(steps);
  const label = projectStepLabels[input.step];
  if (pos.next === null) {
    return { message: `该项目已${pos.status === 'finished' ? '完结' : pos.status === 'exited' ? '出库' : '未通过审核'}，不能再办理「${label}」`, field: 'step' };
  }
  if (!pos.allowed.includes(input.step)) {
    const side = input.step === 'rollOver' || input.step === 'exit';
    return {
      message: side
        ? `「${label}」只能在项目入库后${input.step === 'rollOver' ? '、开始实施前' : '、完工前'}办理；下一步应为「${projectStepLabels[pos.next]}」`
        : `步骤须按顺序办理：下一步应为「${projectStepLabels[pos.next]}」，不能直接办理「${label}」`,
      field: 'step',
    };
  }
  if ((input.step === 'rollOver' || input.step === 'exit') && input.outcome !== 'passed') {
    return { message: `「${label}」没有“不通过”，请选择“通过”`, field: 'outcome' };
  }
  if (input.date > today) return { message: `办理日期 ${input.date} 晚于今天（${today}），请填写实际办理的日期`, field: 'date' };
  const prev = steps[steps.length - 1];
  if (prev) {
    if (input.date < prev.date) {
      return { message: `办理日期不能早于上一步「${projectStepLabels[prev.step]}」的日期 ${prev.date}`, field: 'date' };
    }
    if (prev.noticeEnd !== null && input.date <= prev.noticeEnd && input.step !== 'exit') {
      return { message: `「${projectStepLabels[prev.step]}」公示到 ${prev.noticeEnd} 结束，请在公示期满后（${addDays(prev.noticeEnd, 1)} 起）再办理「${label}」`, field: 'date' };
    }
  }
  const minDays = noticeDaysFor(input.step, settings);
  if (minDays !== null) {
    if (input.noticeEnd === null) return { message: `请填写${label}的公示截止日期`, field: 'noticeEnd' };
    const days = daysBetween(input.date, input.noticeEnd) + 1;
    if (days < minDays) {
      return { message: `${label}期不少于 ${minDays} 天（${settings.year} 年资金项目参数），${input.date} 起应公示到 ${addDays(input.date, minDays - 1)} 或之后`, field: 'noticeEnd' };
    }
  }
  if ((input.step === 'countyApprove' || input.step === 'libraryNotice') && input.outcome === 'passed') {
    const missing = [project.performanceTarget.trim() === '' ? '绩效目标' : null, project.farmerLink.trim() === '' ? '联农带农机制' : null].filter((m) => m !== null);
    if (missing.length > 0) {
      return { message: `项目没有${missing.join('和')}，不能入库：请先在“项目信息”中填写${missing.join('、')}后再办理「${label}」`, field: 'step' };
    }
  }
  return null;
}

/** The date the next review is due after this step, or null (only a notice sets one). */
export function stepDueDate(input: StepInput, settings: FundSettings): string | null {
  if (isNoticeStep(input.step) && input.noticeEnd !== null) return addDays(input.noticeEnd, settings.reviewDeadlineDays);
  return null;
}

// ---- money ----

/** An allocation of `amountFen` from a batch to a project. */
export function allocationProblem(a: {
  amountFen: number;
  batchAmountFen: number;
  batchAllocatedFen: number;
  projectBudgetFen: number;
  projectAllocatedFen: number;
}): StepProblem | null {
  if (a.amountFen <= 0) return { message: '分配金额应大于 0 元；要减少已分配的金额，请冲销原分配记录', field: 'amountFen' };
  const batchLeft = a.batchAmountFen - a.batchAllocatedFen;
  if (a.amountFen > batchLeft) {
    return { message: `该批次只剩 ${yuan(batchLeft)} 元未分配（下达 ${yuan(a.batchAmountFen)} 元，已分配 ${yuan(a.batchAllocatedFen)} 元），请减少分配金额或改用其他批次`, field: 'amountFen' };
  }
  const budgetLeft = a.projectBudgetFen - a.projectAllocatedFen;
  if (a.amountFen > budgetLeft) {
    return { message: `分配后将超过项目批复预算：预算 ${yuan(a.projectBudgetFen)} 元，已分配 ${yuan(a.projectAllocatedFen)} 元，最多还能分配 ${yuan(budgetLeft)} 元`, field: 'amountFen' };
  }
  return null;
}

/** A disbursement on project × batch: never more than that pair's allocation. */
export function disbursementProblem(a: { amountFen: number; allocatedFen: number; disbursedFen: number }): StepProblem | null {
  if (a.amountFen <= 0) return { message: '拨付金额应大于 0 元；要更正已拨付的金额，请冲销原拨付记录', field: 'amountFen' };
  const left = a.allocatedFen - a.disbursedFen;
  if (a.amountFen > left) {
    return { message: `该项目在此批次下只剩 ${yuan(left)} 元可拨付（已分配 ${yuan(a.allocatedFen)} 元，已拨付 ${yuan(a.disbursedFen)} 元），请核对金额或先追加分配`, field: 'amountFen' };
  }
  return null;
}

/** Reversing an allocation must leave at least what is already disbursed on that pair. */
export function allocationReversalProblem(a: { reversedFen: number; allocatedFen: number; disbursedFen: number }): StepProblem | null {
  if (a.allocatedFen - a.reversedFen < a.disbursedFen) {
    return { message: `冲销后分配额 ${yuan(a.allocatedFen - a.reversedFen)} 元将少于已拨付的 ${yuan(a.disbursedFen)} 元，请先冲销相应的拨付记录`, field: 'reversesId' };
  }
  return null;
}

export interface MoneyEntry {
  id: string;
  amountFen: number;
  reversesId: string | null;
}

/** Whether `target` may be reversed given the entries already written; the reversing amount is its negation. */
export function reversalProblem(target: MoneyEntry, entries: readonly MoneyEntry[]): StepProblem | null {
  if (target.reversesId !== null) return { message: '这是一条冲销记录，不能再冲销；如需恢复，请重新录入一条', field: 'reversesId' };
  if (entries.some((e) => e.reversesId === target.id)) return { message: '这条记录已经冲销过了，不能重复冲销', field: 'reversesId' };
  return null;
}

/** Σ of entries with their reversals: what stands. */
export function netFen(entries: readonly { amountFen: number }[]): number {
  return entries.reduce((sum, e) => sum + e.amountFen, 0);
}

/** Refuses entries of a year whose books the county closed (closing day passed). */
export function closedYearProblem(year: number, closeDate: string | null, today: string): StepProblem | null {
  if (closeDate !== null && today > closeDate) {
    return { message: `${year} 年度资金已于 ${closeDate} 结账，不能再录入或冲销；如确需调整，请管理员在“资金项目参数”中改正结账日期`, field: 'batchId' };
  }
  return null;
}

// ---- spending progress ----

/** 支出进度 in whole per mille (0–1000+), or null when nothing is allocated. */
export function progressPermille(disbursedFen: number, allocatedFen: number): number | null {
  if (allocatedFen <= 0) return null;
  return Math.floor((disbursedFen * 1000) / allocatedFen);
}

/** The percent required by `asOf` in `year` (0 before the first milestone; 100 after the year). */
export function requiredPercent(milestones: readonly Milestone[], year: number, asOf: string): number {
  let required = 0;
  for (const m of milestones) {
    if (`${year}-${m.date}` <= asOf) required = Math.max(required, m.percent);
  }
  return required;
}

export interface Lateness {
  requiredPercent: number;
  late: boolean;
}

/** Late when disbursed ÷ allocated is below the milestone passed by `asOf` (equal is on time). */
export function milestoneLateness(a: { allocatedFen: number; disbursedFen: number; milestones: readonly Milestone[]; year: number; asOf: string }): Lateness {
  const required = requiredPercent(a.milestones, a.year, a.asOf);
  const late = a.allocatedFen > 0 && a.disbursedFen * 100 < required * a.allocatedFen;
  return { requiredPercent: required, late };
}
