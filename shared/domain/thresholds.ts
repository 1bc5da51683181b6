import { addDays, addMonths, daysBetween, weekday } from '../lib/dates';

// Thresholds and durations (DOMAIN §5) are settings with a yearly history: each county writes its
// own numbers and they change from year to year, so no rule may hold them as constants. Every
// rule asks for the values in force on the record's date.

export const deadlineUnits = ['calendar', 'working'] as const;
export type DeadlineUnit = (typeof deadlineUnits)[number];
export const deadlineUnitLabels: Readonly<Record<DeadlineUnit, string>> = {
  calendar: '自然日',
  working: '工作日',
};

export interface Thresholds {
  /** The calendar year these values apply from (until a later year's values are entered). */
  year: number;
  /** 防止返贫监测范围: per-capita net income line, fen. */
  monitoringLineFen: number;
  /** 风险消除收入底线, fen. */
  eliminationFloorFen: number;
  /** First month of the income accounting period (1 = calendar year, 5 = May–April, 10 = October–September). */
  periodStartMonth: number;
  /** 公示天数 (calendar days, the start day included). */
  noticeDays: number;
  /** From first signal to county decision. */
  identificationDeadlineDays: number;
  identificationDeadlineUnit: DeadlineUnit;
  /** Days after inclusion by which the help plan must exist. */
  planDeadlineDays: number;
  /** Minimum months of monitoring before risk elimination may start. */
  minMonitoringMonths: number;
  /** Visit frequency, months: open case / eliminated case / stable exited household. */
  visitOpenMonths: number;
  visitEliminatedMonths: number;
  visitStableMonths: number;
  /** Weekdays that are public holidays this year (for working-day deadlines). */
  holidays: string[];
  /** Weekend days that are working days this year (调休上班). */
  makeupWorkdays: string[];
}

export interface ThresholdsInForce extends Thresholds {
  /** 'default' until an admin has entered a year that covers the date: the UI says to check them. */
  source: 'saved' | 'default';
}

/**
 * Offered on first use, marked as defaults to be checked. Drawn from the later national practice
 * the seeds describe (7,260 元 line, 5,000 元 floor, 5-day notice, 15 days to decision, plan within
 * 10 days, six months of monitoring); every office confirms or changes them per year.
 */
export function suggestedThresholds(year: number): Thresholds {
  return {
    year,
    monitoringLineFen: 726_000,
    eliminationFloorFen: 500_000,
    periodStartMonth: 1,
    noticeDays: 5,
    identificationDeadlineDays: 15,
    identificationDeadlineUnit: 'calendar',
    planDeadlineDays: 10,
    minMonitoringMonths: 6,
    visitOpenMonths: 1,
    visitEliminatedMonths: 6,
    visitStableMonths: 12,
    holidays: [],
    makeupWorkdays: [],
  };
}

/**
 * The values in force on `date`: the latest saved year not after the date's year, else the
 * defaults. Holidays and 调休 workdays name exact dates, so those of every saved year apply: a
 * working-day deadline counted from late December skips next year's New Year holiday too.
 */
export function thresholdsInForce(saved: readonly Thresholds[], date: string): ThresholdsInForce {
  const year = Number(date.slice(0, 4));
  let best: Thresholds | null = null;
  for (const t of saved) if (t.year <= year && (best === null || t.year > best.year)) best = t;
  const base: ThresholdsInForce = best ? { ...best, source: 'saved' } : { ...suggestedThresholds(year), source: 'default' };
  const allDates = (pick: (t: Thresholds) => readonly string[]) => [...new Set(saved.flatMap(pick))].sort();
  return { ...base, holidays: allDates((t) => t.holidays), makeupWorkdays: allDates((t) => t.makeupWorkdays) };
}

export function isWorkingDay(date: string, t: Pick<Thresholds, 'holidays' | 'makeupWorkdays'>): boolean {
  if (t.makeupWorkdays.includes(date)) return true;
  if (t.holidays.includes(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** `n` working days after `date` (the day itself not counted). */
export function addWorkingDays(date: string, n: number, t: Pick<Thresholds, 'holidays' | 'makeupWorkdays'>): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, t)) left -= 1;
  }
  return day;
}

/** Last day by which the county must have decided, counted from the first signal (clue date). */
export function identificationDeadline(clueDate: string, t: Thresholds): string {
  return t.identificationDeadlineUnit === 'working'
    ? addWorkingDays(clueDate, t.identificationDeadlineDays, t)
    : addDays(clueDate, t.identificationDeadlineDays);
}

/** Last day of a notice that starts on `startDate` and runs `days` calendar days, the start day included. */
export function noticeEndDate(startDate: string, days: number): string {
  return addDays(startDate, days - 1);
}

/** Days a notice from `start` to `end` runs, both days included. */
export function noticeLength(start: string, end: string): number {
  return daysBetween(start, end) + 1;
}

export function planDueDate(includedDate: string, t: Thresholds): string {
  return addDays(includedDate, t.planDeadlineDays);
}

/** The first day risk elimination may start: the minimum monitoring time after inclusion. */
export function earliestEliminationDate(includedDate: string, t: Thresholds): string {
  return addMonths(includedDate, t.minMonitoringMonths);
}

/** Days from `today` to `deadline`: 0 on the day, negative once overdue. */
export function daysLeft(today: string, deadline: string): number {
  return daysBetween(today, deadline);
}
