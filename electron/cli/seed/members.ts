// The people of the township generator (generator.ts decides who lives in each household).

import type { DisabilityCategory, DisabilityGrade, Education, Health, HouseholdKind, Labor, Schooling, WorkStatus } from '../../../shared/domain/household';
import { idCheckDigit, type Sex } from '../../../shared/domain/idNumber';
import { MONTH_DAYS, adultEducation, disabilityCategoryTable, disabilityGradeTable, healthFactor, type Draft, workTables } from './householdTables';
import { givenNames, mobilePrefixes, nameEra } from './names';
import { intIn, pad, pick, type Rng } from './sampling';
import type { SeedMember, SeedOptions } from './townshipTypes';

/** Fills in a household's members: names, ID numbers, birth dates, phones and attributes. */
export class MemberFactory {
  // Numeric keys: a Set of 100,000 numbers is several times faster than one of strings.
  private readonly usedIds = new Set<number>();
  private readonly usedPhones = new Set<number>();
  private readonly asOfYear: number;
  private readonly asOfMonthDay: number;

  /** `rng` is the township generator's own, so the data stays the same for the same seed. */
  constructor(
    private readonly rng: Rng,
    private readonly opts: SeedOptions,
  ) {
    this.asOfYear = Number(opts.asOf.slice(0, 4));
    this.asOfMonthDay = Number(opts.asOf.slice(5, 7)) * 100 + Number(opts.asOf.slice(8, 10));
  }

  materialize(drafts: readonly Draft[], kind: HouseholdKind): SeedMember[] {
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

  givenName(sex: Sex, birthYear: number): string {
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
