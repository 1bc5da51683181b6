import { describe, expect, it } from 'vitest';
import {
  currentSpell,
  derivedMonthsInYear,
  isLabourAge,
  isSpellOpen,
  monthsInYear,
  quarterLastDay,
  quarterOf,
  roundIsOverdue,
  suggestedWageFen,
  workStatusOfSpell,
  type SpellFacts,
} from '../../shared/domain/employment';
import {
  defaultEmploymentSettings,
  employmentSettingsFor,
  employmentSettingsProblems,
  transportTierFen,
  workshopTierReward,
} from '../../shared/domain/employmentSettings';

const spell = (over: Partial<SpellFacts> = {}): SpellFacts => ({
  area: 'outOfProvince',
  channel: 'organized',
  startDate: '2025-06-15',
  endDate: null,
  monthlyIncomeFen: 500_000,
  months: null,
  monthsYear: null,
  ...over,
});

describe('derivedMonthsInYear', () => {
  it.each([
    ['whole year', '2025-01-01', '2025-12-31', 2025, '2026-03-10', 12],
    ['one day counts its month', '2025-06-30', '2025-06-30', 2025, '2026-03-10', 1],
    ['starts mid-year, still open, past year', '2025-06-15', null, 2025, '2026-03-10', 7],
    ['still open, this year: up to today', '2025-06-15', null, 2026, '2026-03-10', 3],
    ['spans the new year', '2025-11-20', '2026-02-05', 2025, '2026-03-10', 2],
    ['spans the new year, second year', '2025-11-20', '2026-02-05', 2026, '2026-03-10', 2],
    ['before the year', '2023-01-01', '2024-12-31', 2025, '2026-03-10', 0],
    ['after the year', '2026-01-01', null, 2025, '2026-03-10', 0],
  ])('%s', (_what, start, end, year, asOf, months) => {
    expect(derivedMonthsInYear(start, end, year, asOf)).toBe(months);
  });
});

describe('monthsInYear and the wage suggestion', () => {
  it.each([
    ['derived when no figure entered', spell(), 2025, 7],
    ['the clerk’s figure for its year', spell({ months: 5, monthsYear: 2025 }), 2025, 5],
    ['the clerk’s figure does not apply to another year', spell({ months: 5, monthsYear: 2025 }), 2026, 3],
  ])('%s', (_what, s, year, months) => {
    expect(monthsInYear(s, year, '2026-03-10')).toBe(months);
  });

  it('sums income × months over the spells', () => {
    const spells = [spell(), spell({ startDate: '2025-01-01', endDate: '2025-03-31', monthlyIncomeFen: 200_000, area: 'inCounty' })];
    expect(suggestedWageFen(spells, 2025, '2026-03-10')).toBe(7 * 500_000 + 3 * 200_000);
    expect(suggestedWageFen([], 2025, '2026-03-10')).toBe(0);
  });
});

describe('open spell and 务工状况', () => {
  it.each([
    ['no end', spell(), true],
    ['ends today', spell({ endDate: '2026-03-10' }), true],
    ['ended yesterday', spell({ endDate: '2026-03-09' }), false],
    ['starts tomorrow', spell({ startDate: '2026-03-11' }), false],
  ])('%s', (_what, s, open) => {
    expect(isSpellOpen(s, '2026-03-10')).toBe(open);
  });

  it.each([
    [null, 'none'],
    [{ area: 'outOfProvince', channel: 'organized' }, 'outOfProvince'],
    [{ area: 'inProvince', channel: 'selfOut' }, 'inProvince'],
    [{ area: 'inCounty', channel: 'flexible' }, 'inCounty'],
    [{ area: 'inCounty', channel: 'welfarePost' }, 'welfarePost'],
    [{ area: 'outOfProvince', channel: 'selfEmployed' }, 'selfEmployed'],
  ] as const)('%j → %s', (s, status) => {
    expect(workStatusOfSpell(s)).toBe(status);
  });

  it('the latest started open spell stands for the person', () => {
    const a = { ...spell({ startDate: '2025-01-01' }), id: 'a' };
    const b = { ...spell({ startDate: '2025-09-01' }), id: 'b' };
    const ended = { ...spell({ startDate: '2026-01-01', endDate: '2026-02-01' }), id: 'c' };
    expect(currentSpell([a, b, ended], '2026-03-10')?.id).toBe('b');
    expect(currentSpell([ended], '2026-03-10')).toBeNull();
  });
});

describe('labour age', () => {
  const ages = { minAge: 16, maxAgeMale: 60, maxAgeFemale: 55 };
  it.each([
    ['15 the day before the 16th birthday', '2010-03-11', 'male', false],
    ['16 on the birthday', '2010-03-10', 'male', true],
    ['man of 60 on his last day of 60', '1965-03-11', 'male', true],
    ['man of 61 on his birthday', '1965-03-10', 'male', false],
    ['woman of 55 on her last day of 55', '1970-03-11', 'female', true],
    ['woman of 56 on her birthday', '1970-03-10', 'female', false],
    ['man of 56 still counts', '1970-03-10', 'male', true],
  ] as const)('%s', (_what, birth, sex, expected) => {
    expect(isLabourAge(birth, sex, '2026-03-10', ages)).toBe(expected);
  });
});

describe('workshop reward tiers (seed: 5–9 / 10–19 / 20+ → 1 / 2 / 3 万元)', () => {
  const tiers = defaultEmploymentSettings(2026).workshopTiers;
  it.each([
    [0, 0],
    [4, 0],
    [5, 1_000_000],
    [9, 1_000_000],
    [10, 2_000_000],
    [19, 2_000_000],
    [20, 3_000_000],
    [200, 3_000_000],
  ])('%i people → %i fen', (people, fen) => {
    expect(workshopTierReward(tiers, people)).toBe(fen);
  });
  it('does not depend on the order the tiers are stored in', () => {
    expect(workshopTierReward([...tiers].reverse(), 12)).toBe(2_000_000);
  });
});

describe('transport tier and settings by year', () => {
  it.each([
    ['outOfProvince', 40_000],
    ['inProvince', 30_000],
    ['inCounty', 0],
  ] as const)('%s → %i fen by default', (area, fen) => {
    expect(transportTierFen(defaultEmploymentSettings(2026), area)).toBe(fen);
  });

  it('a saved year stays in force until a later one; before any, the defaults', () => {
    const y2025 = { ...defaultEmploymentSettings(2025), maxAgeMale: 65 };
    expect(employmentSettingsFor([], 2026)).toMatchObject({ source: 'default', year: 2026 });
    expect(employmentSettingsFor([y2025], 2026)).toMatchObject({ source: 'saved', maxAgeMale: 65 });
    expect(employmentSettingsFor([y2025], 2024)).toMatchObject({ source: 'default' });
  });

  it.each([
    ['fine', {}, []],
    ['upper age below lower', { maxAgeFemale: 15 }, ['maxAgeFemale']],
    ['no households covered', { surveyKinds: [] }, ['surveyKinds']],
    ['duplicate tier', { workshopTiers: [{ minPeople: 5, rewardFen: 1 }, { minPeople: 5, rewardFen: 2 }] }, ['workshopTiers']],
    ['stable months below counted months', { workshopStableMonths: 3 }, ['workshopStableMonths']],
  ])('problems: %s', (_what, over, keys) => {
    expect(Object.keys(employmentSettingsProblems({ ...defaultEmploymentSettings(2026), ...over }))).toEqual(keys);
  });
});

describe('摸排 rounds', () => {
  it.each([
    ['2026-01-01', 2026, 1, '2026-03-31'],
    ['2026-06-30', 2026, 2, '2026-06-30'],
    ['2026-07-01', 2026, 3, '2026-09-30'],
    ['2026-12-31', 2026, 4, '2026-12-31'],
  ])('%s is in Q%i', (date, year, quarter, last) => {
    expect(quarterOf(date)).toEqual({ year, quarter });
    expect(quarterLastDay(year, quarter)).toBe(last);
  });
  it.each([
    ['on the due day', '2026-03-31', 0, 5, false],
    ['the day after, unfinished', '2026-04-01', 4, 5, true],
    ['the day after, finished', '2026-04-01', 5, 5, false],
  ])('%s', (_what, today, checked, total, overdue) => {
    expect(roundIsOverdue('2026-03-31', today, checked, total)).toBe(overdue);
  });
});
