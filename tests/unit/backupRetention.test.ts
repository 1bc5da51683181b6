import { describe, expect, it } from 'vitest';
import { backupsToKeep, isoWeekKey, isoWeekStart } from '../../shared/domain/backupRetention';
import { addDays } from '../../shared/lib/dates';

/** One backup a day from `first` to `last` inclusive, id = the date. */
function daily(first: string, last: string): { id: string; at: string }[] {
  const out: { id: string; at: string }[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push({ id: d, at: d });
  return out;
}
const kept = (backups: { id: string; at: string }[], today: string) => [...backupsToKeep(backups, today)].sort();

describe('ISO weeks', () => {
  it.each([
    ['2026-03-10', '2026-03-09', '2026-W11'],
    ['2026-03-09', '2026-03-09', '2026-W11'],
    ['2026-03-15', '2026-03-09', '2026-W11'], // Sunday belongs to the week that began on Monday
    ['2021-01-03', '2020-12-28', '2020-W53'], // early January in the last year's week 53
    ['2024-12-30', '2024-12-30', '2025-W01'], // late December in next year's week 1
    ['2027-01-01', '2026-12-28', '2026-W53'],
    ['2026-01-01', '2025-12-29', '2026-W01'],
  ])('%s is in the week starting %s (%s)', (date, monday, key) => {
    expect(isoWeekStart(date)).toBe(monday);
    expect(isoWeekKey(date)).toBe(key);
  });
});

describe('backupsToKeep: 7 daily / 4 weekly / 12 monthly', () => {
  it('keeps nothing of nothing', () => {
    expect(kept([], '2026-03-10')).toEqual([]);
  });

  it('a backup every day for over a year keeps exactly 20 (days, weeks and months overlap)', () => {
    // Tuesday 2026-03-10. Days: 03-04…03-10. Weeks (from Monday): 03-09 → 03-10, 03-02 → 03-08,
    // 02-23 → 03-01, 02-16 → 02-22. Months: 2026-03 → 03-10, 02 → 02-28, 01 → 01-31, then the last
    // day of each month back to 2025-04.
    expect(kept(daily('2025-01-01', '2026-03-10'), '2026-03-10')).toEqual(
      [
        '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31',
        '2026-01-31', '2026-02-22', '2026-02-28', '2026-03-01',
        '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10',
      ].sort(),
    );
  });

  it('weeks straddle the year: on Friday 2027-01-01 the week began on 2026-12-28', () => {
    const result = kept(daily('2026-11-01', '2027-01-01'), '2027-01-01');
    // Days 12-26…01-01; weeks 12-28 (→ 01-01), 12-21 (→ 12-27), 12-14 (→ 12-20), 12-07 (→ 12-13);
    // months 2027-01 → 01-01, 2026-12 → 12-31, 2026-11 → 11-30.
    expect(result).toEqual(
      ['2026-11-30', '2026-12-13', '2026-12-20', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'].sort(),
    );
  });

  it('a leap February keeps its 29th as the month’s newest', () => {
    const result = kept(daily('2024-01-20', '2024-03-01'), '2024-03-01');
    expect(result).toContain('2024-02-29');
    expect(result).toContain('2024-01-31');
    expect(result).not.toContain('2024-01-30');
  });

  it('gaps: the newest of each week is kept even when it is older than the 7 days', () => {
    // Backups only on Wednesdays and the 1st of each month.
    const backups = [
      { id: 'a', at: '2026-02-04' },
      { id: 'b', at: '2026-02-11' },
      { id: 'c', at: '2026-02-18' },
      { id: 'd', at: '2026-02-25' },
      { id: 'e', at: '2026-03-01' },
      { id: 'f', at: '2026-03-04' },
    ];
    // Today Tuesday 2026-03-10: days 03-04…03-10 → f; weeks 03-09 (none), 03-02 → f, 02-23 → e (Sunday 03-01),
    // 02-16 → c; months 03 → f, 02 → d.
    expect(kept(backups, '2026-03-10')).toEqual(['c', 'd', 'e', 'f']);
  });

  it('several backups on one day: only the newest counts for that day', () => {
    const backups = [
      { id: 'morning', at: '2026-03-10T01:00:00.000Z' },
      { id: 'noon', at: '2026-03-10T04:00:00.000Z' },
      { id: 'evening', at: '2026-03-10T09:00:00.000Z' },
    ];
    expect(kept(backups, '2026-03-10')).toEqual(['evening']);
  });

  it('older than 12 months and not the newest of anything: deleted', () => {
    const backups = [
      { id: 'old', at: '2024-06-01' },
      { id: 'mid', at: '2025-06-15' },
      { id: 'new', at: '2026-03-10' },
    ];
    expect(kept(backups, '2026-03-10')).toEqual(['mid', 'new']);
  });

  it('a backup dated after today (clock set back) is kept', () => {
    const backups = [
      { id: 'future', at: '2026-04-01' },
      { id: 'today', at: '2026-03-10' },
    ];
    expect(kept(backups, '2026-03-10')).toEqual(['future', 'today']);
  });

  it('rules can be narrowed (1 day, 0 weeks, 0 months keeps only today’s newest)', () => {
    const result = backupsToKeep(daily('2026-03-01', '2026-03-10'), '2026-03-10', { daily: 1, weekly: 0, monthly: 0 });
    expect([...result]).toEqual(['2026-03-10']);
  });
});
