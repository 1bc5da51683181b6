// Deterministic, realistic test data for one township (ARCHITECTURE.md: test data comes from a
// seeded generator). Pure: no Node built-ins, no clock, no Math.random — the same options always
// give the same township, so a failing test or a slow screen can be reproduced from its seed.

import type {
  DisabilityCategory,
  DisabilityGrade,
  Education,
  Health,
  HouseholdKind,
  Labor,
  Relation,
  Schooling,
  WorkStatus,
} from '../../../shared/domain/household';
import { ethnicityDefault } from '../../../shared/domain/household';
import { idCheckDigit, type Sex } from '../../../shared/domain/idNumber';
import { isValidIsoDate } from '../../../shared/lib/dates';
import {
  chineseNumeral,
  clanVillageEndings,
  classicVillageNames,
  givenNames,
  minorityEthnicities,
  mobilePrefixes,
  nameEra,
  surnameShares,
  villageFirstSyllables,
  villageSecondSyllables,
} from './names';

export interface SeedVillage {
  code: string;
  name: string;
  groups: string[];
}
export interface SeedMember {
  name: string;
  idNumber: string;
  relation: Relation;
  ethnicity: string;
  education: Education;
  schooling: Schooling;
  health: Health;
  disabilityCategory: DisabilityCategory | null;
  disabilityGrade: DisabilityGrade | null;
  labor: Labor;
  workStatus: WorkStatus;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
  phone: string | null;
}
export interface SeedHousehold {
  householdCode: string;
  villageIndex: number;
  groupIndex: number;
  address: string;
  phone: string | null;
  kind: HouseholdKind;
  dibao: boolean;
  tekun: boolean;
  relocated: boolean;
  helperName: string | null;
  /** members[0] is the head (relation 'head'). */
  members: SeedMember[];
}
export interface SeedOptions {
  seed: number;
  households: number;
  /** 6 digits; also the region code of every generated ID number. */
  countyCode: string;
  /** 9 digits, starting with countyCode. */
  townshipCode: string;
  /** 'YYYY-MM-DD': the day ages are counted on. */
  asOf: string;
  villages?: number;
}
export interface SeedTownship {
  villages: SeedVillage[];
  households: SeedHousehold[];
}

type Rng = () => number;

/** mulberry32: tiny, fast, and good enough for test data. Returns floats in [0, 1). */
export function createRng(seed: number): Rng {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Sampling helpers

class Weighted<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      this.total += weight;
      this.items.push(item);
      this.cumulative.push(this.total);
    }
    if (this.items.length === 0) throw new Error('Weighted table needs at least one positive weight');
  }

  pick(rng: Rng): T {
    const target = rng() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? Infinity) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] ?? this.items[this.items.length - 1] ?? this.fail();
  }

  private fail(): never {
    throw new Error('unreachable: empty weighted table');
  }
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Splits `total` into parts proportional to `weights`, summing exactly to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (rest <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    rest--;
  }
  return parts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Static tables

const nationalSurnames = new Weighted(surnameShares);
const singleCharSurnames = surnameShares.filter(([s]) => s.length === 1).map(([s]) => s);

type Composition =
  | 'singleElder'
  | 'singleAdult'
  | 'elderCouple'
  | 'nuclear'
  | 'singleParent'
  | 'threeGen'
  | 'withParent'
  | 'skipGen';

// Exited and monitored households are older and more often incomplete: the registry's 因病/因残/
// 缺劳动力 causes live in exactly those shapes.
const compositions: Readonly<Record<HouseholdKind, Weighted<Composition>>> = {
  ordinary: new Weighted<Composition>([
    ['singleElder', 8], ['singleAdult', 3], ['elderCouple', 16], ['nuclear', 40],
    ['singleParent', 3], ['threeGen', 20], ['withParent', 8], ['skipGen', 2],
  ]),
  povertyExited: new Weighted<Composition>([
    ['singleElder', 14], ['singleAdult', 6], ['elderCouple', 16], ['nuclear', 29],
    ['singleParent', 6], ['threeGen', 19], ['withParent', 7], ['skipGen', 3],
  ]),
  monitored: new Weighted<Composition>([
    ['singleElder', 12], ['singleAdult', 6], ['elderCouple', 14], ['nuclear', 31],
    ['singleParent', 8], ['threeGen', 19], ['withParent', 7], ['skipGen', 3],
  ]),
};

const healthFactor: Readonly<Record<HouseholdKind, number>> = { ordinary: 0.85, povertyExited: 1.6, monitored: 2.3 };
const dibaoBase: Readonly<Record<HouseholdKind, number>> = { ordinary: 0.007, povertyExited: 0.22, monitored: 0.3 };
const relocatedShare: Readonly<Record<HouseholdKind, number>> = { ordinary: 0, povertyExited: 0.1, monitored: 0.05 };

const disabilityCategoryTable = new Weighted<DisabilityCategory>([
  ['physical', 30], ['hearing', 22], ['visual', 15], ['multiple', 14], ['intellectual', 8], ['mental', 8], ['speech', 3],
]);
const disabilityGradeTable = new Weighted<DisabilityGrade>([[1, 12], [2, 23], [3, 28], [4, 37]]);

type AdultEducation = Exclude<Education, 'preschool'>;
const adultEducation = {
  born1990s: new Weighted<AdultEducation>([['none', 1], ['primary', 6], ['juniorHigh', 44], ['seniorHigh', 18], ['vocational', 14], ['college', 17]]),
  born1970s: new Weighted<AdultEducation>([['none', 3], ['primary', 20], ['juniorHigh', 55], ['seniorHigh', 13], ['vocational', 5], ['college', 4]]),
  born1960s: new Weighted<AdultEducation>([['none', 10], ['primary', 38], ['juniorHigh', 40], ['seniorHigh', 9], ['vocational', 2], ['college', 1]]),
  born1950s: new Weighted<AdultEducation>([['none', 30], ['primary', 46], ['juniorHigh', 18], ['seniorHigh', 5], ['college', 1]]),
  older: new Weighted<AdultEducation>([['none', 55], ['primary', 36], ['juniorHigh', 7], ['seniorHigh', 2]]),
};

const workTables = {
  youngMale: new Weighted<WorkStatus>([['outOfProvince', 34], ['inProvince', 20], ['inCounty', 12], ['local', 10], ['selfEmployed', 6], ['welfarePost', 1], ['none', 17]]),
  youngFemale: new Weighted<WorkStatus>([['outOfProvince', 24], ['inProvince', 16], ['inCounty', 10], ['local', 12], ['selfEmployed', 4], ['welfarePost', 1], ['none', 33]]),
  older: new Weighted<WorkStatus>([['outOfProvince', 12], ['inProvince', 12], ['inCounty', 14], ['local', 18], ['selfEmployed', 4], ['welfarePost', 3], ['none', 37]]),
};

// Husbands are usually 0–4 years older; never more than 6 years apart either way.
const spouseGap = new Weighted<number>([[-2, 4], [-1, 8], [0, 14], [1, 16], [2, 16], [3, 13], [4, 10], [5, 7], [6, 4]]);
const countTable = (weights: readonly number[]): Weighted<number> => new Weighted(weights.map((w, i) => [i, w] as const));
const nuclearChildren = countTable([0, 35, 45, 17, 3]);
const singleParentChildren = countTable([0, 50, 40, 10]);
const withParentChildren = countTable([15, 35, 40, 10]);
const grandchildren = countTable([12, 38, 38, 12]);

// Days of a non-leap year; leap days are left out so an age never has to be re-derived.
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const MONTH_DAYS: readonly number[] = MONTH_LENGTHS.flatMap((len, m) => Array.from({ length: len }, (_, d) => (m + 1) * 100 + d + 1));

// ---------------------------------------------------------------------------------------------
// Drafts: who lives in a household, before names, IDs and attributes are filled in

interface Draft {
  relation: Relation;
  sex: Sex;
  age: number;
  surname: string;
  ethnicity: string;
}

interface VillagePlan {
  code: string;
  name: string;
  groups: string[];
  groupSizes: number[];
  surnames: Weighted<string>;
  minority: string | null;
  minorityShare: number;
  povertyFactor: number;
  cadres: string[];
}

const MAX_HOUSEHOLD_SIZE = 7;
const MAX_HOUSEHOLDS_PER_VILLAGE = 9999;

class TownshipGenerator {
  private readonly rng: Rng;
  // Numeric keys: a Set of 100,000 numbers is several times faster than one of strings.
  private readonly usedIds = new Set<number>();
  private readonly usedPhones = new Set<number>();
  private readonly asOfYear: number;
  private readonly asOfMonthDay: number;

  constructor(private readonly opts: SeedOptions) {
    this.rng = createRng(opts.seed);
    this.asOfYear = Number(opts.asOf.slice(0, 4));
    this.asOfMonthDay = Number(opts.asOf.slice(5, 7)) * 100 + Number(opts.asOf.slice(8, 10));
  }

  run(): SeedTownship {
    const plans = this.planVillages();
    const households: SeedHousehold[] = [];
    plans.forEach((plan, villageIndex) => {
      let sequence = 0;
      plan.groupSizes.forEach((size, groupIndex) => {
        let houseNo = 0;
        for (let i = 0; i < size; i++) {
          sequence++;
          houseNo += intIn(this.rng, 1, 3);
          households.push(this.household(plan, villageIndex, groupIndex, sequence, houseNo));
        }
      });
    });
    return { villages: plans.map(({ code, name, groups }) => ({ code, name, groups })), households };
  }

  // -- villages ------------------------------------------------------------------------------

  private planVillages(): VillagePlan[] {
    const { households, townshipCode } = this.opts;
    const count = this.opts.villages ?? clamp(Math.round(households / 500), 3, 300);
    const sizes = apportion(households, Array.from({ length: count }, () => 0.5 + this.rng()));
    if (sizes.some((n) => n > MAX_HOUSEHOLDS_PER_VILLAGE)) {
      throw new RangeError(`每个村最多 ${MAX_HOUSEHOLDS_PER_VILLAGE} 户（户编号只有4位序号），请增加村的数量。`);
    }
    const usedNames = new Set<string>();
    const plans = sizes.map((size, i): VillagePlan => {
      const [name, clan] = this.villageName(usedNames);
      const groupCount = clamp(Math.round(size / 55 + (this.rng() - 0.5) * 2), 3, 12);
      const groups = Array.from({ length: groupCount }, (_, g) => `${chineseNumeral(g + 1)}组`);
      // Rural villages are clan villages: a few surnames cover much of the population.
      const surnames = new Weighted<string>([
        [clan ?? nationalSurnames.pick(this.rng), 22],
        [nationalSurnames.pick(this.rng), 12],
        [nationalSurnames.pick(this.rng), 8],
        ...surnameShares.map(([s, w]) => [s, w * 0.58] as const),
      ]);
      const hasMinority = this.rng() < 0.25;
      return {
        code: `${townshipCode}${pad(i + 1, 3)}`,
        name,
        groups,
        groupSizes: apportion(size, groups.map(() => 0.6 + this.rng() * 0.8)),
        surnames,
        minority: hasMinority ? pick(this.rng, minorityEthnicities) : null,
        minorityShare: hasMinority ? 0.1 + this.rng() * 0.4 : 0,
        povertyFactor: 0.4 + this.rng() * 1.2,
        cadres: [],
      };
    });
    // Former poor villages carry more exited households; rescale so the township's shares hold.
    const weighted = plans.reduce((acc, p, i) => acc + p.povertyFactor * (sizes[i] ?? 0), 0);
    const mean = households > 0 ? weighted / households : 1;
    plans.forEach((p, i) => {
      p.povertyFactor /= mean;
      const poor = (sizes[i] ?? 0) * 0.2 * p.povertyFactor;
      const cadreCount = Math.max(2, Math.round(poor / 8));
      for (let c = 0; c < cadreCount; c++) p.cadres.push(this.cadreName());
    });
    return plans;
  }

  private villageName(used: Set<string>): [string, string | null] {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const r = this.rng();
      let base: string;
      let clan: string | null = null;
      if (r < 0.3) {
        base = pick(this.rng, classicVillageNames);
      } else if (r < 0.75) {
        base = pick(this.rng, villageFirstSyllables) + pick(this.rng, villageSecondSyllables);
      } else {
        clan = pick(this.rng, singleCharSurnames);
        base = `${clan}家${pick(this.rng, clanVillageEndings)}`;
      }
      const name = `${base}村`;
      if (!used.has(name)) {
        used.add(name);
        return [name, clan];
      }
    }
    throw new Error('村名用尽，请减少村的数量。');
  }

  private cadreName(): string {
    const sex: Sex = this.rng() < 0.65 ? 'male' : 'female';
    return nationalSurnames.pick(this.rng) + this.givenName(sex, this.asOfYear - intIn(this.rng, 25, 55));
  }

  // -- households ----------------------------------------------------------------------------

  private household(plan: VillagePlan, villageIndex: number, groupIndex: number, sequence: number, houseNo: number): SeedHousehold {
    const rng = this.rng;
    const f = plan.povertyFactor;
    const r = rng();
    const kind: HouseholdKind = r < 0.03 * f ? 'monitored' : r < 0.2 * f ? 'povertyExited' : 'ordinary';
    const drafts = this.compose(compositions[kind].pick(rng), plan).slice(0, MAX_HOUSEHOLD_SIZE);
    const members = this.materialize(drafts, kind);

    const noLabor = members.every((m) => m.labor === 'lost' || m.labor === 'none');
    // 特困供养 is for people with no one obliged to support them: in practice, old people living alone.
    const headAge = drafts[0]?.age ?? 0;
    const tekunCandidate = members.length === 1 && (headAge >= 60 || noLabor);
    const tekun = tekunCandidate && rng() < (kind === 'ordinary' ? 0.1 : 0.3);
    // 特困供养 and 低保 are alternatives, never both.
    const dibaoP = noLabor ? Math.min(0.85, dibaoBase[kind] * 2.5) : dibaoBase[kind] * 0.8;
    const dibao = !tekun && rng() < dibaoP;
    const relocated = rng() < relocatedShare[kind];
    const helped = kind !== 'ordinary' || rng() < 0.02;
    const groupName = plan.groups[groupIndex] ?? '';

    return {
      householdCode: `${plan.code}${pad(sequence, 4)}`,
      villageIndex,
      groupIndex,
      address: `${plan.name}${groupName}${houseNo}号`,
      phone: members[0]?.phone ?? members.find((m) => m.phone !== null)?.phone ?? null,
      kind,
      dibao,
      tekun,
      relocated,
      helperName: helped ? pick(rng, plan.cadres) : null,
      members,
    };
  }

  private adult(plan: VillagePlan, relation: Relation, sex: Sex, age: number): Draft {
    const ethnicity = plan.minority !== null && this.rng() < plan.minorityShare ? plan.minority : ethnicityDefault;
    return { relation, sex, age, surname: plan.surnames.pick(this.rng), ethnicity };
  }

  private spouseOf(plan: VillagePlan, head: Draft): Draft {
    const gap = spouseGap.pick(this.rng);
    const sex: Sex = head.sex === 'male' ? 'female' : 'male';
    const age = head.sex === 'male' ? head.age - gap : head.age + gap;
    return this.adult(plan, 'spouse', sex, Math.max(20, age));
  }

  /** A child draft; surname and ethnicity follow the parents present (or an absent father). */
  private child(
    plan: VillagePlan,
    relation: 'son' | 'daughter' | 'grandson' | 'granddaughter',
    age: number,
    father: Draft | null,
    mother: Draft | null,
  ): Draft {
    const sex: Sex = relation === 'son' || relation === 'grandson' ? 'male' : 'female';
    let surname: string;
    if (father && mother) surname = this.rng() < 0.95 ? father.surname : mother.surname;
    else if (father) surname = father.surname;
    else if (mother) surname = this.rng() < 0.8 ? plan.surnames.pick(this.rng) : mother.surname;
    else surname = plan.surnames.pick(this.rng);
    const minority = [father, mother].find((p) => p && p.ethnicity !== ethnicityDefault)?.ethnicity;
    const ethnicity = minority && this.rng() < 0.8 ? minority : (father ?? mother)?.ethnicity ?? ethnicityDefault;
    return { relation, sex, age, surname, ethnicity };
  }

  /** Ages of up to `count` children of parents whose younger one is `parentAge` (≥ 20 years apart). */
  private childAges(parentAge: number, count: number, maxAge = Infinity): number[] {
    const ages: number[] = [];
    let age = Math.min(maxAge, parentAge - intIn(this.rng, 20, clamp(parentAge, 20, 32)));
    for (let i = 0; i < count && age >= 0; i++) {
      ages.push(age);
      age -= intIn(this.rng, 1, 5);
    }
    return ages;
  }

  private children(
    plan: VillagePlan,
    father: Draft | null,
    mother: Draft | null,
    count: number,
    grand: boolean,
    maxAge = Infinity,
  ): Draft[] {
    const parentAge = Math.min(father?.age ?? Infinity, mother?.age ?? Infinity);
    return this.childAges(parentAge, count, maxAge).map((age) => {
      const male = this.rng() < 0.52;
      const relation = grand ? (male ? 'grandson' : 'granddaughter') : male ? 'son' : 'daughter';
      return this.child(plan, relation, age, father, mother);
    });
  }

  /** `spouseShare` is [if the head is a man, if the head is a woman]: a woman heads mostly when widowed. */
  private headAndSpouse(
    plan: VillagePlan,
    maleShare: number,
    lo: number,
    hi: number,
    spouseShare: readonly [number, number],
  ): [Draft, Draft | null] {
    const sex: Sex = this.rng() < maleShare ? 'male' : 'female';
    // Mean of two uniforms: head ages bunch in the middle of the range, as in real registers.
    const age = Math.round((intIn(this.rng, lo, hi) + intIn(this.rng, lo, hi)) / 2);
    const head = this.adult(plan, 'head', sex, age);
    const spouse = this.rng() < spouseShare[sex === 'male' ? 0 : 1] ? this.spouseOf(plan, head) : null;
    return [head, spouse];
  }

  private compose(shape: Composition, plan: VillagePlan): Draft[] {
    const rng = this.rng;
    const parentsOf = (head: Draft, spouse: Draft | null): [Draft | null, Draft | null] =>
      head.sex === 'male' ? [head, spouse] : [spouse, head];

    switch (shape) {
      case 'singleElder': {
        const sex: Sex = rng() < 0.45 ? 'male' : 'female';
        return [this.adult(plan, 'head', sex, intIn(rng, 60, 80))];
      }
      case 'singleAdult': {
        const sex: Sex = rng() < 0.8 ? 'male' : 'female';
        return [this.adult(plan, 'head', sex, intIn(rng, 30, 59))];
      }
      case 'elderCouple': {
        const [head, spouse] = this.headAndSpouse(plan, 0.92, 55, 80, [1, 1]);
        return spouse ? [head, spouse] : [head];
      }
      case 'nuclear': {
        const [head, spouse] = this.headAndSpouse(plan, 0.9, 28, 58, [1, 1]);
        const [father, mother] = parentsOf(head, spouse);
        // Grown children over 30 have mostly married out and left the register.
        const kids = this.children(plan, father, mother, nuclearChildren.pick(rng), false).filter(
          (k) => k.age <= 30 || rng() < 0.4,
        );
        return [head, ...(spouse ? [spouse] : []), ...kids, ...this.maybeSibling(plan, head)];
      }
      case 'singleParent': {
        const [head] = this.headAndSpouse(plan, 0.35, 30, 55, [0, 0]);
        const [father, mother] = parentsOf(head, null);
        return [head, ...this.children(plan, father, mother, singleParentChildren.pick(rng), false)];
      }
      case 'threeGen':
        return this.threeGenerations(plan);
      case 'withParent': {
        const [head, spouse] = this.headAndSpouse(plan, 0.85, 30, 58, [0.85, 0.5]);
        const [father, mother] = parentsOf(head, spouse);
        const kids = this.children(plan, father, mother, withParentChildren.pick(rng), false, 30);
        return [head, ...(spouse ? [spouse] : []), ...kids, ...this.elders(plan, head, spouse)];
      }
      case 'skipGen': {
        // Grandparents registered with grandchildren whose parents moved their hukou for work.
        const [head, spouse] = this.headAndSpouse(plan, 0.85, 52, 78, [0.75, 0]);
        const [father, mother] = parentsOf(head, spouse);
        const youngest = Math.min(head.age, spouse?.age ?? Infinity);
        const grandkids = Array.from({ length: rng() < 0.6 ? 1 : 2 }, () => {
          const age = clamp(youngest - intIn(rng, 44, 58), 0, 17);
          const draft = this.child(plan, rng() < 0.52 ? 'grandson' : 'granddaughter', age, father, mother);
          return rng() < 0.2 ? { ...draft, surname: plan.surnames.pick(rng) } : draft;
        });
        return [head, ...(spouse ? [spouse] : []), ...grandkids];
      }
    }
  }

  private threeGenerations(plan: VillagePlan): Draft[] {
    const rng = this.rng;
    const [head, partner] = this.headAndSpouse(plan, 0.85, 48, 78, [0.8, 0]);
    const [father, mother] = head.sex === 'male' ? [head, partner] : [null, head];
    const parentAge = Math.min(head.age, partner?.age ?? Infinity);

    // Usually a married son stays; sometimes a daughter's husband marries in (上门女婿).
    const viaDaughter = rng() < 0.1;
    const childAge = intIn(rng, Math.max(20, parentAge - 34), Math.max(20, parentAge - 21));
    const child = this.child(plan, viaDaughter ? 'daughter' : 'son', childAge, father, mother);
    const inLaw =
      rng() < 0.85
        ? this.adult(
            plan,
            viaDaughter ? 'sonInLaw' : 'daughterInLaw',
            viaDaughter ? 'male' : 'female',
            Math.max(20, viaDaughter ? child.age + intIn(rng, -2, 5) : child.age - intIn(rng, -2, 5)),
          )
        : null;
    const [gFather, gMother] = viaDaughter ? [inLaw, child] : [child, inLaw];
    const count = grandchildren.pick(rng);
    const grandkids = this.children(plan, gFather, gMother, count, true).map((g) =>
      viaDaughter && gFather && rng() < 0.5 ? { ...g, surname: child.surname } : g,
    );

    const members: Draft[] = [head, ...(partner ? [partner] : []), child];
    if (rng() < 0.15) {
      // An unmarried younger sibling of the married child.
      const age = intIn(rng, 16, Math.max(16, parentAge - 20));
      members.push(this.child(plan, rng() < 0.5 ? 'son' : 'daughter', age, father, mother));
    }
    if (inLaw) members.push(inLaw);
    members.push(...grandkids);
    return members;
  }

  private elders(plan: VillagePlan, head: Draft, spouse: Draft | null): Draft[] {
    const rng = this.rng;
    const spouseSide = spouse !== null && rng() < 0.2;
    const base = spouseSide && spouse ? spouse : head;
    if (!spouseSide && head.age <= 40 && rng() < 0.15) {
      const sex: Sex = rng() < 0.3 ? 'male' : 'female';
      const age = Math.min(95, base.age + intIn(rng, 45, 58));
      const g = this.adult(plan, sex === 'male' ? 'grandfather' : 'grandmother', sex, age);
      return [sex === 'male' ? { ...g, surname: head.surname } : g];
    }
    const out: Draft[] = [];
    const both = rng() < 0.25;
    const motherOnly = rng() < 0.65;
    const fatherRel: Relation = spouseSide ? 'fatherInLaw' : 'father';
    const motherRel: Relation = spouseSide ? 'motherInLaw' : 'mother';
    const motherAge = Math.min(95, base.age + intIn(rng, 22, 34));
    if (both || !motherOnly) {
      const fatherAge = Math.min(95, motherAge + intIn(rng, 0, 5));
      out.push({ ...this.adult(plan, fatherRel, 'male', fatherAge), surname: base.surname, ethnicity: base.ethnicity });
    }
    if (both || motherOnly) out.push(this.adult(plan, motherRel, 'female', motherAge));
    return out;
  }

  private maybeSibling(plan: VillagePlan, head: Draft): Draft[] {
    if (this.rng() >= 0.03) return [];
    const sex: Sex = this.rng() < 0.75 ? 'male' : 'female';
    const age = clamp(head.age + intIn(this.rng, -12, 12), 18, 80);
    return [{ ...this.adult(plan, 'sibling', sex, age), surname: head.surname, ethnicity: head.ethnicity }];
  }

  // -- people --------------------------------------------------------------------------------

  private materialize(drafts: readonly Draft[], kind: HouseholdKind): SeedMember[] {
    const names = new Set<string>();
    return drafts.map((d) => {
      const birth = this.birthDate(d.age);
      const birthYear = Math.floor(birth / 10000);
      let name = d.surname + this.givenName(d.sex, birthYear);
      for (let i = 0; i < 5 && names.has(name); i++) name = d.surname + this.givenName(d.sex, birthYear);
      names.add(name);
      const { education, schooling } = this.education(d.age, d.sex, birthYear);
      const { health, disabilityCategory, disabilityGrade } = this.health(d.age, kind);
      const labor = this.labor(d.age, health, disabilityGrade, schooling, education);
      const adultNotStudying = d.age >= 16 && schooling === 'notInSchool';
      return {
        name,
        idNumber: this.idNumber(birth, d.sex),
        relation: d.relation,
        ethnicity: d.ethnicity,
        education,
        schooling,
        health,
        disabilityCategory,
        disabilityGrade,
        labor,
        workStatus: this.workStatus(d.age, d.sex, labor, kind),
        medicalInsurance: this.rng() < (kind === 'ordinary' ? 0.975 : 0.995),
        pensionInsurance: adultNotStudying && this.rng() < (kind === 'ordinary' ? 0.88 : 0.95),
        phone: this.phone(d.age),
      };
    });
  }

  /** A birth date giving exactly `age` whole years on asOf, as the number YYYYMMDD. */
  private birthDate(age: number): number {
    const monthDay = pick(this.rng, MONTH_DAYS);
    const year = this.asOfYear - age - (monthDay > this.asOfMonthDay ? 1 : 0);
    return year * 10000 + monthDay;
  }

  private givenName(sex: Sex, birthYear: number): string {
    const pool = givenNames[nameEra(birthYear)][sex];
    return pick(this.rng, this.rng() < pool.singleShare ? pool.single : pool.double);
  }

  /** Region is always the county, so birth date and sequence number alone make the number unique. */
  private idNumber(ymd: number, sex: Sex): string {
    const parity = sex === 'male' ? 1 : 0;
    let seq = -1;
    for (let attempt = 0; attempt < 20 && seq < 0; attempt++) {
      const candidate = intIn(this.rng, 0, 499) * 2 + parity;
      if (!this.usedIds.has(ymd * 1000 + candidate)) seq = candidate;
    }
    for (let k = 0; k < 500 && seq < 0; k++) {
      if (!this.usedIds.has(ymd * 1000 + k * 2 + parity)) seq = k * 2 + parity;
    }
    if (seq < 0) throw new RangeError('同一出生日期的身份证顺序号已用完，请减少户数。');
    this.usedIds.add(ymd * 1000 + seq);
    const first17 = `${this.opts.countyCode}${ymd}${pad(seq, 3)}`;
    return first17 + idCheckDigit(first17);
  }

  private phone(age: number): string | null {
    const p = age < 16 ? 0 : age < 18 ? 0.25 : age < 65 ? 0.88 : age <= 75 ? 0.55 : 0.2;
    if (this.rng() >= p) return null;
    for (;;) {
      const phone = Number(pick(this.rng, mobilePrefixes)) * 1e8 + intIn(this.rng, 0, 99_999_999);
      if (!this.usedPhones.has(phone)) {
        this.usedPhones.add(phone);
        return String(phone);
      }
    }
  }

  private education(age: number, sex: Sex, birthYear: number): { education: Education; schooling: Schooling } {
    const rng = this.rng;
    if (age < 3) return { education: 'preschool', schooling: 'notInSchool' };
    if (age < 6) return { education: 'preschool', schooling: rng() < 0.85 ? 'preschool' : 'notInSchool' };
    if (age <= 11) return { education: 'primary', schooling: 'primary' };
    if (age <= 14) return { education: 'juniorHigh', schooling: 'juniorHigh' };
    if (age <= 17) {
      const r = rng();
      if (r < 0.55) return { education: 'seniorHigh', schooling: 'seniorHigh' };
      if (r < 0.88) return { education: 'vocational', schooling: 'vocational' };
      return { education: 'juniorHigh', schooling: 'notInSchool' };
    }
    if (age <= 22) {
      const r = rng();
      if (r < 0.2) return { education: 'college', schooling: 'undergraduate' };
      if (r < 0.45) return { education: 'college', schooling: 'higherVocational' };
    }
    const table =
      birthYear >= 1985
        ? adultEducation.born1990s
        : birthYear >= 1970
          ? adultEducation.born1970s
          : birthYear >= 1960
            ? adultEducation.born1960s
            : birthYear >= 1950
              ? adultEducation.born1950s
              : adultEducation.older;
    let education: Education = table.pick(rng);
    // Rural girls of the older cohorts were often kept out of school.
    if (sex === 'female' && birthYear < 1970 && education !== 'none' && rng() < 0.2) education = 'none';
    return { education, schooling: 'notInSchool' };
  }

  private health(
    age: number,
    kind: HouseholdKind,
  ): { health: Health; disabilityCategory: DisabilityCategory | null; disabilityGrade: DisabilityGrade | null } {
    const [chronic, serious, disabled] =
      age < 18 ? [0.01, 0.003, 0.012] : age < 45 ? [0.04, 0.01, 0.025] : age < 60 ? [0.12, 0.025, 0.045] : age < 70 ? [0.22, 0.04, 0.07] : [0.32, 0.05, 0.1];
    const f = healthFactor[kind];
    const r = this.rng();
    if (r < disabled * f) {
      return {
        health: 'disabled',
        disabilityCategory: disabilityCategoryTable.pick(this.rng),
        disabilityGrade: disabilityGradeTable.pick(this.rng),
      };
    }
    const health: Health = r < (disabled + serious) * f ? 'serious' : r < (disabled + serious + chronic) * f ? 'chronic' : 'healthy';
    return { health, disabilityCategory: null, disabilityGrade: null };
  }

  private labor(age: number, health: Health, grade: DisabilityGrade | null, schooling: Schooling, education: Education): Labor {
    const r = this.rng();
    if (age < 16 || schooling !== 'notInSchool') return 'none';
    if (health === 'serious') return r < 0.8 ? 'lost' : 'weak';
    if (grade === 1 || grade === 2) return 'lost';
    if (grade === 3) return r < 0.1 ? 'lost' : r < 0.8 ? 'weak' : 'normal';
    if (age >= 70) return r < (health === 'chronic' ? 0.85 : 0.75) ? 'none' : 'weak';
    if (age >= 65) return r < 0.3 ? 'none' : r < 0.8 ? 'weak' : 'normal';
    if (age >= 60) return r < 0.1 ? 'none' : r < 0.5 ? 'weak' : 'normal';
    if (health === 'chronic' || grade === 4) return r < 0.5 ? 'weak' : 'normal';
    if (age < 18) return r < 0.4 ? 'weak' : 'normal';
    const skilled = education === 'college' || education === 'vocational' ? 0.45 : education === 'seniorHigh' ? 0.2 : 0.1;
    return r < 0.02 ? 'weak' : r < 0.02 + skilled ? 'skilled' : 'normal';
  }

  private workStatus(age: number, sex: Sex, labor: Labor, kind: HouseholdKind): WorkStatus {
    if (labor === 'none' || labor === 'lost' || age < 16) return 'none';
    const rng = this.rng;
    const r = rng();
    // 公益性岗位 go to weak labour in exited and monitored households, and not to people over 70.
    const postAllowed = age < 70 && kind !== 'ordinary';
    if (labor === 'weak') {
      if (postAllowed && r < 0.25) return 'welfarePost';
      return r < 0.45 ? 'local' : r < 0.5 ? 'inCounty' : 'none';
    }
    if (age >= 65) {
      if (postAllowed && r < 0.08) return 'welfarePost';
      return r < 0.2 ? 'local' : 'none';
    }
    const table = age > 50 ? workTables.older : sex === 'male' ? workTables.youngMale : workTables.youngFemale;
    const status = table.pick(rng);
    return status === 'welfarePost' && !postAllowed ? 'local' : status;
  }
}

function validate(opts: SeedOptions): void {
  if (!Number.isFinite(opts.seed)) throw new RangeError('种子必须是数字。');
  if (!Number.isInteger(opts.households) || opts.households < 0) throw new RangeError('户数必须是不小于0的整数。');
  if (!/^\d{6}$/.test(opts.countyCode)) throw new RangeError('县代码应为6位数字。');
  if (!/^\d{9}$/.test(opts.townshipCode) || !opts.townshipCode.startsWith(opts.countyCode)) {
    throw new RangeError('乡镇代码应为9位数字，且以县代码开头。');
  }
  if (!isValidIsoDate(opts.asOf)) throw new RangeError('基准日期应为 YYYY-MM-DD 格式的真实日期。');
  if (opts.villages !== undefined && (!Number.isInteger(opts.villages) || opts.villages < 1 || opts.villages > 999)) {
    throw new RangeError('村的数量应为1到999之间的整数（村代码只有3位）。');
  }
}

export function generateTownship(opts: SeedOptions): SeedTownship {
  validate(opts);
  return new TownshipGenerator(opts).run();
}
