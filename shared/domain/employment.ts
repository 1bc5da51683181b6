import { ageOn } from '../lib/dates';
import { keysOf, type Labelled } from '../lib/labels';
import type { HouseholdKind, WorkStatus } from './household';

// 就业台账 (EMPLOYMENT-FUNDS §1): job spells and the rules read from them. Every number a county
// may set differently (ages, tiers, months) lives in the yearly employment settings
// (employmentSettings.ts); this file only computes.


/** 务工地域 (national codes 1/2/3 in this order). */
export const workAreaLabels = {
  outOfProvince: '省外',
  inProvince: '省内县外',
  inCounty: '县内',
} as const satisfies Labelled<string>;
export type WorkArea = keyof typeof workAreaLabels;
export const workAreas = keysOf(workAreaLabels);

/**
 * 就业渠道: the official code table was not found (EMPLOYMENT-FUNDS §1.1), so these are the
 * program's own catalog keys; the national export's values map onto them by label.
 */
export const jobChannelLabels = {
  organized: '有组织输出',
  selfOut: '自主外出',
  welfarePost: '公益性岗位',
  workshop: '就业帮扶车间',
  workRelief: '以工代赈',
  flexible: '灵活就业',
  selfEmployed: '自主创业',
  other: '其他',
} as const satisfies Labelled<string>;
export type JobChannel = keyof typeof jobChannelLabels;
export const jobChannels = keysOf(jobChannelLabels);

/** Where a spell's facts came from. */
export const spellSourceLabels = {
  visit: '走访',
  survey: '季度摸排',
  department: '部门数据',
  self: '本人申报',
  /** The national system's export (its 务工 columns), imported with the households (issue 12 item 8). */
  national: '国家系统导出',
} as const satisfies Labelled<string>;
export type SpellSource = keyof typeof spellSourceLabels;
export const spellSources = keysOf(spellSourceLabels);

/** What the rules need of a spell. */
export interface SpellFacts {
  area: WorkArea;
  channel: JobChannel;
  startDate: string;
  endDate: string | null;
  monthlyIncomeFen: number;
  /** The months the clerk entered for `monthsYear` (务工时间（月）), overriding the derived count. */
  months: number | null;
  monthsYear: number | null;
}

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * Calendar months of `year` a spell touches, up to `asOf` for a spell still open (a job that
 * goes on has not yet earned next month's pay). A month counts when any day of it is worked:
 * the national column 务工时间（月） is a whole number filled from that habit.
 */
export function derivedMonthsInYear(startDate: string, endDate: string | null, year: number, asOf: string): number {
  const last = endDate ?? asOf;
  const from = Math.max(monthIndex(startDate), year * 12);
  const to = Math.min(monthIndex(last), year * 12 + 11);
  return to < from ? 0 : to - from + 1;
}

/** The months counted for `year`: the clerk's figure for its year, otherwise the derived one. */
export function monthsInYear(s: SpellFacts, year: number, asOf: string): number {
  if (s.months !== null && s.monthsYear === year) return s.months;
  return derivedMonthsInYear(s.startDate, s.endDate, year, asOf);
}

/** A spell is open (the person still works there) when it has no end or ends after `today`. */
export function isSpellOpen(s: Pick<SpellFacts, 'endDate' | 'startDate'>, today: string): boolean {
  return s.startDate <= today && (s.endDate === null || s.endDate >= today);
}

/** 工资性收入 a year's spells suggest: Σ monthly income × months counted in that year. */
export function suggestedWageFen(spells: readonly SpellFacts[], year: number, asOf: string): number {
  return spells.reduce((sum, s) => sum + s.monthlyIncomeFen * monthsInYear(s, year, asOf), 0);
}

/**
 * The member's 务工状况 as a summary of the open spell (kept for exports and the national
 * checks): a post or own business by its channel, otherwise by where. 县内 cannot tell 乡镇内
 * from 县内乡外 and is summarised as 县内乡外.
 */
export function workStatusOfSpell(s: Pick<SpellFacts, 'area' | 'channel'> | null): WorkStatus {
  if (s === null) return 'none';
  if (s.channel === 'welfarePost') return 'welfarePost';
  if (s.channel === 'selfEmployed') return 'selfEmployed';
  return s.area;
}

/** The open spell that stands for the person today: the latest started. */
export function currentSpell<T extends SpellFacts>(spells: readonly T[], today: string): T | null {
  const open = spells.filter((s) => isSpellOpen(s, today)).sort((a, b) => b.startDate.localeCompare(a.startDate));
  return open[0] ?? null;
}

/** Settings the labour-age rule reads. */
export interface LabourAges {
  minAge: number;
  maxAgeMale: number;
  maxAgeFemale: number;
}

/** Labour age on `date`: minAge ≤ age ≤ the sex's upper limit (both ends included). */
export function isLabourAge(birthDate: string, sex: 'male' | 'female', date: string, ages: LabourAges): boolean {
  const age = ageOn(birthDate, date);
  return age >= ages.minAge && age <= (sex === 'male' ? ages.maxAgeMale : ages.maxAgeFemale);
}

/** Whether a household's kind is one the quarter's 摸排 covers. */
export function surveyCovers(kind: HouseholdKind, covered: readonly HouseholdKind[]): boolean {
  return covered.includes(kind);
}

/** Quarter (1–4) of a date and its last day, for a round's default due date. */
export function quarterOf(date: string): { year: number; quarter: number } {
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

export function quarterLastDay(year: number, quarter: number): string {
  return `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]}`;
}

/** A round is a to-do when it is past due and not every person has been checked. */
export function roundIsOverdue(dueDate: string, today: string, checked: number, total: number): boolean {
  return today > dueDate && checked < total;
}
