import { describe, expect, it } from 'vitest';
import type { HouseholdKind, HouseholdStatus } from '../../shared/domain/household';
import type { CaseStatus, VisitCycle } from '../../shared/domain/monitoring';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { cycleMonths, nextVisitDue, overdueDays, visitBaseDate, visitCycleOf } from '../../shared/domain/visitSchedule';

const t = suggestedThresholds(2026); // 1 / 6 / 12 months
const custom = { ...t, visitOpenMonths: 2, visitEliminatedMonths: 3, visitStableMonths: 24 };

describe('visitCycleOf', () => {
  it.each<[string, HouseholdKind, HouseholdStatus, CaseStatus | null, CaseStatus | null, VisitCycle | null]>([
    ['open case 识别中', 'ordinary', 'active', 'identifying', 'identifying', 'openCase'],
    ['open case 监测中', 'povertyExited', 'active', 'monitoring', 'monitoring', 'openCase'],
    ['open case wins over an earlier eliminated one', 'ordinary', 'active', 'monitoring', 'monitoring', 'openCase'],
    ['eliminated, ordinary household', 'ordinary', 'active', null, 'eliminated', 'eliminated'],
    ['eliminated, exited household: half-yearly beats yearly', 'povertyExited', 'active', null, 'eliminated', 'eliminated'],
    ['exited household without a case', 'povertyExited', 'active', null, null, 'stableExited'],
    ['ordinary household without a case', 'ordinary', 'active', null, null, null],
    ['监测户 with no case recorded yet', 'monitored', 'active', null, null, 'openCase'],
    ['closed household with an open case', 'povertyExited', 'closed', 'monitoring', 'monitoring', null],
    ['closed exited household', 'povertyExited', 'closed', null, null, null],
    ['closed after elimination', 'ordinary', 'closed', null, 'eliminated', null],
  ])('%s', (_name, householdKind, householdStatus, openCaseStatus, latestCaseStatus, expected) => {
    expect(visitCycleOf({ householdKind, householdStatus, openCaseStatus, latestCaseStatus })).toBe(expected);
  });
});

describe('cycleMonths', () => {
  it.each<[VisitCycle, number, number]>([
    ['openCase', 1, 2],
    ['eliminated', 6, 3],
    ['stableExited', 12, 24],
  ])('%s: %i months by default, %i when the office set it', (cycle, byDefault, set) => {
    expect(cycleMonths(cycle, t)).toBe(byDefault);
    expect(cycleMonths(cycle, custom)).toBe(set);
  });
});

describe('nextVisitDue', () => {
  it.each<[string, VisitCycle, string | null, string, string]>([
    ['open case, no visit yet: a month after inclusion', 'openCase', null, '2026-03-10', '2026-04-10'],
    ['open case, visited: a month after the visit', 'openCase', '2026-04-02', '2026-03-10', '2026-05-02'],
    ['open case, 31 January + 1 month = 28 February', 'openCase', '2026-01-31', '2026-01-05', '2026-02-28'],
    ['open case, leap year: 31 January 2028 → 29 February', 'openCase', '2028-01-31', '2028-01-05', '2028-02-29'],
    ['open case, 31 March + 1 month = 30 April', 'openCase', null, '2026-03-31', '2026-04-30'],
    ['open case, December visit rolls into the next year', 'openCase', '2026-12-15', '2026-01-01', '2027-01-15'],
    ['visit before the case opened does not count', 'openCase', '2025-06-01', '2026-03-10', '2026-04-10'],
    ['eliminated, no visit since: six months after elimination', 'eliminated', null, '2026-06-15', '2026-12-15'],
    ['eliminated, visited after: six months after the visit', 'eliminated', '2026-08-31', '2026-06-15', '2027-02-28'],
    ['eliminated, 31 August + 6 months in a leap year', 'eliminated', '2027-08-31', '2027-06-15', '2028-02-29'],
    ['stable exited, never visited: a year after registration', 'stableExited', null, '2025-05-20', '2026-05-20'],
    ['stable exited, visited: a year after the visit', 'stableExited', '2026-02-03', '2025-05-20', '2027-02-03'],
    ['stable exited, 29 February + 12 months = 28 February', 'stableExited', '2028-02-29', '2025-05-20', '2029-02-28'],
  ])('%s', (_name, cycle, lastVisitDate, cycleStartDate, expected) => {
    expect(nextVisitDue({ cycle, lastVisitDate, cycleStartDate }, t)).toBe(expected);
  });

  it('follows the office thresholds, not constants', () => {
    expect(nextVisitDue({ cycle: 'openCase', lastVisitDate: '2026-01-31', cycleStartDate: '2026-01-01' }, custom)).toBe('2026-03-31');
    expect(nextVisitDue({ cycle: 'eliminated', lastVisitDate: null, cycleStartDate: '2026-11-30' }, custom)).toBe('2027-02-28');
    expect(nextVisitDue({ cycle: 'stableExited', lastVisitDate: '2026-05-01', cycleStartDate: '2020-01-01' }, custom)).toBe('2028-05-01');
  });
});

describe('visitBaseDate', () => {
  it.each<[string | null, string, string]>([
    [null, '2026-03-10', '2026-03-10'],
    ['2026-04-01', '2026-03-10', '2026-04-01'],
    ['2026-03-01', '2026-03-10', '2026-03-10'],
    ['2026-03-10', '2026-03-10', '2026-03-10'],
  ])('last %s, start %s → %s', (lastVisitDate, cycleStartDate, expected) => {
    expect(visitBaseDate({ lastVisitDate, cycleStartDate })).toBe(expected);
  });
});

describe('overdueDays', () => {
  it.each<[string | null, string, number]>([
    [null, '2026-05-01', 0],
    ['2026-05-01', '2026-05-01', 0],
    ['2026-05-10', '2026-05-01', 0],
    ['2026-04-30', '2026-05-01', 1],
    ['2026-02-28', '2026-03-01', 1],
    ['2025-12-31', '2026-03-01', 60],
  ])('due %s, today %s → %i days overdue', (due, today, expected) => {
    expect(overdueDays(due, today)).toBe(expected);
  });
});
