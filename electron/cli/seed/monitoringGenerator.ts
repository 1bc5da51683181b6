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

import { isNoLaborHousehold } from '../../../shared/domain/household';
import { emptyIncome, isDecline, netIncomeFen, perCapitaFen, type IncomeCategory } from '../../../shared/domain/income';
import {
  eliminationSteps,
  guaranteeKeys,
  identificationSteps,
  negativeListItems,
  type CaseStatus,
  type ClueSource,
  type DeclineCause,
  type EliminationMethod,
  type GuaranteeKey,
  type Guarantees,
  type MeasureStatus,
  type MonitoringCategory,
  type NegativeListItem,
  type RiskType,
  type StepKind,
  type StepOutcome,
  type VisitKind,
  type Workflow,
} from '../../../shared/domain/monitoring';
import {
  earliestEliminationDate,
  identificationDeadline,
  noticeEndDate,
  planDueDate,
  thresholdsInForce,
  type Thresholds,
} from '../../../shared/domain/thresholds';
import { addDays, addMonths, daysBetween, isValidIsoDate } from '../../../shared/lib/dates';
import { createRng, type SeedHousehold, type SeedMember, type SeedTownship } from './generator';
import { builtInMeasureTypes, typicalFor, type SeedMeasureType } from './monitoringCatalog';
import { givenNames, surnameShares } from './names';

type Rng = () => number;

export interface MonitoringSeedOptions {
  seed: number;
  /** 'YYYY-MM-DD': the office's today; every date generated is on or before it (planned measures may be later). */
  asOf: string;
  /** Measure types to draw from (resources/measure-catalog.json); the built-in list when absent. */
  catalog?: readonly SeedMeasureType[];
  /** Cases per household: 0.1 gives 3,000 cases for 30,000 households. */
  caseShare?: number;
}

export interface SeedIncome {
  householdIndex: number;
  year: number;
  memberCount: number;
  amounts: Record<IncomeCategory, number>;
  netIncomeFen: number;
  perCapitaFen: number;
  declineCause: DeclineCause | null;
  note: string | null;
}

export interface SeedStepDetails {
  negativeList?: Record<NegativeListItem, boolean>;
  specialDecision?: { date: string; note: string } | null;
  notice?: { startDate: string; endDate: string; place: string };
  eliminationMethod?: EliminationMethod;
}
export interface SeedStep {
  workflow: Workflow;
  round: number;
  step: StepKind;
  date: string;
  people: string[];
  outcome: StepOutcome;
  note: string | null;
  details: SeedStepDetails;
}
export interface SeedObjection {
  /** Index into the case's steps (the notice it was raised against). */
  stepIndex: number;
  receivedDate: string;
  objector: string | null;
  content: string;
  resolution: string;
  resolvedDate: string;
}
export interface SeedCase {
  householdIndex: number;
  caseCode: string;
  status: CaseStatus;
  category: MonitoringCategory | null;
  suggestedCategory: MonitoringCategory | null;
  categoryConfirmedBy: string | null;
  helperName: string | null;
  clueSource: ClueSource;
  clueDate: string;
  clueNote: string | null;
  deadlineDate: string;
  includedDate: string | null;
  planDueDate: string | null;
  eliminatedDate: string | null;
  eliminationMethod: EliminationMethod | null;
  rejectedDate: string | null;
  rejectReason: string | null;
  guarantees: Guarantees;
  activeWorkflow: Workflow | null;
  nextStep: StepKind | null;
  round: number;
  risks: { riskType: RiskType; note: string | null }[];
  steps: SeedStep[];
  objections: SeedObjection[];
}
export interface SeedMeasure {
  caseIndex: number;
  householdIndex: number;
  code: string;
  riskTypes: RiskType[];
  responsibleUnit: string;
  helperName: string | null;
  plannedDate: string;
  doneDate: string | null;
  status: MeasureStatus;
  amountFen: number | null;
  note: string | null;
}
export interface SeedVisit {
  householdIndex: number;
  caseIndex: number | null;
  date: string;
  visitors: string[];
  kind: VisitKind;
  findings: string;
  guarantees: Guarantees | null;
  incomeYear: number | null;
}
export interface SeedMonitoring {
  /** The day the data describes. */
  asOf: string;
  /** The day the registry is taken to have been entered (households' created_at): the first day of the first year. */
  registeredOn: string;
  thresholds: Thresholds[];
  incomes: SeedIncome[];
  cases: SeedCase[];
  measures: SeedMeasure[];
  visits: SeedVisit[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng() * (hi - lo);
}
function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + Math.max(0, w), 0);
  let target = rng() * total;
  for (const [item, w] of entries) {
    if (w <= 0) continue;
    target -= w;
    if (target < 0) return item;
  }
  const last = entries.findLast(([, w]) => w > 0);
  if (!last) throw new Error('weightedPick needs a positive weight');
  return last[0];
}
/** Whole 元 as fen. */
const yuan = (v: number): number => Math.max(0, Math.round(v)) * 100;
const minDate = (a: string, b: string): string => (a < b ? a : b);
const maxDate = (a: string, b: string): string => (a > b ? a : b);

function secureGuarantees(): Guarantees {
  return Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }])) as unknown as Guarantees;
}
function noHits(): Record<NegativeListItem, boolean> {
  return Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;
}

// Plausible yearly values (DOMAIN §5 names 6,000 / 6,500 / 6,600 / 7,260 元 lines): the last three
// years step up towards 7,260 元. Everything else follows the defaults in shared/domain/thresholds.
const lineSteps = [690_000, 710_000, 726_000] as const;

/** Chinese findings a visitor writes, by what the visit was for. */
const findingsText = {
  open: [
    '入户了解家庭近况，家庭成员身体状况稳定，帮扶措施正在落实。',
    '核查两不愁三保障及饮水安全情况，均有保障；督促按时参加务工。',
    '了解收入变化，家庭主要劳动力在外务工，收入基本稳定。',
    '宣传防返贫政策，告知自主申报渠道；家中生活正常。',
    '患病成员按时服药复诊，已落实家庭医生签约服务。',
    '对接帮扶措施落实进度，农户对帮扶工作满意。',
    '核实产业发展情况，种养业规模与上月持平。',
    '了解子女就学情况，教育资助已按时发放。',
  ],
  evaluation: [
    '开展帮扶成效评估：各项措施按计划落实，风险有所缓解。',
    '季度成效评估：收入较上季度增加，住房、饮水安全有保障。',
    '评估帮扶效果，风险尚未完全消除，继续落实帮扶措施。',
  ],
  eliminatedReturn: [
    '风险消除后回访，家庭收入稳定，无返贫致贫风险。',
    '回访核实：务工收入稳定，两不愁三保障及饮水安全均有保障。',
    '回访了解家庭生产生活情况，正常，无新增风险。',
  ],
  stable: [
    '集中排查：家庭生产生活正常，收入稳定，无返贫风险。',
    '日常走访：两不愁三保障及饮水安全均有保障。',
    '走访了解务工和产业发展情况，收入较上年有所增长。',
    '宣传防返贫监测政策和自主申报渠道，家庭情况稳定。',
  ],
  identifying: ['接到线索后入户初步了解家庭困难情况，已告知申请程序。', '走访了解家庭突发困难情况，指导填写申请及承诺授权书。'],
} as const;

const riskNotes: Readonly<Record<RiskType, readonly string[]>> = {
  illness: ['家庭成员患慢性病，长期服药', '家庭成员患大病住院治疗，自付费用较高', '户主患病，劳动能力下降'],
  disability: ['家庭成员残疾，需长期照护', '重度残疾，生活不能自理'],
  schooling: ['子女就读高中阶段，教育支出较大', '子女就读大学，学费生活费负担重'],
  disaster: ['暴雨洪涝致农作物受灾', '冰雹灾害致种植业减收'],
  accident: ['家庭成员遭遇交通事故', '务工时意外受伤'],
  businessFailure: ['养殖业疫病损失', '种植产品价格下跌，经营亏损'],
  unstableJob: ['务工不稳定，收入下降', '返乡后暂未实现就业'],
  lackOfLabor: ['家庭无劳动力或弱劳动力', '主要劳动力年老体弱'],
  housing: ['房屋经鉴定为C级危房', '房屋墙体开裂，存在安全隐患'],
  drinkingWater: ['饮水水源不稳定，旱季缺水', '自来水未入户'],
  other: ['家庭刚性支出骤增', '其他原因导致生活困难'],
};

const guaranteeRiskNotes: Readonly<Partial<Record<GuaranteeKey, string>>> = {
  medical: '自付医疗费用较高',
  housing: '住房存在安全隐患，已申报改造',
  water: '饮水不稳定，已申报改造',
  education: '子女就学支出负担较重',
};

const rejectionNotes: Readonly<Partial<Record<StepKind, readonly string[]>>> = {
  homeCheck: ['入户核实发现存在不予认定情形'],
  villageReview: ['经村级评议，家庭收入稳定，无返贫致贫风险，不予纳入', '评议认为困难为暂时性，已通过其他渠道解决'],
  townshipReview: ['乡镇审核比对，家庭人均纯收入明显高于监测范围，且无刚性支出', '经审核，家庭成员有稳定工资性收入'],
  countyDecision: ['县级部门数据比对，家庭有商品房及车辆，不予纳入', '县级审定：不符合纳入条件'],
};

// ---------------------------------------------------------------------------------------------

interface HouseholdFacts {
  index: number;
  h: SeedHousehold;
  noLabor: boolean;
  /** Approximate age of each member on asOf. */
  ages: number[];
  headName: string;
}

type IncomeTarget = { lo: number; hi: number };
type CaseTargets = Map<number, IncomeTarget>; // year → per-capita range (fen)

class MonitoringGenerator {
  private readonly rng: Rng;
  private readonly asOf: string;
  private readonly year: number;
  private readonly years: number[];
  private readonly windowStart: string;
  private readonly thresholds: Thresholds[];
  private readonly catalog: readonly SeedMeasureType[];
  private readonly facts: HouseholdFacts[];
  private readonly villageCadres: string[][];
  private readonly townshipStaff: string[];
  private readonly countyStaff: string[];
  private readonly targets = new Map<number, CaseTargets>();

  constructor(
    private readonly township: SeedTownship,
    private readonly opts: MonitoringSeedOptions,
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
    const cases = this.planCases();
    const incomes = this.incomes();
    const measures: SeedMeasure[] = [];
    cases.forEach((c, i) => measures.push(...this.measuresFor(c, i)));
    const visits = this.visits(cases);
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

  private ageOf(m: SeedMember): number {
    const birth = `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`;
    const years = this.year - Number(birth.slice(0, 4));
    return birth.slice(5) > this.asOf.slice(5) ? years - 1 : years;
  }

  private personName(): string {
    const surname = weightedPick(this.rng, surnameShares);
    const pool = givenNames[this.rng() < 0.5 ? 'mid' : 'young'][this.rng() < 0.65 ? 'male' : 'female'];
    return surname + pick(this.rng, this.rng() < pool.singleShare ? pool.single : pool.double);
  }

  private t(date: string): Thresholds {
    return thresholdsInForce(this.thresholds, date);
  }

  private cadres(f: HouseholdFacts): string[] {
    return this.villageCadres[f.h.villageIndex] ?? this.townshipStaff;
  }

  private helperOf(f: HouseholdFacts): string {
    return f.h.helperName ?? pick(this.rng, this.cadres(f));
  }

  /** Two or three distinct names, the helper first. */
  private team(f: HouseholdFacts, helper: string, size: number): string[] {
    const names = [helper];
    const pool = this.cadres(f);
    for (let i = 0; i < 10 && names.length < size; i++) {
      const n = pick(this.rng, pool);
      if (!names.includes(n)) names.push(n);
    }
    while (names.length < size) names.push(pick(this.rng, this.townshipStaff));
    return [...new Set(names)];
  }

  // -- choosing households and statuses ------------------------------------------------------

  private riskScore(f: HouseholdFacts): number {
    const m = f.h.members;
    let s = 1;
    if (f.noLabor) s += 3;
    if (m.some((x) => x.health === 'serious')) s += 3;
    if (m.some((x) => x.health === 'chronic')) s += 1;
    if (m.some((x) => x.health === 'disabled')) s += 2;
    if (m.some((x) => x.schooling === 'undergraduate' || x.schooling === 'higherVocational' || x.schooling === 'seniorHigh')) s += 1;
    if (f.h.tekun) s *= 0.2; // 特困供养 households are carried by social assistance, rarely by monitoring
    return s;
  }

  /** Weighted sampling without replacement (Efraimidis–Spirakis), deterministic. */
  private sample(pool: HouseholdFacts[], n: number, weight: (f: HouseholdFacts) => number): HouseholdFacts[] {
    return pool
      .map((f) => ({ f, key: Math.log(this.rng() || 1e-12) / Math.max(1e-6, weight(f)) }))
      .sort((a, b) => b.key - a.key || a.f.index - b.f.index)
      .slice(0, Math.max(0, n))
      .map((x) => x.f);
  }

  private planCases(): SeedCase[] {
    const n = this.facts.length;
    const total = Math.round(n * (this.opts.caseShare ?? 0.1));
    const want = {
      identifying: Math.round(total * 0.05),
      monitoring: Math.round(total * 0.55),
      eliminated: Math.round(total * 0.35),
      rejected: Math.round(total * 0.05),
    };
    const monitored = this.facts.filter((f) => f.h.kind === 'monitored');
    const exited = this.facts.filter((f) => f.h.kind === 'povertyExited');
    const ordinary = this.facts.filter((f) => f.h.kind === 'ordinary');
    const taken = new Set<number>();
    const plans: { f: HouseholdFacts; status: CaseStatus; category: MonitoringCategory | null }[] = [];
    const add = (f: HouseholdFacts, status: CaseStatus, category: MonitoringCategory | null) => {
      taken.add(f.index);
      plans.push({ f, status, category });
    };

    // Every 监测户 on the register has a case: monitored, or eliminated when it has labour.
    const includedWant = want.monitoring + want.eliminated;
    const eliminatedShare = includedWant > 0 ? want.eliminated / includedWant : 0;
    let eliminated = 0;
    let monitoring = 0;
    for (const f of monitored) {
      const cat: MonitoringCategory = this.rng() < 0.75 ? 'marginal' : 'suddenHardship';
      if (!f.noLabor && this.rng() < eliminatedShare) {
        add(f, 'eliminated', cat);
        eliminated++;
      } else {
        add(f, 'monitoring', cat);
        monitoring++;
      }
    }
    // 脱贫不稳定户 (and a few 突发严重困难户) from the exited households, the riskier first.
    const needMonitoring = Math.max(0, want.monitoring - monitoring);
    const needEliminated = Math.max(0, want.eliminated - eliminated);
    const exitedPicked = this.sample(exited, needMonitoring + needEliminated, (f) => this.riskScore(f));
    let elimLeft = needEliminated;
    for (const f of exitedPicked) {
      const cat: MonitoringCategory = this.rng() < 0.9 ? 'unstableExited' : 'suddenHardship';
      if (!f.noLabor && elimLeft > 0 && this.rng() < needEliminated / Math.max(1, needEliminated + needMonitoring) + 0.05) {
        add(f, 'eliminated', cat);
        elimLeft--;
      } else add(f, 'monitoring', cat);
    }
    // Clues still being checked and clues that were turned down: mostly ordinary households.
    for (const status of ['identifying', 'rejected'] as const) {
      const fromExited = Math.round(want[status] * 0.3);
      const ex = this.sample(exited.filter((f) => !taken.has(f.index)), fromExited, (f) => this.riskScore(f));
      const ord = this.sample(ordinary.filter((f) => !taken.has(f.index)), want[status] - ex.length, (f) => this.riskScore(f));
      for (const f of [...ex, ...ord]) add(f, status, null);
    }

    const cases = plans.map((p) => this.caseFor(p.f, p.status, p.category));
    // Codes JC<year>-<nnnn> numbered by clue date within each year, as an office would have issued them.
    const order = cases.map((c, i) => i).sort((a, b) => {
      const ca = cases[a]!;
      const cb = cases[b]!;
      return ca.clueDate < cb.clueDate ? -1 : ca.clueDate > cb.clueDate ? 1 : ca.householdIndex - cb.householdIndex;
    });
    const seq = new Map<string, number>();
    for (const i of order) {
      const c = cases[i]!;
      const y = c.clueDate.slice(0, 4);
      const k = (seq.get(y) ?? 0) + 1;
      seq.set(y, k);
      c.caseCode = `JC${y}-${String(k).padStart(4, '0')}`;
    }
    return order.map((i) => cases[i]!);
  }

  // -- one case --------------------------------------------------------------------------------

  private risksFor(f: HouseholdFacts, category: MonitoringCategory | null): RiskType[] {
    const m = f.h.members;
    const sudden = category === 'suddenHardship' ? 3 : 1;
    const working = m.filter((x) => x.workStatus !== 'none' && x.workStatus !== 'welfarePost').length;
    const weights: [RiskType, number][] = [
      ['illness', (m.some((x) => x.health === 'serious') ? 6 : m.some((x) => x.health === 'chronic') ? 2.5 : 0.4) * sudden],
      ['disability', m.some((x) => x.health === 'disabled') ? 4 : 0],
      ['schooling', m.some((x) => ['seniorHigh', 'vocational', 'undergraduate', 'higherVocational'].includes(x.schooling)) ? 3 : m.some((x) => x.schooling === 'primary' || x.schooling === 'juniorHigh') ? 0.4 : 0],
      ['lackOfLabor', f.noLabor ? 6 : m.every((x) => x.labor !== 'normal' && x.labor !== 'skilled') ? 2 : 0.15],
      ['unstableJob', working > 0 ? 1.6 : 0],
      ['businessFailure', working > 0 || m.some((x) => x.workStatus === 'selfEmployed') ? 0.9 : 0.2],
      ['disaster', 0.7 * sudden],
      ['accident', 0.5 * sudden],
      ['housing', 0.45],
      ['drinkingWater', 0.2],
      ['other', 0.25],
    ];
    const count = weightedPick(this.rng, [[1, 45], [2, 35], [3, 20]] as const);
    const out: RiskType[] = [];
    for (let i = 0; i < count; i++) {
      const left = weights.filter(([r, w]) => w > 0 && !out.includes(r));
      if (left.length === 0) break;
      out.push(weightedPick(this.rng, left));
    }
    return out;
  }

  private guaranteesFor(risks: readonly RiskType[], resolved: boolean): Guarantees {
    const g = secureGuarantees();
    if (resolved) return g;
    const atRisk = (k: GuaranteeKey) => {
      g[k] = { status: 'atRisk', note: guaranteeRiskNotes[k] ?? null };
    };
    if (risks.includes('housing') && this.rng() < 0.7) atRisk('housing');
    if (risks.includes('drinkingWater') && this.rng() < 0.7) atRisk('water');
    if (risks.includes('illness') && this.rng() < 0.2) atRisk('medical');
    if (risks.includes('schooling') && this.rng() < 0.1) atRisk('education');
    return g;
  }

  /** Step dates of a full run from `start`: each step a day or two after the one before. */
  private runDates(workflow: Workflow, start: string): { step: StepKind; date: string; notice?: { startDate: string; endDate: string } }[] {
    const steps = workflow === 'identification' ? identificationSteps : eliminationSteps;
    const out: { step: StepKind; date: string; notice?: { startDate: string; endDate: string } }[] = [];
    let d = workflow === 'identification' ? addDays(start, intIn(this.rng, 0, 1)) : start;
    for (const step of steps) {
      if (out.length > 0) {
        const prev = out[out.length - 1]!;
        if (prev.notice) d = addDays(prev.notice.endDate, intIn(this.rng, 1, 2));
        else d = addDays(prev.date, step === 'notice' ? intIn(this.rng, 0, 1) : intIn(this.rng, 1, 2));
      }
      if (step === 'notice') out.push({ step, date: d, notice: { startDate: d, endDate: noticeEndDate(d, this.t(d).noticeDays) } });
      else out.push({ step, date: d });
    }
    return out;
  }

  private stepPeople(f: HouseholdFacts, helper: string, step: StepKind): string[] {
    switch (step) {
      case 'apply':
        return [f.headName];
      case 'nominate':
      case 'notice':
        return [pick(this.rng, this.cadres(f))];
      case 'homeCheck':
        return this.team(f, helper, 2 + (this.rng() < 0.3 ? 1 : 0));
      case 'villageReview':
        return this.team(f, pick(this.rng, this.cadres(f)), 3);
      case 'townshipReview':
        return [pick(this.rng, this.townshipStaff)];
      case 'countyDecision':
        return [pick(this.rng, this.countyStaff)];
    }
  }

  private buildSteps(
    f: HouseholdFacts,
    helper: string,
    workflow: Workflow,
    dates: ReturnType<MonitoringGenerator['runDates']>,
    opts: { rejectAt?: StepKind; rejectNote?: string; method?: EliminationMethod; negativeHit?: NegativeListItem } = {},
  ): SeedStep[] {
    const out: SeedStep[] = [];
    for (const d of dates) {
      const rejected = opts.rejectAt === d.step;
      const details: SeedStepDetails = {};
      if (d.step === 'homeCheck' && workflow === 'identification') {
        const list = noHits();
        if (rejected && opts.negativeHit) list[opts.negativeHit] = true;
        details.negativeList = list;
        details.specialDecision = null;
      }
      if (d.notice) details.notice = { ...d.notice, place: '村务公开栏' };
      if (d.step === 'countyDecision' && workflow === 'elimination' && !rejected) details.eliminationMethod = opts.method ?? 'assisted';
      out.push({
        workflow,
        round: 1,
        step: d.step,
        date: d.date,
        people: this.stepPeople(f, helper, d.step),
        outcome: rejected ? 'rejected' : 'passed',
        note: rejected ? (opts.rejectNote ?? '不符合条件') : null,
        details,
      });
      if (rejected) break;
    }
    return out;
  }

  private addTarget(householdIndex: number, year: number, target: IncomeTarget): void {
    if (!this.years.includes(year)) return;
    let m = this.targets.get(householdIndex);
    if (!m) this.targets.set(householdIndex, (m = new Map()));
    m.set(year, target);
  }

  private lineOf(year: number): number {
    return this.t(`${year}-06-30`).monitoringLineFen;
  }

  private caseFor(f: HouseholdFacts, status: CaseStatus, category: MonitoringCategory | null): SeedCase {
    const rng = this.rng;
    const A = this.asOf;
    const span = daysBetween(this.windowStart, A);
    const helper = this.helperOf(f);
    const risks = this.risksFor(f, category);
    const clueSource: ClueSource = weightedPick(rng, [['selfReport', 25], ['cadreVisit', 45], ['departmentAlert', 25], ['other', 5]] as const);

    // Clue date by status (see the header): open cases skew recent, closed ones spread over the window.
    let clueDate: string;
    if (status === 'identifying') {
      clueDate = rng() < 0.7 ? addDays(A, -intIn(rng, 1, 14)) : addDays(A, -intIn(rng, 16, 45));
    } else if (status === 'monitoring') {
      const r = rng();
      const back = r < 0.55 ? intIn(rng, 16, 180) : r < 0.9 ? intIn(rng, 181, 365) : intIn(rng, 366, Math.max(367, span));
      clueDate = addDays(A, -Math.min(back, span));
    } else if (status === 'eliminated') {
      clueDate = addDays(this.windowStart, intIn(rng, 0, Math.max(0, span - 240)));
    } else {
      clueDate = addDays(this.windowStart, intIn(rng, 0, Math.max(0, span - 20)));
    }
    const tClue = this.t(clueDate);
    const c: SeedCase = {
      householdIndex: f.index,
      caseCode: '',
      status,
      category: null,
      suggestedCategory: null,
      categoryConfirmedBy: null,
      helperName: helper,
      clueSource,
      clueDate,
      clueNote: clueSource === 'departmentAlert' ? pick(rng, ['医保部门大额医疗费用预警', '民政部门低保边缘人口预警', '应急部门受灾信息推送']) : clueSource === 'selfReport' ? '农户通过自主申报渠道申请' : null,
      deadlineDate: identificationDeadline(clueDate, tClue),
      includedDate: null,
      planDueDate: null,
      eliminatedDate: null,
      eliminationMethod: null,
      rejectedDate: null,
      rejectReason: null,
      guarantees: this.guaranteesFor(risks, status === 'eliminated'),
      activeWorkflow: null,
      nextStep: null,
      round: 1,
      risks: risks.map((r) => ({ riskType: r, note: rng() < 0.8 ? pick(rng, riskNotes[r]) : null })),
      steps: [],
      objections: [],
    };

    const idDates = this.runDates('identification', clueDate);
    const clueYear = Number(clueDate.slice(0, 4));

    if (status === 'identifying') {
      const stalled = daysBetween(clueDate, A) > 15;
      let done = idDates.filter((d) => d.date <= A);
      if (stalled) done = done.slice(0, intIn(rng, 0, Math.min(5, done.length)));
      if (done.length >= identificationSteps.length) done = done.slice(0, identificationSteps.length - 1);
      c.steps = this.buildSteps(f, helper, 'identification', done);
      c.activeWorkflow = 'identification';
      c.nextStep = identificationSteps[done.length] ?? null;
      c.suggestedCategory = f.h.kind === 'povertyExited' ? 'unstableExited' : 'marginal';
      this.addTarget(f.index, clueYear - 1, { lo: this.lineOf(clueYear - 1) * 0.6, hi: this.lineOf(clueYear - 1) * 1.0 });
      return this.withSuggestion(c, f);
    }

    if (status === 'rejected') {
      const rejectAt = weightedPick(rng, [['homeCheck', 40], ['villageReview', 30], ['townshipReview', 15], ['countyDecision', 15]] as const);
      const hit = rejectAt === 'homeCheck' ? pick(rng, negativeListItems) : undefined;
      const note = pick(rng, rejectionNotes[rejectAt] ?? ['不符合条件']);
      c.steps = this.buildSteps(f, helper, 'identification', idDates, { rejectAt, rejectNote: note, ...(hit ? { negativeHit: hit } : {}) });
      const last = c.steps[c.steps.length - 1]!;
      c.rejectedDate = last.date;
      c.rejectReason = note;
      // Turned down: the household is comfortably above the line.
      const line = this.lineOf(clueYear - 1);
      this.addTarget(f.index, clueYear - 1, { lo: line * 1.4, hi: line * 2.6 });
      this.addObjection(c);
      return this.withSuggestion(c, f);
    }

    // Included (monitoring or eliminated).
    c.category = category;
    c.categoryConfirmedBy = pick(rng, this.townshipStaff);
    c.steps = this.buildSteps(f, helper, 'identification', idDates);
    this.addObjection(c);
    const included = idDates[idDates.length - 1]!.date;
    c.includedDate = included;
    c.planDueDate = planDueDate(included, this.t(included));
    const incYear = Number(included.slice(0, 4));
    const lineBefore = this.lineOf(clueYear - 1);
    if (category === 'suddenHardship') {
      this.addTarget(f.index, clueYear - 1, { lo: lineBefore * 1.05, hi: lineBefore * 1.6 });
      this.addTarget(f.index, clueYear, { lo: this.lineOf(clueYear) * 0.6, hi: this.lineOf(clueYear) * 1.1 });
    } else {
      this.addTarget(f.index, clueYear - 1, { lo: lineBefore * 0.55, hi: lineBefore * 0.97 });
      this.addTarget(f.index, clueYear, { lo: this.lineOf(clueYear) * 0.6, hi: this.lineOf(clueYear) * 0.98 });
    }

    if (status === 'monitoring') {
      // Later years still within reach of the line; some cases have started risk elimination.
      for (let y = incYear + 1; y <= this.year; y++) this.addTarget(f.index, y, { lo: this.lineOf(y) * 0.7, hi: this.lineOf(y) * 1.05 });
      const earliest = earliestEliminationDate(included, this.t(included));
      if (!f.noLabor && earliest <= addDays(A, -20) && rng() < 0.15) {
        const nominate = addDays(A, -intIn(rng, 1, 20));
        const dates = this.runDates('elimination', nominate).filter((d) => d.date <= A);
        const kept = dates.slice(0, Math.min(dates.length, eliminationSteps.length - 1));
        c.steps.push(...this.buildSteps(f, helper, 'elimination', kept));
        c.activeWorkflow = 'elimination';
        c.nextStep = eliminationSteps[kept.length] ?? null;
        // Nominated: income already above line and floor this year.
        const line = this.lineOf(this.year);
        const floor = this.t(A).eliminationFloorFen;
        this.addTarget(f.index, this.year, { lo: Math.max(line, floor) * 1.1, hi: Math.max(line, floor) * 1.5 });
        c.guarantees = secureGuarantees();
      }
      return this.withSuggestion(c, f);
    }

    // Eliminated: nominated after the minimum monitoring time, the whole run done by asOf.
    const earliest = earliestEliminationDate(included, this.t(included));
    const latest = addDays(A, -20);
    const nominate = earliest >= latest ? latest : addDays(earliest, intIn(rng, 0, Math.min(180, daysBetween(earliest, latest))));
    const method: EliminationMethod = rng() < 0.85 ? 'assisted' : 'natural';
    const elimDates = this.runDates('elimination', maxDate(nominate, earliest));
    c.steps.push(...this.buildSteps(f, helper, 'elimination', elimDates, { method }));
    c.eliminatedDate = elimDates[elimDates.length - 1]!.date;
    c.eliminationMethod = method;
    const nomYear = Number(nominate.slice(0, 4));
    for (let y = nomYear - 1; y <= this.year; y++) {
      if (y < incYear) continue;
      const floor = this.t(`${y}-06-30`).eliminationFloorFen;
      const base = Math.max(this.lineOf(y), floor);
      this.addTarget(f.index, y, { lo: base * 1.12, hi: base * 1.8 });
    }
    return this.withSuggestion(c, f);
  }

  /** The category the program would suggest at the clue: follows the income targets chosen above. */
  private withSuggestion(c: SeedCase, f: HouseholdFacts): SeedCase {
    if (c.category !== null) c.suggestedCategory = c.category === 'suddenHardship' ? 'suddenHardship' : f.h.kind === 'povertyExited' ? 'unstableExited' : 'marginal';
    else if (c.status === 'rejected') c.suggestedCategory = 'suddenHardship';
    return c;
  }

  /** Now and then a notice draws an objection, checked and answered before the township review. */
  private addObjection(c: SeedCase): void {
    const i = c.steps.findIndex((s) => s.step === 'notice' && s.workflow === 'identification');
    const notice = c.steps[i];
    const next = c.steps[i + 1];
    if (!notice?.details.notice || !next || this.rng() >= 0.04) return;
    const received = addDays(notice.details.notice.startDate, intIn(this.rng, 0, 2));
    c.objections.push({
      stepIndex: i,
      receivedDate: received,
      objector: this.rng() < 0.5 ? null : this.personName(),
      content: pick(this.rng, ['反映该户有家庭成员在外务工收入较高', '反映该户在县城购有住房', '反映该户子女有赡养能力']),
      resolution: pick(this.rng, ['经入户核实，反映情况不属实，维持评议结果', '经核查，该户所购住房为安置房，不影响认定', '经核实，子女务工收入不稳定，维持原结果']),
      resolvedDate: minDate(addDays(received, intIn(this.rng, 1, 3)), next.date),
    });
  }

  // -- incomes -------------------------------------------------------------------------------

  private incomes(): SeedIncome[] {
    const out: SeedIncome[] = [];
    for (const f of this.facts) {
      const rows = this.householdIncomes(f);
      out.push(...rows);
    }
    return out;
  }

  private householdIncomes(f: HouseholdFacts): SeedIncome[] {
    const rng = this.rng;
    const { h, ages } = f;
    const n = h.members.length;
    // Base-year profile (元), then yearly growth with noise and the odd setback.
    const wages = h.members.map((m): number => {
      const weak = m.labor === 'weak' ? 0.6 : 1;
      switch (m.workStatus) {
        case 'outOfProvince':
          return between(rng, 42000, 65000) * weak;
        case 'inProvince':
          return between(rng, 36000, 55000) * weak;
        case 'inCounty':
          return between(rng, 28000, 42000) * weak;
        case 'local':
          return between(rng, 12000, 28000) * weak;
        case 'welfarePost':
          return between(rng, 6000, 9600);
        default:
          return 0;
      }
    });
    const selfEmployed = h.members.some((m) => m.workStatus === 'selfEmployed');
    const farms = h.members.some((m, i) => (ages[i] ?? 0) >= 35 && m.labor !== 'lost' && m.labor !== 'none' && (m.workStatus === 'local' || m.workStatus === 'none'));
    const business = (selfEmployed ? between(rng, 50000, 110000) : 0) + (farms && rng() < 0.75 ? between(rng, 6000, 26000) : 0);
    const costRatio = selfEmployed ? between(rng, 0.5, 0.7) : between(rng, 0.35, 0.55);
    const helped = h.kind !== 'ordinary';
    const property = (rng() < 0.4 ? between(rng, 300, 3000) : 0) + (helped && rng() < 0.6 ? between(rng, 300, 1200) : 0);
    const pension = h.members.reduce((s, m, i) => s + ((ages[i] ?? 0) >= 60 && (m.pensionInsurance || rng() < 0.9) ? between(rng, 1900, 3600) : 0), 0);
    const dibao = h.dibao ? n * between(rng, 3600, 6000) : 0;
    const tekun = h.tekun ? between(rng, 9000, 13000) : 0;
    const eco = rng() < 0.25 ? between(rng, 100, 1500) : 0;
    const disabledSevere = h.members.filter((m) => m.disabilityGrade === 1 || m.disabilityGrade === 2).length;
    // 赡养费: parents without earnings are supported by children registered elsewhere.
    const supported = !h.tekun && business === 0 && wages.every((w) => w === 0) ? between(rng, 3000, 9000) : 0;
    const other = (rng() < 0.8 ? between(rng, 200, 1500) : 0) + disabledSevere * between(rng, 1200, 2400) + (helped ? between(rng, 0, 800) : 0) + supported;
    const serious = h.members.filter((m) => m.health === 'serious').length;
    const chronic = h.members.filter((m) => m.health === 'chronic').length;

    const rows: SeedIncome[] = [];
    let prev: SeedIncome | null = null;
    const wageNow = [...wages];
    let businessNow = business;
    this.years.forEach((year, i) => {
      if (i > 0) {
        for (let k = 0; k < wageNow.length; k++) {
          const w = wageNow[k] ?? 0;
          wageNow[k] = rng() < 0.05 ? w * between(rng, 0, 0.4) : w * between(rng, 0.97, 1.15);
          if (w === 0 && (wages[k] ?? 0) > 0 && rng() < 0.6) wageNow[k] = (wages[k] ?? 0) * between(rng, 0.9, 1.1); // back at work
        }
        businessNow = rng() < 0.06 ? businessNow * between(rng, 0.3, 0.7) : businessNow * between(rng, 0.95, 1.15);
      }
      const g = 1 + 0.03 * i;
      const a = emptyIncome();
      a.wageFen = yuan(wageNow.reduce((s, w) => s + w, 0));
      a.businessIncomeFen = yuan(businessNow);
      a.businessCostFen = yuan(businessNow * costRatio * between(rng, 0.9, 1.1));
      a.propertyFen = yuan(property * g * between(rng, 0.8, 1.2));
      a.pensionFen = yuan(pension * g);
      a.dibaoFen = yuan(dibao * g);
      a.tekunFen = yuan(tekun * g);
      a.ecoCompensationFen = yuan(eco);
      a.otherTransferFen = yuan(other * between(rng, 0.8, 1.2));
      a.insurancePayoutFen = serious > 0 && rng() < 0.3 ? yuan(between(rng, 2000, 20000)) : rng() < 0.02 ? yuan(between(rng, 500, 5000)) : 0;
      a.medicalOutOfPocketFen = yuan(serious * between(rng, 3000, 20000) + chronic * (rng() < 0.5 ? between(rng, 500, 3000) : 0));
      const target = this.targets.get(f.index)?.get(year);
      if (target) this.steer(a, n, target);
      const pc = perCapitaFen(a, n);
      const row: SeedIncome = {
        householdIndex: f.index,
        year,
        memberCount: n,
        amounts: a,
        netIncomeFen: netIncomeFen(a),
        perCapitaFen: pc,
        declineCause: null,
        note: null,
      };
      if (prev && isDecline(prev.perCapitaFen, pc)) {
        const [cause, note] = this.declineCause(prev.amounts, a);
        row.declineCause = cause;
        row.note = note;
      }
      rows.push(row);
      prev = row;
    });
    return rows;
  }

  /** Moves per-capita income into [lo, hi] by scaling what the household earns (or adding costs). */
  private steer(a: Record<IncomeCategory, number>, n: number, range: IncomeTarget): void {
    const pc = perCapitaFen(a, n);
    if (pc >= range.lo && pc <= range.hi) return;
    const target = range.lo + this.rng() * (range.hi - range.lo);
    const earned = a.wageFen + a.businessIncomeFen - a.businessCostFen + a.propertyFen;
    const fixed = netIncomeFen(a) - earned + a.insurancePayoutFen - a.medicalOutOfPocketFen;
    const need = target * n - fixed;
    if (need >= 0 && earned > 0 && need <= earned * 3) {
      const k = need / earned;
      a.wageFen = yuan((a.wageFen / 100) * k);
      a.businessIncomeFen = yuan((a.businessIncomeFen / 100) * k);
      a.businessCostFen = Math.min(a.businessIncomeFen, yuan((a.businessCostFen / 100) * k));
      a.propertyFen = yuan((a.propertyFen / 100) * k);
    } else if (need >= 0) {
      // Too little earned to scale: the difference comes from work found with help (务工、公益性岗位).
      a.wageFen += yuan((need - earned) / 100);
    } else {
      // Transfers alone exceed the target: no earnings, and the rigid medical spending that put the household at risk.
      a.wageFen = 0;
      a.businessIncomeFen = 0;
      a.businessCostFen = 0;
      a.propertyFen = 0;
      a.medicalOutOfPocketFen += yuan(-need / 100);
    }
  }

  private declineCause(before: Record<IncomeCategory, number>, after: Record<IncomeCategory, number>): [DeclineCause, string | null] {
    const drops: [DeclineCause, number][] = [
      ['lostJob', before.wageFen - after.wageFen],
      [this.rng() < 0.3 ? 'disaster' : 'smallerFarming', before.businessIncomeFen - before.businessCostFen - (after.businessIncomeFen - after.businessCostFen)],
      ['lostIndustryDividend', before.propertyFen - after.propertyFen],
      ['lostDibao', before.dibaoFen - after.dibaoFen],
      ['lostSubsidy', before.otherTransferFen + before.ecoCompensationFen - after.otherTransferFen - after.ecoCompensationFen],
      ['other', after.medicalOutOfPocketFen - before.medicalOutOfPocketFen + before.insurancePayoutFen - after.insurancePayoutFen],
    ];
    drops.sort((x, y) => y[1] - x[1]);
    const cause = drops[0]![0];
    return [cause, cause === 'other' ? '家庭成员患病，合规自付医疗支出增加' : null];
  }

  // -- measures ------------------------------------------------------------------------------

  private measuresFor(c: SeedCase, caseIndex: number): SeedMeasure[] {
    if (c.includedDate === null) return [];
    const rng = this.rng;
    const A = this.asOf;
    const included = c.includedDate;
    const planDue = c.planDueDate ?? addDays(included, 10);
    // Cases in (or through) risk elimination had every measure carried out before the nomination.
    const closing = c.status === 'eliminated' || c.activeWorkflow === 'elimination';
    const end = closing ? (c.steps.find((s) => s.workflow === 'elimination')?.date ?? A) : A;
    // A plan is due within the deadline: a just-included case may have none yet, and a few are late.
    if (!closing && ((planDue >= A && rng() < 0.5) || rng() < 0.02)) return [];
    const out: SeedMeasure[] = [];
    const caseRisks = c.risks.map((r) => r.riskType);
    // Occasionally one risk of an open case is still without a measure (the case page flags it).
    const uncovered = !closing && caseRisks.length > 1 && rng() < 0.04 ? caseRisks[caseRisks.length - 1] : null;
    for (const risk of caseRisks) {
      if (risk === uncovered) continue;
      const types = this.catalog.filter((t) => t.riskTypes.includes(risk));
      if (types.length === 0) continue;
      const count = 2 + (rng() < 0.7 ? 1 : 0) + (rng() < 0.4 ? 1 : 0) + (rng() < 0.15 ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const type = pick(rng, types);
        const answers = [risk, ...caseRisks.filter((r) => r !== risk && type.riskTypes.includes(r) && rng() < 0.3)];
        // The first measures are planned within the plan deadline; later ones over the months after.
        const span = Math.max(1, daysBetween(included, end));
        const planned = k === 0 ? addDays(included, intIn(rng, 1, Math.max(1, daysBetween(included, planDue)))) : addDays(included, intIn(rng, 1, span));
        const doneOn = addDays(planned, intIn(rng, 5, 90));
        let status: MeasureStatus;
        let doneDate: string | null = null;
        if (closing) {
          status = k > 0 && rng() < 0.04 ? 'cancelled' : 'done';
          if (status === 'done') doneDate = minDate(doneOn, end);
        } else if (rng() < 0.04 && k > 0) {
          status = 'cancelled';
        } else if (planned > A) {
          status = 'planned';
        } else if (doneOn <= A && rng() < 0.85) {
          status = 'done';
          doneDate = doneOn;
        } else {
          status = rng() < 0.75 ? 'inProgress' : 'planned';
        }
        const typical = typicalFor(type);
        out.push({
          caseIndex,
          householdIndex: c.householdIndex,
          code: type.code,
          riskTypes: answers,
          responsibleUnit: typical.unit,
          helperName: c.helperName,
          plannedDate: minDate(planned, addDays(A, 60)),
          doneDate: doneDate !== null && doneDate < planned ? planned : doneDate,
          status,
          amountFen: type.hasAmount ? yuan(between(rng, typical.yuan[0], typical.yuan[1])) : null,
          note: status === 'cancelled' ? '情况变化，改为其他措施' : null,
        });
      }
    }
    out.sort((a, b) => (a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : 0));
    return out;
  }

  // -- visits --------------------------------------------------------------------------------

  private visits(cases: readonly SeedCase[]): SeedVisit[] {
    const rng = this.rng;
    const A = this.asOf;
    const out: SeedVisit[] = [];
    const caseOf = new Map<number, number>();
    cases.forEach((c, i) => caseOf.set(c.householdIndex, i));

    const push = (f: HouseholdFacts, caseIndex: number | null, date: string, kind: VisitKind, text: readonly string[], guarantees: Guarantees | null, helper: string) => {
      const month = date.slice(5, 7);
      const year = Number(date.slice(0, 4));
      // The year-end visit of a case household records the year's income.
      const incomeYear = caseIndex !== null && (month === '12' || month === '01') && rng() < 0.5 ? (month === '12' ? year : year - 1) : null;
      out.push({
        householdIndex: f.index,
        caseIndex,
        date,
        visitors: this.team(f, helper, rng() < 0.5 ? 1 : 2),
        kind,
        findings: pick(rng, text),
        guarantees,
        incomeYear: incomeYear !== null && this.years.includes(incomeYear) ? incomeYear : null,
      });
    };

    /** A visit every `months` from `start` until `until`, a few days either side of the due day. */
    const cycle = (from: string, until: string, months: number, lapse: boolean, each: (date: string, n: number) => void) => {
      let due = addMonths(from, months);
      const stopBy = lapse ? addDays(A, -intIn(rng, 25, 70)) : A;
      const last = minDate(until, stopBy);
      let n = 0;
      for (let guard = 0; guard < 200; guard++) {
        const date = addDays(due, -intIn(rng, 0, months > 1 ? 20 : 8));
        if (date > last) break;
        each(date, n++);
        due = addMonths(date, months);
      }
    };

    for (const f of this.facts) {
      const ci = caseOf.get(f.index);
      const c = ci === undefined ? null : cases[ci]!;
      if (c && c.status !== 'rejected') {
        const helper = c.helperName ?? this.helperOf(f);
        const lapse = rng() < 0.08;
        if (c.status === 'identifying') {
          if (rng() < 0.5) push(f, ci!, minDate(addDays(c.clueDate, intIn(rng, 0, 3)), A), 'routine', findingsText.identifying, null, helper);
          continue;
        }
        const included = c.includedDate!;
        const openUntil = c.eliminatedDate ?? A;
        const months = this.t(included).visitOpenMonths;
        cycle(included, openUntil, months, c.status === 'monitoring' && lapse, (date, n) => {
          const evaluation = n % 3 === 2;
          push(f, ci!, date, evaluation ? 'evaluation' : 'routine', evaluation ? findingsText.evaluation : findingsText.open, c.guarantees, helper);
        });
        if (c.status === 'eliminated') {
          const elim = c.eliminatedDate!;
          cycle(elim, A, this.t(elim).visitEliminatedMonths, lapse, (date) => push(f, ci!, date, 'return', findingsText.eliminatedReturn, secureGuarantees(), helper));
        }
        continue;
      }
      if (f.h.kind === 'povertyExited') {
        // Stable exited households: one visit a year, usually at the spring or autumn screening.
        const helper = this.helperOf(f);
        for (const year of this.years) {
          if (year === this.year && rng() < 0.12) continue; // not yet visited this year
          const autumn = rng() < 0.5;
          const date = autumn ? addDays(`${year}-09-01`, intIn(rng, 0, 75)) : addDays(`${year}-03-01`, intIn(rng, 0, 75));
          if (date > A) continue;
          push(f, null, date, rng() < 0.6 ? 'screening' : 'routine', findingsText.stable, rng() < 0.4 ? secureGuarantees() : null, helper);
        }
      }
    }
    out.sort((a, b) => a.householdIndex - b.householdIndex || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return out;
  }
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
