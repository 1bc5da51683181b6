import { monthsInYear, type SpellFacts } from './employment';
import type { EmploymentSettings } from './employmentSettings';
import { workshopTierReward } from './employmentSettings';
import type { HouseholdKind } from './household';
import { formatYuan } from '../lib/money';
import { keysOf, type Labelled } from '../lib/labels';

// 就业帮扶车间 (EMPLOYMENT-FUNDS §1.1 E5, §1.2): forms, types, the monitoring states, and the yearly
// reward eligibility (S4 篇一.5). The tiers, months and wage come from the year's employment
// settings; this file only computes, and says for each person why they count or not.

/** 经营形式 (S4 篇一.5). */
export const workshopFormLabels = {
  villageLed: '村集体领办',
  cooperative: '合作社经营',
  enterprise: '单独注册企业',
  leadingEnterprise: '龙头企业带动',
} as const satisfies Labelled<string>;
export type WorkshopForm = keyof typeof workshopFormLabels;
export const workshopForms = keysOf(workshopFormLabels);

/** 车间类型 (W8). */
export const workshopTypeLabels = {
  factory: '厂房式',
  home: '居家式',
  farming: '种养式',
  trade: '贸易流通式',
  tourism: '文化旅游式',
} as const satisfies Labelled<string>;
export type WorkshopType = keyof typeof workshopTypeLabels;
export const workshopTypes = keysOf(workshopTypeLabels);

/** 监测状态 (W10), checked quarterly. */
export const workshopStateLabels = {
  running: '正常运行',
  pending: '监测待处置',
  cleared: '清理',
} as const satisfies Labelled<string>;
export type WorkshopState = keyof typeof workshopStateLabels;
export const workshopStates = keysOf(workshopStateLabels);

/**
 * Whose jobs the reward counts: the seed rewards workshops for 吸纳脱贫人口 (S4 篇一.5), so the
 * members of 脱贫户. Other staff are listed, with the reason they do not count.
 */
export const workshopCountedKinds: readonly HouseholdKind[] = ['povertyExited'];

/** One person on the workshop's roster: their spells at this workshop. */
export interface WorkshopPerson {
  memberId: string;
  name: string;
  householdKind: HouseholdKind;
  spells: readonly SpellFacts[];
}

export interface PersonEligibility {
  memberId: string;
  name: string;
  householdKind: HouseholdKind;
  /** Months worked at the workshop in the year (all spells, at most 12). */
  months: number;
  /** Average monthly wage over those months, fen (0 with no months). */
  averageWageFen: number;
  /** Counts towards the people tier. */
  counted: boolean;
  /** Earns the per-person 稳岗 reward. */
  stable: boolean;
  /** Why, in one Chinese sentence. */
  reason: string;
}

export interface WorkshopEligibility {
  year: number;
  /** False when the workshop cannot be rewarded at all (not recognised, or 清理). */
  qualifies: boolean;
  /** Why not, when it does not qualify. */
  blocker: string | null;
  people: PersonEligibility[];
  countedPeople: number;
  /** The lowest people count of the tier reached, or null below every tier. */
  tierMinPeople: number | null;
  tierRewardFen: number;
  stablePeople: number;
  stableRewardFen: number;
  totalFen: number;
}

export type EligibilitySettings = Pick<EmploymentSettings, 'workshopTiers' | 'workshopMinMonths' | 'workshopMinWageFen' | 'workshopStableMonths' | 'workshopPerPersonFen'>;

function personResult(p: WorkshopPerson, s: EligibilitySettings, year: number, asOf: string, countedKinds: readonly HouseholdKind[]): PersonEligibility {
  let months = 0;
  let earned = 0;
  for (const spell of p.spells) {
    const m = monthsInYear(spell, year, asOf);
    months += m;
    earned += m * spell.monthlyIncomeFen;
  }
  const averageWageFen = months === 0 ? 0 : Math.floor(earned / months);
  months = Math.min(months, 12);
  const base = { memberId: p.memberId, name: p.name, householdKind: p.householdKind, months, averageWageFen };
  const facts = `务工 ${months} 个月，月均工资 ${formatYuan(averageWageFen)} 元`;
  if (!countedKinds.includes(p.householdKind)) return { ...base, counted: false, stable: false, reason: `不计入：不是脱贫人口（${facts}）` };
  if (months < s.workshopMinMonths) return { ...base, counted: false, stable: false, reason: `不计入：${facts}，不足 ${s.workshopMinMonths} 个月` };
  if (averageWageFen < s.workshopMinWageFen) {
    return { ...base, counted: false, stable: false, reason: `不计入：${facts}，低于 ${formatYuan(s.workshopMinWageFen)} 元` };
  }
  const stable = months >= s.workshopStableMonths;
  const reason = stable
    ? `计入人数并享稳岗奖补：${facts}，满 ${s.workshopStableMonths} 个月`
    : `计入人数：${facts}；未满 ${s.workshopStableMonths} 个月，无稳岗奖补`;
  return { ...base, counted: true, stable, reason };
}

/**
 * The year's reward of one workshop: people of the counted kinds employed there ≥ minMonths at an
 * average ≥ minWage reach a tier (5–9 / 10–19 / 20+ → 1 / 2 / 3 万 in the seed); each of them
 * employed ≥ stableMonths adds the per-person reward. A workshop not recognised by the end of the
 * year, or 清理, gets nothing, but its people are still listed with their reasons.
 */
export function workshopEligibility(
  workshop: { recognizedOn: string | null; state: WorkshopState },
  people: readonly WorkshopPerson[],
  settings: EligibilitySettings,
  year: number,
  asOf: string,
  countedKinds: readonly HouseholdKind[] = workshopCountedKinds,
): WorkshopEligibility {
  const results = people.map((p) => personResult(p, settings, year, asOf, countedKinds)).sort((a, b) => Number(b.counted) - Number(a.counted) || b.months - a.months || a.name.localeCompare(b.name, 'zh-CN'));
  let blocker: string | null = null;
  if (workshop.recognizedOn === null || workshop.recognizedOn > `${year}-12-31`) blocker = `${year} 年底前未经县级认定（无认定文号和日期），不能享受奖补`;
  else if (workshop.state === 'cleared') blocker = '已清理的车间不能享受奖补';
  const countedPeople = results.filter((r) => r.counted).length;
  const stablePeople = results.filter((r) => r.stable).length;
  const tierRewardFen = blocker ? 0 : workshopTierReward(settings.workshopTiers, countedPeople);
  const reached = settings.workshopTiers.filter((t) => countedPeople >= t.minPeople).map((t) => t.minPeople);
  const tierMinPeople = blocker || reached.length === 0 ? null : Math.max(...reached);
  const stableRewardFen = blocker ? 0 : stablePeople * settings.workshopPerPersonFen;
  return {
    year,
    qualifies: blocker === null,
    blocker,
    people: results,
    countedPeople,
    tierMinPeople,
    tierRewardFen,
    stablePeople,
    stableRewardFen,
    totalFen: tierRewardFen + stableRewardFen,
  };
}

/** 'YYYYQn' of a date: the quarter a monitoring check belongs to. */
export function quarterKey(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** A workshop not cleared needs this quarter's check once none is on record for it. */
export function checkDue(state: WorkshopState, lastCheckOn: string | null, today: string): boolean {
  if (state === 'cleared') return false;
  return lastCheckOn === null || quarterKey(lastCheckOn) !== quarterKey(today);
}
