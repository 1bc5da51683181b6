// Deterministic, realistic test data for one township (ARCHITECTURE.md: test data comes from a
// seeded generator). Pure: no Node built-ins, no clock, no Math.random — the same options always
// give the same township, so a failing test or a slow screen can be reproduced from its seed.
// This file plans villages and who lives in each household; members.ts fills in the people,
// householdTables.ts holds the shares they are drawn from, sampling.ts the random source.

import { ethnicityDefault, type HouseholdKind, type Relation } from '../../../shared/domain/household';
import type { Sex } from '../../../shared/domain/idNumber';
import { isValidIsoDate } from '../../../shared/lib/dates';
import { compositions, dibaoBase, grandchildren, nationalSurnames, nuclearChildren, relocatedShare, singleCharSurnames, singleParentChildren, spouseGap, type Composition, type Draft, withParentChildren } from './householdTables';
import { MemberFactory } from './members';
import { chineseNumeral, clanVillageEndings, classicVillageNames, minorityEthnicities, surnameShares, villageFirstSyllables, villageSecondSyllables } from './names';
import { Weighted, apportion, clamp, createRng, intIn, pad, pick, type Rng } from './sampling';
import type { SeedHousehold, SeedOptions, SeedTownship } from './townshipTypes';

export { createRng } from './sampling';
export type * from './townshipTypes';

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
  private readonly members: MemberFactory;
  private readonly asOfYear: number;
  private readonly asOfMonthDay: number;

  constructor(private readonly opts: SeedOptions) {
    this.rng = createRng(opts.seed);
    this.members = new MemberFactory(this.rng, opts);
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
    return nationalSurnames.pick(this.rng) + this.members.givenName(sex, this.asOfYear - intIn(this.rng, 25, 55));
  }

  // -- households ----------------------------------------------------------------------------

  private household(plan: VillagePlan, villageIndex: number, groupIndex: number, sequence: number, houseNo: number): SeedHousehold {
    const rng = this.rng;
    const f = plan.povertyFactor;
    const r = rng();
    const kind: HouseholdKind = r < 0.03 * f ? 'monitored' : r < 0.2 * f ? 'povertyExited' : 'ordinary';
    const drafts = this.compose(compositions[kind].pick(rng), plan).slice(0, MAX_HOUSEHOLD_SIZE);
    const members = this.members.materialize(drafts, kind);

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
