// Deterministic monitoring data for a generated township (issue 3, item 10): three years of
// thresholds and household incomes, monitoring cases with their risks and workflow steps, help
// measures and visits. Pure like generator.ts: no clock, no Math.random, no Node built-ins — the
// same township, options and seed always give the same rows (keys are added by the writer).
//
// The data follows the rules the program enforces, so the screens and the bench see what an office
// would have: one open case per household; identification and elimination steps in order with the
// notice length and deadlines of the thresholds in force; measures that answer the case's risks;
// incomes computed with shared/domain/income (monitoring cases within the line, eliminated cases
// above line and floor); visits at the frequencies of DOMAIN §9.
// This file holds the generator's state and people; cases, incomes, measures and visits are in
// monitoringCases/Incomes/Measures/Visits.ts.

import { isNoLaborHousehold } from '../../../shared/domain/household';
import { thresholdsInForce, type Thresholds } from '../../../shared/domain/thresholds';
import { isValidIsoDate } from '../../../shared/lib/dates';
import type { SeedMember, SeedTownship } from './generator';
import { planCases } from './monitoringCases';
import { builtInMeasureTypes, type SeedMeasureType } from './monitoringCatalog';
import { allIncomes } from './monitoringIncomes';
import { measuresFor } from './monitoringMeasures';
import { lineSteps, weightedPick } from './monitoringTables';
import type { CaseTargets, HouseholdFacts, MonitoringSeedOptions, SeedMeasure, SeedMonitoring } from './monitoringTypes';
import { allVisits } from './monitoringVisits';
import { givenNames, surnameShares } from './names';
import { createRng, pick, type Rng } from './sampling';

export type * from './monitoringTypes';

// The state the purpose files (monitoringCases, …Incomes, …Measures, …Visits) read is readonly to
// them; only `rng` advances and `targets` is filled as cases are planned. The rest stays private.
export class MonitoringGenerator {
  readonly rng: Rng;
  readonly asOf: string;
  readonly year: number;
  readonly years: readonly number[];
  readonly windowStart: string;
  private readonly thresholds: Thresholds[];
  readonly catalog: readonly SeedMeasureType[];
  readonly facts: readonly HouseholdFacts[];
  private readonly villageCadres: string[][];
  readonly townshipStaff: readonly string[];
  readonly countyStaff: readonly string[];
  readonly targets = new Map<number, CaseTargets>();

  constructor(
    township: SeedTownship,
    readonly opts: Readonly<MonitoringSeedOptions>,
  ) {
    this.rng = createRng((Math.trunc(opts.seed) * 2654435761 + 0x5eed) >>> 0);
    this.asOf = opts.asOf;
    this.year = Number(opts.asOf.slice(0, 4));
    this.years = [this.year - 2, this.year - 1, this.year];
    this.windowStart = `${this.year - 2}-01-01`;
    this.thresholds = this.years.map((year, i) => ({
      year,
      monitoringLineFen: lineSteps[i] ?? 726_000,
      eliminationFloorFen: 500_000,
      periodStartMonth: 1,
      noticeDays: 5,
      identificationDeadlineDays: 15,
      identificationDeadlineUnit: 'calendar' as const,
      planDeadlineDays: 10,
      minMonitoringMonths: 6,
      visitOpenMonths: 1,
      visitEliminatedMonths: 6,
      visitStableMonths: 12,
      holidays: [],
      makeupWorkdays: [],
    }));
    this.catalog = opts.catalog && opts.catalog.length > 0 ? opts.catalog : builtInMeasureTypes;
    this.facts = township.households.map((h, index) => ({
      index,
      h,
      noLabor: isNoLaborHousehold(h.members.map((m) => ({ labor: m.labor, status: 'current' as const }))),
      ages: h.members.map((m) => this.ageOf(m)),
      headName: h.members[0]?.name ?? '',
    }));
    // Village cadres: the helpers the registry already names, topped up to at least three.
    this.villageCadres = township.villages.map(() => [] as string[]);
    for (const f of this.facts) {
      const list = this.villageCadres[f.h.villageIndex];
      if (list && f.h.helperName && !list.includes(f.h.helperName)) list.push(f.h.helperName);
    }
    for (const list of this.villageCadres) while (list.length < 3) list.push(this.personName());
    this.townshipStaff = Array.from({ length: 6 }, () => this.personName());
    this.countyStaff = Array.from({ length: 4 }, () => this.personName());
  }

  run(): SeedMonitoring {
    const cases = planCases(this);
    const incomes = allIncomes(this);
    const measures: SeedMeasure[] = [];
    cases.forEach((c, i) => measures.push(...measuresFor(this, c, i)));
    const visits = allVisits(this, cases);
    return {
      asOf: this.asOf,
      registeredOn: this.windowStart,
      thresholds: this.thresholds,
      incomes,
      cases,
      measures,
      visits,
    };
  }

  // -- people ----------------------------------------------------------------------------------

  ageOf(m: SeedMember): number {
    const birth = `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`;
    const years = this.year - Number(birth.slice(0, 4));
    return birth.slice(5) > this.asOf.slice(5) ? years - 1 : years;
  }

  personName(): string {
    const surname = weightedPick(this.rng, surnameShares);
    const pool = givenNames[this.rng() < 0.5 ? 'mid' : 'young'][this.rng() < 0.65 ? 'male' : 'female'];
    return surname + pick(this.rng, this.rng() < pool.singleShare ? pool.single : pool.double);
  }

  t(date: string): Thresholds {
    return thresholdsInForce(this.thresholds, date);
  }

  cadres(f: HouseholdFacts): readonly string[] {
    return this.villageCadres[f.h.villageIndex] ?? this.townshipStaff;
  }

  helperOf(f: HouseholdFacts): string {
    return f.h.helperName ?? pick(this.rng, this.cadres(f));
  }

  /** Two or three distinct names, the helper first. */
  team(f: HouseholdFacts, helper: string, size: number): string[] {
    const names = [helper];
    const pool = this.cadres(f);
    for (let i = 0; i < 10 && names.length < size; i++) {
      const n = pick(this.rng, pool);
      if (!names.includes(n)) names.push(n);
    }
    while (names.length < size) names.push(pick(this.rng, this.townshipStaff));
    return [...new Set(names)];
  }

  // -- visits --------------------------------------------------------------------------------

}

function validate(township: SeedTownship, opts: MonitoringSeedOptions): void {
  if (!Number.isFinite(opts.seed)) throw new RangeError('种子必须是数字。');
  if (!isValidIsoDate(opts.asOf)) throw new RangeError('基准日期应为 YYYY-MM-DD 格式的真实日期。');
  if (opts.caseShare !== undefined && !(opts.caseShare >= 0 && opts.caseShare <= 0.5)) throw new RangeError('监测对象比例应在 0 到 0.5 之间。');
  if (township.households.length === 0) throw new RangeError('没有农户，无法生成监测数据。');
}

/** Monitoring data for `township` as of `opts.asOf` (deterministic per seed). */
export function generateMonitoring(township: SeedTownship, opts: MonitoringSeedOptions): SeedMonitoring {
  validate(township, opts);
  return new MonitoringGenerator(township, opts).run();
}
