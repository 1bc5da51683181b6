import { describe, expect, it } from 'vitest';
import { currentQuarter, DUE_SOON_DAYS, dueSoonUntil, dueState, quarterVisit, trendMonths, visitDueState } from '../../shared/domain/workbench';

// The workbench's counting rules on fixed dates (issue 14).

describe('dueState: overdue before today, soon from today to 3 days ahead', () => {
  const today = '2026-02-26';
  it.each([
    ['2026-02-25', 'overdue'],
    ['2026-01-01', 'overdue'],
    ['2026-02-26', 'soon'],
    ['2026-02-28', 'soon'],
    ['2026-03-01', 'soon'], // 3 days ahead across the end of February
    ['2026-03-02', null],
    [null, null],
  ] as const)('%s → %s', (deadline, want) => {
    expect(dueState(deadline, today)).toBe(want);
  });
  it('the window is 3 days and ends on the right day across a year end', () => {
    expect(DUE_SOON_DAYS).toBe(3);
    expect(dueSoonUntil('2026-12-30')).toBe('2027-01-02');
    expect(dueState('2027-01-02', '2026-12-30')).toBe('soon');
    expect(dueState('2027-01-03', '2026-12-30')).toBe(null);
  });
});

describe('visitDueState: overdue before today, this month up to the last day', () => {
  it.each([
    ['2026-04-09', '2026-04-10', 'overdue'],
    ['2026-04-10', '2026-04-10', 'thisMonth'],
    ['2026-04-30', '2026-04-10', 'thisMonth'],
    ['2026-05-01', '2026-04-10', null],
    ['2024-02-29', '2024-02-01', 'thisMonth'],
    [null, '2026-04-10', null],
  ] as const)('due %s on %s → %s', (due, today, want) => {
    expect(visitDueState(due, today)).toBe(want);
  });
});

describe('quarterVisit: visit completion this quarter', () => {
  const today = '2026-08-15'; // Q3: 07-01 … 09-30
  it('uses the quarter of today', () => {
    expect(currentQuarter(today)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(currentQuarter('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });
  it.each([
    // visited in the quarter: due and done, whatever the next due date
    [{ visitCycle: 'openCase', lastVisitDate: '2026-07-01', nextVisitDue: '2026-08-01' }, { due: true, done: true }],
    // not visited, due within the quarter (even later this quarter): due, not done
    [{ visitCycle: 'openCase', lastVisitDate: '2026-06-20', nextVisitDue: '2026-09-30' }, { due: true, done: false }],
    // overdue from before the quarter: due, not done
    [{ visitCycle: 'stableExited', lastVisitDate: null, nextVisitDue: '2025-12-31' }, { due: true, done: false }],
    // next visit after the quarter, not visited in it: not due
    [{ visitCycle: 'eliminated', lastVisitDate: '2026-06-30', nextVisitDue: '2026-12-30' }, { due: false, done: false }],
    // off cycle: neither
    [{ visitCycle: null, lastVisitDate: '2026-08-01', nextVisitDue: null }, { due: false, done: false }],
  ] as const)('%j → %j', (h, want) => {
    expect(quarterVisit(h, today)).toEqual(want);
  });
});

describe('trendMonths', () => {
  it('is the 24 months ending with this month, oldest first', () => {
    const months = trendMonths('2026-03-31');
    expect(months).toHaveLength(24);
    expect(months[0]).toBe('2024-04');
    expect(months[23]).toBe('2026-03');
  });
});
