import type { HouseholdKind } from './household';
import type { LabourAges, WorkArea } from './employment';

// 就业参数 (EMPLOYMENT-FUNDS §1.2): one row per year, in force until a later year's is saved,
// like the monitoring thresholds. Money in fen.

/** A workshop reward tier: at least `minPeople` counted people → `rewardFen`. */
export interface WorkshopTier {
  minPeople: number;
  rewardFen: number;
}

export interface EmploymentSettings extends LabourAges {
  year: number;
  /** Household kinds whose labour-age members the quarterly 摸排 lists. */
  surveyKinds: HouseholdKind[];
  /** 一次性交通补助 by 务工地域 (0 = none for that area). */
  transportTiers: Record<WorkArea, number>;
  /** Continuous months away a transport subsidy needs. */
  transportMinMonths: number;
  workshopTiers: WorkshopTier[];
  /** Months employed in the year for a person to count towards a workshop's reward tier. */
  workshopMinMonths: number;
  /** Average monthly wage a counted person needs. */
  workshopMinWageFen: number;
  /** Months employed for the per-person 稳岗 reward. */
  workshopStableMonths: number;
  workshopPerPersonFen: number;
}

/**
 * The program's suggestion until an admin saves a year: the seed's workshop rule (S4 篇一.5:
 * 5–9 / 10–19 / 20+ people ≥ 6 months at ≥ 1,000 元 → 1 / 2 / 3 万元; 1,000 元 per person
 * ≥ 12 months), ages 16–60/55 (W6, W7), transport 400/300/0 (W12's cross-/in-province split).
 */
export function defaultEmploymentSettings(year: number): EmploymentSettings {
  return {
    year,
    minAge: 16,
    maxAgeMale: 60,
    maxAgeFemale: 55,
    surveyKinds: ['povertyExited', 'monitored'],
    transportTiers: { outOfProvince: 40_000, inProvince: 30_000, inCounty: 0 },
    transportMinMonths: 3,
    workshopTiers: [
      { minPeople: 5, rewardFen: 1_000_000 },
      { minPeople: 10, rewardFen: 2_000_000 },
      { minPeople: 20, rewardFen: 3_000_000 },
    ],
    workshopMinMonths: 6,
    workshopMinWageFen: 100_000,
    workshopStableMonths: 12,
    workshopPerPersonFen: 100_000,
  };
}

/** The values for `year`: the latest saved year not after it, else the defaults. */
export function employmentSettingsFor(
  saved: readonly EmploymentSettings[],
  year: number,
): EmploymentSettings & { source: 'saved' | 'default' } {
  const best = saved.filter((s) => s.year <= year).sort((a, b) => b.year - a.year)[0];
  return best ? { ...best, source: 'saved' } : { ...defaultEmploymentSettings(year), source: 'default' };
}

/** The reward of the highest tier reached by `people` counted people (0 below the lowest). */
export function workshopTierReward(tiers: readonly WorkshopTier[], people: number): number {
  let reward = 0;
  let best = -1;
  for (const t of tiers) {
    if (people >= t.minPeople && t.minPeople > best) {
      best = t.minPeople;
      reward = t.rewardFen;
    }
  }
  return reward;
}

/** The transport subsidy for a spell's 务工地域 in the year's tier table. */
export function transportTierFen(s: Pick<EmploymentSettings, 'transportTiers'>, area: WorkArea): number {
  return s.transportTiers[area];
}

/** Problems between fields, by field; the core checks them again. */
export function employmentSettingsProblems(s: EmploymentSettings): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.maxAgeMale < s.minAge) out.maxAgeMale = '男性劳动年龄上限不能低于下限，请核对年龄';
  if (s.maxAgeFemale < s.minAge) out.maxAgeFemale = '女性劳动年龄上限不能低于下限，请核对年龄';
  if (s.surveyKinds.length === 0) out.surveyKinds = '请至少选择一类户纳入季度务工摸排';
  const people = s.workshopTiers.map((t) => t.minPeople);
  if (new Set(people).size !== people.length) out.workshopTiers = '奖补档次的起始人数不能重复，请合并或修改';
  const sorted = [...s.workshopTiers].sort((a, b) => a.minPeople - b.minPeople);
  if (sorted.some((t, i) => i > 0 && t.rewardFen < sorted[i - 1]!.rewardFen)) out.workshopTiers = '人数多的档次奖补不能少于人数少的档次，请核对金额';
  if (s.workshopStableMonths < s.workshopMinMonths) out.workshopStableMonths = '稳岗奖补的月数不能少于计入人数的月数，请核对';
  return out;
}
