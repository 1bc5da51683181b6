import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from '../../shared/domain/creditCode';
import type { SpellFacts } from '../../shared/domain/employment';
import { defaultEmploymentSettings } from '../../shared/domain/employmentSettings';
import type { HouseholdKind } from '../../shared/domain/household';
import { checkDue, quarterKey, workshopEligibility, type WorkshopPerson } from '../../shared/domain/workshops';

// 就业帮扶车间 reward (S4 篇一.5) with the seed's tiers: 5–9 / 10–19 / 20+ 脱贫人口 employed
// ≥ 6 months at ≥ 1,000 元 → 1 / 2 / 3 万元; 1,000 元 per person employed ≥ 12 months.

const settings = defaultEmploymentSettings(2026);
const running = { recognizedOn: '2025-06-01', state: 'running' as const };
const asOf = '2027-01-15';

/** A spell of `months` calendar months from January 2026 at `wageFen` a month. */
function spell(months: number, wageFen: number): SpellFacts {
  const end = months === 0 ? null : `2026-${String(months).padStart(2, '0')}-28`;
  return { area: 'inCounty', channel: 'workshop', startDate: months === 0 ? '2027-01-01' : '2026-01-01', endDate: end, monthlyIncomeFen: wageFen, months: null, monthsYear: null };
}

function person(i: number, months: number, wageFen = 100_000, kind: HouseholdKind = 'povertyExited'): WorkshopPerson {
  return { memberId: `m${i}`, name: `员工${i}`, householdKind: kind, spells: [spell(months, wageFen)] };
}

function crew(n: number, months = 6, wageFen = 100_000): WorkshopPerson[] {
  return Array.from({ length: n }, (_, i) => person(i, months, wageFen));
}

describe('one person counts at the month and wage boundaries', () => {
  it.each([
    [5, 100_000, 'povertyExited', false, false, '不足 6 个月'],
    [6, 100_000, 'povertyExited', true, false, '计入人数'],
    [6, 99_999, 'povertyExited', false, false, '低于 1,000.00 元'],
    [11, 150_000, 'povertyExited', true, false, '未满 12 个月'],
    [12, 100_000, 'povertyExited', true, true, '稳岗奖补'],
    [12, 100_000, 'monitored', false, false, '不是脱贫人口'],
    [12, 100_000, 'ordinary', false, false, '不是脱贫人口'],
  ] as const)('%i months at %i fen, %s → counted %s, stable %s', (months, wage, kind, counted, stable, reason) => {
    const r = workshopEligibility(running, [person(1, months, wage, kind)], settings, 2026, asOf);
    expect(r.people[0]).toMatchObject({ months, counted, stable });
    expect(r.people[0]!.reason).toContain(reason);
  });

  it('adds the months of two spells at the workshop and averages the wage over them', () => {
    const p: WorkshopPerson = {
      memberId: 'm', name: '甲', householdKind: 'povertyExited',
      spells: [
        { ...spell(3, 80_000) },
        { ...spell(3, 120_000), startDate: '2026-07-01', endDate: '2026-09-30' },
      ],
    };
    const r = workshopEligibility(running, [p], settings, 2026, asOf);
    expect(r.people[0]).toMatchObject({ months: 6, averageWageFen: 100_000, counted: true });
  });
});

describe('tiers at each boundary', () => {
  it.each([
    [4, 0, null],
    [5, 1_000_000, 5],
    [9, 1_000_000, 5],
    [10, 2_000_000, 10],
    [19, 2_000_000, 10],
    [20, 3_000_000, 20],
    [35, 3_000_000, 20],
  ] as const)('%i counted people → %i fen (tier from %s)', (n, reward, tier) => {
    const r = workshopEligibility(running, crew(n), settings, 2026, asOf);
    expect(r).toMatchObject({ countedPeople: n, tierRewardFen: reward, tierMinPeople: tier, stablePeople: 0, totalFen: reward });
  });

  it('adds 1,000 元 per person employed 12 months to the tier', () => {
    const people = [...crew(3, 12), ...crew(2, 7).map((p, i) => ({ ...p, memberId: `x${i}` })), person(9, 12, 100_000, 'ordinary')];
    const r = workshopEligibility(running, people, settings, 2026, asOf);
    expect(r).toMatchObject({ countedPeople: 5, stablePeople: 3, tierRewardFen: 1_000_000, stableRewardFen: 300_000, totalFen: 1_300_000 });
    expect(r.people).toHaveLength(6);
  });

  it('reads the tiers from the settings, not from the code', () => {
    const own = { ...settings, workshopTiers: [{ minPeople: 3, rewardFen: 500_000 }], workshopMinMonths: 4, workshopPerPersonFen: 50_000 };
    const r = workshopEligibility(running, crew(3, 4), own, 2026, asOf);
    expect(r).toMatchObject({ countedPeople: 3, tierRewardFen: 500_000, tierMinPeople: 3 });
  });
});

describe('workshops that get nothing', () => {
  it.each([
    [{ recognizedOn: null, state: 'running' as const }, '未经县级认定'],
    [{ recognizedOn: '2027-01-02', state: 'running' as const }, '未经县级认定'],
    [{ recognizedOn: '2025-01-01', state: 'cleared' as const }, '已清理'],
  ])('%o', (w, blocker) => {
    const r = workshopEligibility(w, crew(20, 12), settings, 2026, asOf);
    expect(r.qualifies).toBe(false);
    expect(r.blocker).toContain(blocker);
    expect(r).toMatchObject({ countedPeople: 20, totalFen: 0, tierMinPeople: null });
  });

  it('a workshop recognised on the last day of the year qualifies, and 监测待处置 still does', () => {
    expect(workshopEligibility({ recognizedOn: '2026-12-31', state: 'pending' }, crew(5), settings, 2026, asOf).totalFen).toBe(1_000_000);
  });
});

describe('统一社会信用代码', () => {
  it.each([
    ['914403001922038216', null],
    ['91330100799655058B', null],
    ['91110108551385082Q', null],
    ['91110108551385082R', '校验位不对'],
    ['9111010855138508', '应为 18 位'],
    ['91110108551385O82Q', '不能有"O"'],
  ])('%s', (code, problem) => {
    const p = creditCodeProblem(code);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });

  it('a check character that would be 31 is 0', () => {
    // Brute-force a 17-character prefix whose weighted sum is a multiple of 31.
    let prefix = '';
    for (let n = 0; n < 100; n += 1) {
      const candidate = `9135010000000${String(n).padStart(4, '0')}`;
      if (creditCodeCheckChar(candidate) === '0') {
        prefix = candidate;
        break;
      }
    }
    expect(prefix).not.toBe('');
    expect(creditCodeProblem(`${prefix}0`)).toBeNull();
  });
});

describe('quarterly monitoring checks', () => {
  it.each([
    ['running', null, '2026-03-10', true],
    ['running', '2026-01-02', '2026-03-31', false],
    ['running', '2026-03-31', '2026-04-01', true],
    ['pending', '2025-12-31', '2026-01-01', true],
    ['cleared', null, '2026-03-10', false],
  ] as const)('%s, last checked %s, on %s → due %s', (state, last, today, due) => {
    expect(checkDue(state, last, today)).toBe(due);
  });
  it('names the quarter', () => expect(quarterKey('2026-10-01')).toBe('2026Q4'));
});
