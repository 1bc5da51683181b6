import { describe, expect, it } from 'vitest';
import type { SpellFacts, WorkArea } from '../../shared/domain/employment';
import { r2Columns, r3Money, sameDayLastYear, yearOnYear } from '../../shared/domain/employmentTables';
import { awayStretches, fullMonthsWorked, transportEligibility } from '../../shared/domain/subsidies';

const tiers: Record<WorkArea, number> = { outOfProvince: 40_000, inProvince: 30_000, inCounty: 0 };

function spell(area: WorkArea, startDate: string, endDate: string | null, channel: SpellFacts['channel'] = 'selfOut'): SpellFacts {
  return { area, channel, startDate, endDate, monthlyIncomeFen: 300_000, months: null, monthsYear: null };
}

describe('fullMonthsWorked', () => {
  it.each([
    ['2025-11-15', '2026-02-14', 2],
    ['2025-11-15', '2026-02-15', 3],
    ['2026-01-01', '2026-03-31', 2],
    ['2026-01-01', '2026-04-01', 3],
    ['2026-01-31', '2026-02-27', 0],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-03-01', '2026-02-28', 0],
  ])('%s – %s is %i whole months', (start, end, n) => {
    expect(fullMonthsWorked(start, end)).toBe(n);
  });
});

describe('awayStretches', () => {
  it('joins a job change without a gap, keeps a gap apart and ignores work in the county', () => {
    const s = awayStretches(
      [spell('inProvince', '2026-01-01', '2026-01-31'), spell('outOfProvince', '2026-02-01', null), spell('inCounty', '2025-01-01', '2025-12-31'), spell('outOfProvince', '2025-03-01', '2025-04-30')],
      '2026-05-10',
    );
    expect(s).toEqual([
      { area: 'outOfProvince', start: '2025-03-01', end: '2025-04-30', months: 1 },
      { area: 'outOfProvince', start: '2026-01-01', end: '2026-05-10', months: 4 },
    ]);
  });
});

describe('transportEligibility', () => {
  const base = { year: 2026, minMonths: 3, tiers, earlierInYear: 0 };
  it.each<[string, SpellFacts[], string, number, string | number]>([
    ['2 months 29 days away is refused', [spell('outOfProvince', '2025-11-15', null)], '2026-02-13', 0, '2 个月 29 天'],
    ['2 months 30 days away is refused', [spell('outOfProvince', '2025-11-15', null)], '2026-02-14', 0, '2 个月 30 天'],
    ['3 months away out of the province gets the 省外 tier', [spell('outOfProvince', '2025-11-15', null)], '2026-02-15', 0, 40_000],
    ['3 months in the province gets the 省内县外 tier', [spell('inProvince', '2026-01-01', '2026-04-01')], '2026-06-01', 0, 30_000],
    ['the tier follows the latest spell of a stretch', [spell('outOfProvince', '2026-01-01', '2026-01-31'), spell('inProvince', '2026-02-01', '2026-04-30')], '2026-06-01', 0, 30_000],
    ['a gap breaks continuity', [spell('outOfProvince', '2026-01-01', '2026-02-10'), spell('outOfProvince', '2026-02-20', '2026-04-10')], '2026-06-01', 0, '不满 3 个月'],
    ['work in the county only has no subsidy', [spell('inCounty', '2026-01-01', '2026-06-30')], '2026-07-01', 0, '没有 2026 年在县外务工'],
    ['a stretch ended before the year does not count', [spell('outOfProvince', '2025-01-01', '2025-06-30')], '2026-07-01', 0, '没有 2026 年在县外务工'],
    ['a second application in the year is refused', [spell('outOfProvince', '2025-01-01', null)], '2026-07-01', 1, '每人每年只能享受一次'],
  ])('%s', (_title, spells, asOf, earlier, expected) => {
    const r = transportEligibility({ ...base, spells, asOf, earlierInYear: earlier });
    if (typeof expected === 'number') {
      expect(r).toMatchObject({ eligible: true, amountFen: expected });
    } else {
      expect(r.eligible).toBe(false);
      if (!r.eligible) expect(r.reason).toContain(expected);
    }
  });

  it('an area whose tier is 0 is refused with where to change it', () => {
    const r = transportEligibility({ ...base, tiers: { ...tiers, inProvince: 0 }, spells: [spell('inProvince', '2026-01-01', null)], asOf: '2026-05-01' });
    expect(r).toMatchObject({ eligible: false, reason: expect.stringContaining('就业参数') });
  });

  it('reads the months from the year settings', () => {
    const r = transportEligibility({ ...base, minMonths: 6, spells: [spell('outOfProvince', '2026-01-01', null)], asOf: '2026-05-01' });
    expect(r).toMatchObject({ eligible: false, reason: expect.stringContaining('不满 6 个月') });
  });
});

describe('R2 and R3 rules', () => {
  it.each<[string, SpellFacts[], string[]]>([
    ['no spell', [], []],
    ['ended spell', [spell('outOfProvince', '2025-01-01', '2025-12-31')], []],
    ['out of province', [spell('outOfProvince', '2025-01-01', null)], ['working', 'outOfProvince']],
    ['a post in the county', [spell('inCounty', '2025-01-01', null, 'welfarePost')], ['working', 'inCounty', 'welfarePost']],
    ['the latest open spell stands', [spell('outOfProvince', '2025-01-01', null), spell('inCounty', '2026-02-01', null, 'workshop')], ['working', 'inCounty', 'workshop']],
  ])('%s', (_t, spells, keys) => {
    expect(r2Columns(spells, '2026-03-31')).toEqual(keys);
  });

  it('同比 and last year', () => {
    expect(yearOnYear(12, 10)).toBeCloseTo(0.2);
    expect(yearOnYear(5, 0)).toBeNull();
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDayLastYear('2026-03-31')).toBe('2025-03-31');
  });

  it('R3 money: deductions and rewards apart', () => {
    expect(r3Money([
      { dueFen: 50_000, adjustFen: -10_000, paidFen: 40_000 },
      { dueFen: 50_000, adjustFen: 5_000, paidFen: 55_000 },
      { dueFen: 0, adjustFen: 0, paidFen: 0 },
    ])).toEqual({ dueFen: 100_000, deductedFen: 10_000, rewardFen: 5_000, paidFen: 95_000 });
  });
});
