import { addDays, addMonths, ageOn, daysBetween, endOfMonth } from '../lib/dates';

// 公益性岗位 (EMPLOYMENT-FUNDS §1.1 E2–E4, §1.3): the hiring steps, the yearly settings (ages, notice
// days, longest agreement), and a month's pay from attendance. Pure rules; the core applies them in
// the transaction that writes, and the forms show the same messages.

/** 公告 is recorded on the post; each candidate then goes through these steps in order. */
export const hiringSteps = ['apply', 'villageReview', 'townshipReview', 'notice', 'sign', 'onDuty'] as const;
export type HiringStep = (typeof hiringSteps)[number];
export const hiringStepLabels: Readonly<Record<HiringStep, string>> = {
  apply: '本人申报',
  villageReview: '村评议',
  townshipReview: '乡审核',
  notice: '公示',
  sign: '签协议',
  onDuty: '在岗',
};
/** Steps signed by a reviewer or admin (谁签字、谁负责). */
export const reviewerHiringSteps: readonly HiringStep[] = ['townshipReview'];

export const appointmentStatuses = ['applied', 'villageReviewed', 'townshipReviewed', 'noticed', 'signed', 'onDuty', 'left', 'rejected'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const appointmentStatusLabels: Readonly<Record<AppointmentStatus, string>> = {
  applied: '已申报',
  villageReviewed: '村评议通过',
  townshipReviewed: '乡审核通过',
  noticed: '公示中',
  signed: '已签协议',
  onDuty: '在岗',
  left: '已退岗',
  rejected: '未通过',
};
const statusAfter: Readonly<Record<HiringStep, AppointmentStatus>> = {
  apply: 'applied',
  villageReview: 'villageReviewed',
  townshipReview: 'townshipReviewed',
  notice: 'noticed',
  sign: 'signed',
  onDuty: 'onDuty',
};
export function statusAfterStep(step: HiringStep): AppointmentStatus {
  return statusAfter[step];
}
/** Statuses that hold the person (one at a time) and a place on the post. */
export const holdingStatuses: readonly AppointmentStatus[] = ['applied', 'villageReviewed', 'townshipReviewed', 'noticed', 'signed', 'onDuty'];

export const agreementTypes = ['labour', 'service'] as const;
export type AgreementType = (typeof agreementTypes)[number];
export const agreementTypeLabels: Readonly<Record<AgreementType, string>> = { labour: '劳动合同', service: '劳务协议' };

export const grades = ['excellent', 'pass', 'fail'] as const;
export type Grade = (typeof grades)[number];
export const gradeLabels: Readonly<Record<Grade, string>> = { excellent: '优秀', pass: '合格', fail: '不合格' };

export interface PostSettings {
  year: number;
  minAge: number;
  maxAgeMale: number;
  maxAgeFemale: number;
  warnAge: number;
  noticeDays: number;
  maxTermMonths: number;
}

/**
 * The program's defaults (S4 篇一.4, W2, W48): 16–60 for new hires, a warning at 70, 3 days'
 * notice, one year at most. They apply until an admin saves a year of the county's own, as the
 * thresholds' suggested values do.
 */
export function defaultPostSettings(year: number): PostSettings {
  return { year, minAge: 16, maxAgeMale: 60, maxAgeFemale: 60, warnAge: 70, noticeDays: 3, maxTermMonths: 12 };
}

/** The values in force on `date`: the latest saved year not after it, else the defaults. */
export function postSettingsFor(saved: readonly PostSettings[], date: string): PostSettings & { source: 'saved' | 'default' } {
  const best = postSettingsOn(saved, date);
  return best ? { ...best, source: 'saved' } : { ...defaultPostSettings(Number(date.slice(0, 4))), source: 'default' };
}

/** The saved year in force on `date`: the latest year not after the date's year. */
export function postSettingsOn<T extends { year: number }>(saved: readonly T[], date: string): T | null {
  const year = Number(date.slice(0, 4));
  let best: T | null = null;
  for (const s of saved) if (s.year <= year && (best === null || s.year > best.year)) best = s;
  return best;
}

/** The step due after the steps already passed, or null when the person is on duty. */
export function nextHiringStep(status: AppointmentStatus): HiringStep | null {
  if (status === 'left' || status === 'rejected' || status === 'onDuty') return null;
  const i = hiringSteps.findIndex((s) => statusAfter[s] === status);
  return hiringSteps[i + 1] ?? null;
}

export function hiringOrderProblem(status: AppointmentStatus, step: HiringStep): string | null {
  if (status === 'left') return '此人已退岗，聘用已结束；如需再聘，请重新申报';
  if (status === 'rejected') return '此申报未通过，流程已结束；如需再聘，请重新申报';
  const next = nextHiringStep(status);
  if (next === null) return `此人已在岗，不能再办理「${hiringStepLabels[step]}」`;
  if (next !== step) return `步骤须按顺序办理：下一步应为「${hiringStepLabels[next]}」，不能直接办理「${hiringStepLabels[step]}」`;
  return null;
}

export interface AgeCheck {
  problem: string | null;
  warning: string | null;
}

/** Age limits of the year in force; 70 and older is a national data-quality hit (W48), so warned. */
export function checkHireAge(
  person: { name: string; birthDate: string; sex: 'male' | 'female' },
  on: string,
  s: PostSettings & { source?: 'saved' | 'default' },
): AgeCheck {
  const age = ageOn(person.birthDate, on);
  const max = person.sex === 'male' ? s.maxAgeMale : s.maxAgeFemale;
  const sexWord = person.sex === 'male' ? '男性' : '女性';
  let problem: string | null = null;
  if (age < s.minAge) problem = `${person.name} 在 ${on} 时 ${age} 周岁，未满 ${s.minAge} 周岁，不能聘用到公益性岗位`;
  else if (age > max) {
    problem = `${person.name} 在 ${on} 时 ${age} 周岁，超过${s.source === 'default' ? '程序默认' : ` ${s.year} 年设置`}的${sexWord}上限 ${max} 周岁，不能聘用；如本县政策放宽，请管理员在「公益岗设置」中修改年龄上限`;
  }
  const warning = age >= s.warnAge ? `${person.name} 已 ${age} 周岁（${s.warnAge} 周岁及以上），国家数据质量规则会将其列为问题数据，请确认确需聘用` : null;
  return { problem, warning };
}

/** An agreement runs at most `maxTermMonths` (one year: S4 篇一.4) and ends after it starts. */
export function checkTerm(start: string, end: string, maxTermMonths: number): string | null {
  if (end < start) return `协议结束日期 ${end} 早于开始日期 ${start}，请核对`;
  const last = addDays(addMonths(start, maxTermMonths), -1);
  if (end > last) {
    return `协议期限每次最长 ${maxTermMonths} 个月：从 ${start} 开始最晚到 ${last} 结束，请把结束日期改到 ${last} 或之前，期满后再续签`;
  }
  return null;
}

export function checkNotice(start: string, end: string, noticeDays: number): string | null {
  if (end < start) return `公示结束日期 ${end} 早于开始日期 ${start}，请核对`;
  const days = daysBetween(start, end) + 1;
  if (days < noticeDays) return `公示只有 ${days} 天，少于设置的 ${noticeDays} 天；请把公示结束日期改到 ${addDays(start, noticeDays - 1)} 或之后`;
  return null;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  return { first, last: endOfMonth(first) };
}

/** The appointment covers at least one day of the month (signed agreement, not left before it). */
export function coversMonth(a: { startDate: string | null; endDate: string | null; leftDate: string | null }, month: string): boolean {
  if (a.startDate === null || a.endDate === null) return false;
  const { first, last } = monthRange(month);
  const end = a.leftDate !== null && a.leftDate < a.endDate ? a.leftDate : a.endDate;
  return a.startDate <= last && end >= first;
}

export interface MonthEntry {
  days: number;
  grade: Grade;
  /** Deduction (negative) or reward (positive), fen. */
  adjustFen: number;
  adjustReason: string | null;
}

export interface MonthPay {
  dueFen: number;
  paidFen: number;
  problem: string | null;
}

/**
 * 应发: the agreed monthly subsidy when the days reach the post's minimum and the grade is not
 * 不合格 (一月一考评一月一发放, W4), else nothing. 实发 = 应发 + reward − deduction, never below 0;
 * a deduction or reward needs its reason (it is printed on the 花名册).
 */
export function monthPay(subsidyFen: number, minDays: number, daysInTheMonth: number, e: MonthEntry): MonthPay {
  if (!Number.isInteger(e.days) || e.days < 0 || e.days > daysInTheMonth) {
    return { dueFen: 0, paidFen: 0, problem: `出勤天数应为 0 到 ${daysInTheMonth} 之间的整数` };
  }
  if (e.adjustFen !== 0 && (e.adjustReason === null || e.adjustReason.trim() === '')) {
    return { dueFen: 0, paidFen: 0, problem: e.adjustFen < 0 ? '有扣发金额时请填写扣发原因' : '有奖励金额时请填写奖励原因' };
  }
  const dueFen = e.days >= minDays && e.grade !== 'fail' ? subsidyFen : 0;
  if (dueFen + e.adjustFen < 0) {
    return { dueFen, paidFen: 0, problem: `扣发金额不能超过应发金额（${(dueFen / 100).toFixed(2)} 元），请核对` };
  }
  return { dueFen, paidFen: dueFen + e.adjustFen, problem: null };
}
