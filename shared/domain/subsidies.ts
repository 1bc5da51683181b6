import { addDays, addMonths } from '../lib/dates';
import { keysOf, type Labelled } from '../lib/labels';
import { workAreaLabels, type SpellFacts, type WorkArea } from './employment';

// 技能培训, 以工代赈 and 就业补贴申请 (EMPLOYMENT-FUNDS §1.1 E6–E8, §1.2): labels and the rules of
// a subsidy application. Every number (months, tiers) comes from the yearly employment settings;
// this file only computes.

export const trainingKindLabels = {
  jobSkill: '就业技能培训',
  practical: '实用技术培训',
  startup: '创业培训',
  order: '订单式培训',
} as const satisfies Labelled<string>;
export type TrainingKind = keyof typeof trainingKindLabels;
export const trainingKinds = keysOf(trainingKindLabels);

export const subsidyKindLabels = {
  transport: '一次性交通补助',
  stable: '稳岗补贴',
  labour: '劳务补助',
  other: '其他就业补贴',
} as const satisfies Labelled<string>;
export type SubsidyKind = keyof typeof subsidyKindLabels;
export const subsidyKinds = keysOf(subsidyKindLabels);

/** The 发放清册 purpose an approved application is paid under (the payments feature's catalog words). */
export const subsidyPurposes: Readonly<Record<SubsidyKind, string>> = {
  transport: '交通补助',
  stable: '稳岗补贴',
  labour: '劳务补助',
  other: '其他',
};

export const subsidyStatusLabels = {
  applied: '待审核',
  approved: '已审核通过',
  refused: '未通过',
} as const satisfies Labelled<string>;
export type SubsidyStatus = keyof typeof subsidyStatusLabels;
export const subsidyStatuses = keysOf(subsidyStatusLabels);

/** The 就业帮扶 measure (resources/measure-catalog.json) each kind of record carries out. */
export const subsidyMeasureCodes = { training: 'JY05', workRelief: 'JY04', subsidy: 'JY06' } as const;

/**
 * Whole months from `start` to `end` as dates are subtracted ("满 N 个月"): the largest n with
 * start + n months ≤ end (15 Nov → 15 Feb is 3 months; 15 Nov → 13 Feb is 2 months 29 days).
 */
export function fullMonthsWorked(start: string, end: string): number {
  if (end < start) return 0;
  let n = 0;
  while (addMonths(start, n + 1) <= end) n += 1;
  return n;
}

/** Work away from the county: 省外 or 省内县外. */
export function isAway(area: WorkArea): boolean {
  return area !== 'inCounty';
}

export interface AwayStretch {
  start: string;
  /** The last day worked (the spell's end, or `asOf` for a spell still going). */
  end: string;
  /** 务工地域 of the stretch's latest spell: the tier the subsidy is paid by. */
  area: WorkArea;
  months: number;
}

/**
 * Continuous stretches of work away: away spells joined when the next starts no later than the
 * day after the previous ends (a change of job without a gap is still continuous).
 */
export function awayStretches(spells: readonly Pick<SpellFacts, 'area' | 'startDate' | 'endDate'>[], asOf: string): AwayStretch[] {
  const away = spells
    .filter((s) => isAway(s.area) && s.startDate <= asOf)
    .map((s) => ({ area: s.area, start: s.startDate, end: s.endDate === null || s.endDate > asOf ? asOf : s.endDate }))
    .sort((a, b) => a.start.localeCompare(b.start));
  const out: AwayStretch[] = [];
  for (const s of away) {
    const last = out[out.length - 1];
    if (last && s.start <= addDays(last.end, 1)) {
      if (s.end >= last.end) {
        last.end = s.end;
        last.area = s.area;
      }
      last.months = fullMonthsWorked(last.start, last.end);
    } else {
      out.push({ ...s, months: fullMonthsWorked(s.start, s.end) });
    }
  }
  return out;
}

export interface TransportFacts {
  year: number;
  /** The person's job spells. */
  spells: readonly Pick<SpellFacts, 'area' | 'startDate' | 'endDate'>[];
  /** The day the application is checked (nothing after it counts). */
  asOf: string;
  /** The year's settings: continuous months needed and the tier table by 务工地域 (fen). */
  minMonths: number;
  tiers: Readonly<Record<WorkArea, number>>;
  /** Applications for a transport subsidy this person already has in `year` (not refused). */
  earlierInYear: number;
}

export type TransportCheck =
  | { eligible: true; amountFen: number; area: WorkArea; start: string; end: string; months: number; basis: string }
  | { eligible: false; reason: string };

/**
 * 一次性交通补助: ≥ `minMonths` continuous months of work away within a stretch that reaches into
 * the year, once per person per year, amount from the year's tier for the stretch's 务工地域.
 */
export function transportEligibility(f: TransportFacts): TransportCheck {
  if (f.earlierInYear > 0) return { eligible: false, reason: `此人 ${f.year} 年已申请过一次性交通补助，每人每年只能享受一次` };
  const yearStart = `${f.year}-01-01`;
  const yearEnd = `${f.year}-12-31`;
  const stretches = awayStretches(f.spells, f.asOf).filter((s) => s.end >= yearStart && s.start <= yearEnd);
  if (stretches.length === 0) return { eligible: false, reason: `没有 ${f.year} 年在县外务工的记录，请先在户页面登记务工记录` };
  const best = [...stretches].sort((a, b) => b.months - a.months || b.end.localeCompare(a.end))[0]!;
  if (best.months < f.minMonths) {
    const days = Math.round((Date.parse(best.end) - Date.parse(addMonths(best.start, best.months))) / 86_400_000);
    return {
      eligible: false,
      reason: `连续外出务工 ${best.months} 个月 ${days} 天（${best.start} 至 ${best.end}），不满 ${f.minMonths} 个月；满 ${f.minMonths} 个月后再申请`,
    };
  }
  const amountFen = f.tiers[best.area];
  if (amountFen <= 0) return { eligible: false, reason: `${f.year} 年的交通补助标准中，${workAreaLabels[best.area]}务工没有补助；如标准有误，请管理员在就业参数中修改` };
  return {
    eligible: true,
    amountFen,
    area: best.area,
    start: best.start,
    end: best.end,
    months: best.months,
    basis: `${workAreaLabels[best.area]}务工 ${best.start} 至 ${best.end}，连续 ${best.months} 个月`,
  };
}
