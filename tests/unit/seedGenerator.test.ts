import { describe, expect, it } from 'vitest';
import { createRng, generateTownship, type SeedHousehold, type SeedMember, type SeedOptions } from '../../electron/cli/seed/generator';
import { chineseNumeral } from '../../electron/cli/seed/names';
import type { Relation } from '../../shared/domain/household';
import { ageOn, parseIdNumber, type Sex } from '../../shared/domain/idNumber';

const base: SeedOptions = {
  seed: 20240601,
  households: 5000,
  countyCode: '511621',
  townshipCode: '511621105',
  asOf: '2025-06-15',
};
const township = generateTownship(base);
const households = township.households;
const members = households.flatMap((h) => h.members);

const identities = new Map<string, { sex: Sex; age: number }>();
function identity(idNumber: string): { sex: Sex; age: number } {
  const known = identities.get(idNumber);
  if (known) return known;
  const r = parseIdNumber(idNumber, base.asOf);
  if (!r.ok) throw new Error(`${idNumber}: ${r.message}`);
  const found = { sex: r.sex, age: ageOn(r.birthDate, base.asOf) };
  identities.set(idNumber, found);
  return found;
}

const share = (pred: (h: SeedHousehold) => boolean, of: readonly SeedHousehold[] = households): number =>
  of.filter(pred).length / of.length;

describe('createRng', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('generateTownship: determinism and options', () => {
  it('gives identical output for identical options', () => {
    expect(generateTownship({ ...base, households: 800 })).toEqual(generateTownship({ ...base, households: 800 }));
  });

  it('gives different output for a different seed', () => {
    const a = generateTownship({ ...base, households: 800 });
    const b = generateTownship({ ...base, households: 800, seed: base.seed + 1 });
    expect(b).not.toEqual(a);
    expect(b.households.map((h) => h.members[0]?.name)).not.toEqual(a.households.map((h) => h.members[0]?.name));
  });

  it('produces exactly the requested number of households and villages', () => {
    expect(households).toHaveLength(5000);
    expect(township.villages).toHaveLength(10);
    expect(generateTownship({ ...base, households: 300 }).villages).toHaveLength(3);
    expect(generateTownship({ ...base, households: 300, villages: 5 }).villages).toHaveLength(5);
    expect(generateTownship({ ...base, households: 0 }).households).toEqual([]);
  });

  it.each<[string, Partial<SeedOptions>]>([
    ['county code of 5 digits', { countyCode: '51162' }],
    ['township code not under the county', { townshipCode: '522426105' }],
    ['invalid asOf', { asOf: '2025-02-30' }],
    ['negative households', { households: -1 }],
    ['fractional households', { households: 10.5 }],
    ['1000 villages', { villages: 1000 }],
    ['more than 9999 households in a village', { households: 20_000, villages: 1 }],
  ])('refuses %s', (_label, patch) => {
    expect(() => generateTownship({ ...base, ...patch })).toThrow(RangeError);
  });
});

describe('generateTownship: villages and households', () => {
  it('codes villages under the township and names them uniquely', () => {
    township.villages.forEach((v, i) => {
      expect(v.code).toBe(`${base.townshipCode}${String(i + 1).padStart(3, '0')}`);
      expect(v.name).toMatch(/^[\u4e00-\u9fff]{2,4}村$/);
      expect(v.groups.length).toBeGreaterThanOrEqual(3);
      expect(v.groups.length).toBeLessThanOrEqual(12);
      expect(v.groups).toEqual(v.groups.map((_, g) => `${chineseNumeral(g + 1)}组`));
    });
    expect(new Set(township.villages.map((v) => v.name)).size).toBe(township.villages.length);
  });

  it('numbers groups in Chinese', () => {
    expect([1, 2, 9, 10, 11, 12, 20, 35].map(chineseNumeral)).toEqual(['一', '二', '九', '十', '十一', '十二', '二十', '三十五']);
  });

  it('gives unique household codes under existing villages and groups', () => {
    expect(new Set(households.map((h) => h.householdCode)).size).toBe(households.length);
    for (const h of households) {
      const village = township.villages[h.villageIndex];
      expect(village).toBeDefined();
      if (!village) continue;
      expect(h.householdCode).toMatch(new RegExp(`^${village.code}\\d{4}$`));
      const group = village.groups[h.groupIndex];
      expect(group).toBeDefined();
      expect(h.address).toMatch(new RegExp(`^${village.name}${group ?? ''}\\d+号$`));
    }
    // Sequences start at 0001 in every village.
    for (const v of township.villages) {
      expect(households.some((h) => h.householdCode === `${v.code}0001`)).toBe(true);
    }
  });

  it('has households of 1–7 people with a realistic mean, including elderly people living alone', () => {
    const sizes = households.map((h) => h.members.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(7);
    const mean = members.length / households.length;
    expect(mean).toBeGreaterThanOrEqual(3.2);
    expect(mean).toBeLessThanOrEqual(3.6);
    const elderlyAlone = households.filter((h) => h.members.length === 1 && identity(h.members[0]?.idNumber ?? '').age >= 60);
    expect(elderlyAlone.length / households.length).toBeGreaterThan(0.05);
  });

  it('has realistic shares of household kinds', () => {
    expect(Math.abs(share((h) => h.kind === 'ordinary') - 0.8)).toBeLessThan(0.03);
    expect(Math.abs(share((h) => h.kind === 'povertyExited') - 0.17)).toBeLessThan(0.025);
    expect(Math.abs(share((h) => h.kind === 'monitored') - 0.03)).toBeLessThan(0.012);
  });

  it('sets flags and helpers in realistic shares', () => {
    const poor = households.filter((h) => h.kind !== 'ordinary');
    const exited = households.filter((h) => h.kind === 'povertyExited');
    const ordinary = households.filter((h) => h.kind === 'ordinary');
    expect(share((h) => h.dibao)).toBeGreaterThan(0.03);
    expect(share((h) => h.dibao)).toBeLessThan(0.07);
    expect(share((h) => h.dibao, poor)).toBeGreaterThan(0.15);
    expect(share((h) => h.dibao, ordinary)).toBeLessThan(0.02);
    expect(share((h) => h.tekun)).toBeGreaterThan(0.007);
    expect(share((h) => h.tekun)).toBeLessThan(0.025);
    expect(households.some((h) => h.tekun && h.dibao)).toBe(false);
    expect(share((h) => h.members.length === 1, households.filter((h) => h.tekun))).toBe(1);
    expect(share((h) => h.relocated, exited)).toBeGreaterThan(0.06);
    expect(share((h) => h.relocated, exited)).toBeLessThan(0.14);
    expect(share((h) => h.relocated, ordinary)).toBe(0);
    expect(poor.every((h) => h.helperName !== null && /^[\u4e00-\u9fff]{2,4}$/.test(h.helperName))).toBe(true);
    expect(share((h) => h.helperName === null, ordinary)).toBeGreaterThan(0.9);
  });

  it('uses mobile numbers for phones', () => {
    for (const p of [...households.map((h) => h.phone), ...members.map((m) => m.phone)]) {
      if (p !== null) expect(p).toMatch(/^1[3589]\d{9}$/);
    }
    expect(share((h) => h.phone !== null)).toBeGreaterThan(0.8);
    const phones = members.flatMap((m) => (m.phone === null ? [] : [m.phone]));
    expect(new Set(phones).size).toBe(phones.length);
  });
});

describe('generateTownship: people', () => {
  it('gives every member a valid, unique ID number in the county', () => {
    const ids = members.map((m) => m.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = ids.filter((id) => {
      const r = parseIdNumber(id, base.asOf);
      return !r.ok || r.value !== id || r.regionCode !== base.countyCode;
    });
    expect(bad).toEqual([]);
  });

  it('puts exactly one head first and at most one spouse', () => {
    const wrong = households.filter(
      (h) =>
        h.members[0]?.relation !== 'head' ||
        h.members.filter((m) => m.relation === 'head').length !== 1 ||
        h.members.filter((m) => m.relation === 'spouse').length > 1,
    );
    expect(wrong.map((h) => h.householdCode)).toEqual([]);
  });

  const impliedSex: Partial<Record<Relation, Sex>> = {
    son: 'male', sonInLaw: 'male', grandson: 'male', father: 'male', fatherInLaw: 'male', grandfather: 'male',
    daughter: 'female', daughterInLaw: 'female', granddaughter: 'female', mother: 'female', motherInLaw: 'female', grandmother: 'female',
  };

  it('matches the sex digit of the ID number to the relation', () => {
    const wrong: string[] = [];
    for (const h of households) {
      const headSex = identity(h.members[0]?.idNumber ?? '').sex;
      for (const m of h.members) {
        const { sex } = identity(m.idNumber);
        const expected = m.relation === 'spouse' ? (headSex === 'male' ? 'female' : 'male') : impliedSex[m.relation];
        if (expected && sex !== expected) wrong.push(`${h.householdCode} ${m.relation} ${sex}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps ages consistent with relations', () => {
    const problems: string[] = [];
    for (const h of households) {
      const headAge = identity(h.members[0]?.idNumber ?? '').age;
      if (headAge < 28 || headAge > 80) problems.push(`${h.householdCode} head ${headAge}`);
      for (const m of h.members.slice(1)) {
        const age = identity(m.idNumber).age;
        const younger = headAge - age;
        const bad =
          (m.relation === 'spouse' && Math.abs(younger) > 6) ||
          ((m.relation === 'son' || m.relation === 'daughter') && younger < 15) ||
          ((m.relation === 'grandson' || m.relation === 'granddaughter') && younger < 30) ||
          ((m.relation === 'daughterInLaw' || m.relation === 'sonInLaw') && (age < 20 || younger < 15)) ||
          (['father', 'mother', 'fatherInLaw', 'motherInLaw'].includes(m.relation) && -younger < 15) ||
          (['grandfather', 'grandmother'].includes(m.relation) && -younger < 35) ||
          age > 100;
        if (bad) problems.push(`${h.householdCode} ${m.relation} ${age} vs head ${headAge}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives children the father’s surname most of the time', () => {
    let same = 0;
    let total = 0;
    for (const h of households) {
      const head = h.members[0];
      if (!head || identity(head.idNumber).sex !== 'male' || !h.members.some((m) => m.relation === 'spouse')) continue;
      for (const m of h.members) {
        if (m.relation !== 'son' && m.relation !== 'daughter') continue;
        total++;
        if (m.name.startsWith(head.name.slice(0, 1))) same++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(same / total).toBeGreaterThan(0.9);
  });

  it('fits schooling, labour and health to age', () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, m: SeedMember, age: number): void => {
      if (!ok) problems.push(`${what}: ${m.name} ${age}岁 ${m.education}/${m.schooling}/${m.labor}/${m.workStatus}/${m.health}`);
    };
    for (const m of members) {
      const { age } = identity(m.idNumber);
      if (age < 6) check(m.education === 'preschool', 'under 6 is preschool', m, age);
      if (age >= 6 && age <= 11) check(m.schooling === 'primary', 'primary school age', m, age);
      if (age >= 12 && age <= 14) check(m.schooling === 'juniorHigh', 'junior high age', m, age);
      if (age >= 23) check(m.schooling === 'notInSchool', 'adults out of school', m, age);
      if (age < 16) check(m.labor === 'none' && m.workStatus === 'none' && m.phone === null, 'children', m, age);
      if (m.labor === 'none' || m.labor === 'lost') check(m.workStatus === 'none', 'no labour, no work', m, age);
      if (m.workStatus === 'welfarePost') check(age < 70, 'no welfare post over 70', m, age);
      check((m.health === 'disabled') === (m.disabilityCategory !== null), 'disability category', m, age);
      check((m.health === 'disabled') === (m.disabilityGrade !== null), 'disability grade', m, age);
      if (m.health === 'serious' || m.disabilityGrade === 1 || m.disabilityGrade === 2) {
        check(m.labor === 'lost' || m.labor === 'weak' || m.labor === 'none', 'serious illness limits labour', m, age);
      }
    }
    expect(problems).toEqual([]);
    const old = members.filter((m) => identity(m.idNumber).age > 70);
    expect(old.filter((m) => m.labor === 'none' || m.labor === 'lost').length / old.length).toBeGreaterThan(0.6);
    expect(members.filter((m) => m.health === 'healthy').length / members.length).toBeGreaterThan(0.75);
    expect(members.filter((m) => m.medicalInsurance).length / members.length).toBeGreaterThan(0.9);
  });

  it('draws common surnames by frequency', () => {
    const count = (s: string): number => members.filter((m) => m.name.startsWith(s)).length;
    // 王, 李, 张 are each about 7% nationally; 滕 is rare.
    for (const s of ['王', '李', '张']) expect(count(s) / members.length).toBeGreaterThan(0.03);
    expect(count('滕') / members.length).toBeLessThan(0.01);
    expect(members.every((m) => /^[\u4e00-\u9fff]{2,4}$/.test(m.name))).toBe(true);
  });
});

describe('generateTownship: county scale', () => {
  // Its speed is reported by `npm run bench` (seed time), not asserted here.
  it('generates 30,000 households with unique ID numbers and household codes', () => {
    const big = generateTownship({ ...base, households: 30_000, seed: 3 });
    expect(big.villages).toHaveLength(60);
    const people = big.households.reduce((n, h) => n + h.members.length, 0);
    expect(people).toBeGreaterThan(95_000);
    expect(people).toBeLessThan(108_000);
    const ids = new Set(big.households.flatMap((h) => h.members.map((m) => m.idNumber)));
    expect(ids.size).toBe(people);
    expect(new Set(big.households.map((h) => h.householdCode)).size).toBe(30_000);
  });
});
