import { describe, expect, it } from 'vitest';
import { caseStateAt, monthBounds, monthToReport, presentAt, tallyMonth, type CaseFacts, type MonthFacts } from '../../shared/domain/monthlyReport';

// 月报 (issue 14 item 2): every figure is as of the month's end, from the records' own dates.

const baseCase: CaseFacts = {
  villageId: 'v1',
  clueDate: '2026-09-02',
  includedDate: null,
  eliminatedDate: null,
  rejectedDate: null,
  deadlineDate: '2026-09-17',
  planDueDate: null,
  category: 'marginal',
  firstMeasureOn: null,
  risks: [],
};

describe('月报 month bounds', () => {
  it('gives the first and last day, leap years included', () => {
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthBounds('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
  it('reports the month before today (December reports November, January the last December)', () => {
    expect(monthToReport('2026-12-06')).toBe('2026-11');
    expect(monthToReport('2027-01-15')).toBe('2026-12');
  });
});

describe('a case at the month end', () => {
  it('follows its dates, not its status today', () => {
    const c = { ...baseCase, includedDate: '2026-10-10', eliminatedDate: '2026-12-01' };
    expect(caseStateAt(c, '2026-08-31')).toBeNull();
    expect(caseStateAt(c, '2026-09-30')).toBe('identifying');
    expect(caseStateAt(c, '2026-10-09')).toBe('identifying');
    expect(caseStateAt(c, '2026-10-10')).toBe('monitoring');
    expect(caseStateAt(c, '2026-11-30')).toBe('monitoring');
    expect(caseStateAt(c, '2026-12-31')).toBe('eliminated');
    expect(caseStateAt({ ...baseCase, rejectedDate: '2026-09-20' }, '2026-09-30')).toBe('rejected');
  });
  it('a household or member is present from the day entered until the day it left (exclusive)', () => {
    expect(presentAt('2026-10-31', null, '2026-10-31')).toBe(true);
    expect(presentAt('2026-11-01', null, '2026-10-31')).toBe(false);
    expect(presentAt('2026-01-01', '2026-10-31', '2026-10-31')).toBe(false);
    expect(presentAt('2026-01-01', '2026-11-01', '2026-10-31')).toBe(true);
  });
});

describe('tallyMonth on fixed dates', () => {
  const facts: MonthFacts = {
    households: [
      { villageId: 'v1', kind: 'monitored', enteredOn: '2026-01-05', closedOn: null },
      { villageId: 'v1', kind: 'ordinary', enteredOn: '2026-10-20', closedOn: null },
      { villageId: 'v1', kind: 'ordinary', enteredOn: '2026-11-02', closedOn: null },
      { villageId: 'v2', kind: 'povertyExited', enteredOn: '2025-03-01', closedOn: '2026-10-15' },
    ],
    members: [
      { villageId: 'v1', enteredOn: '2026-01-05', leftOn: null, householdEnteredOn: '2026-01-05', householdClosedOn: null },
      { villageId: 'v1', enteredOn: '2026-01-05', leftOn: '2026-10-31', householdEnteredOn: '2026-01-05', householdClosedOn: null },
      { villageId: 'v2', enteredOn: '2025-03-01', leftOn: null, householdEnteredOn: '2025-03-01', householdClosedOn: '2026-10-15' },
    ],
    cases: [
      // Included in October, a measure entered in November: plan overdue at October's end.
      { ...baseCase, clueDate: '2026-09-20', includedDate: '2026-10-05', planDueDate: '2026-10-20', firstMeasureOn: '2026-11-03', risks: [{ type: 'illness', enteredOn: '2026-09-20' }] },
      // Clue in October, past its deadline on October 31.
      { ...baseCase, clueDate: '2026-10-01', deadlineDate: '2026-10-16', category: null, risks: [{ type: 'housing', enteredOn: '2026-11-02' }] },
      // Eliminated in October.
      { ...baseCase, clueDate: '2026-02-01', includedDate: '2026-02-20', eliminatedDate: '2026-10-30', category: 'unstableExited' },
      // Clue in November: not in October's report at all.
      { ...baseCase, clueDate: '2026-11-01' },
    ],
    visits: [
      { villageId: 'v1', householdId: 'h1', visitDate: '2026-07-03' },
      { villageId: 'v1', householdId: 'h1', visitDate: '2026-10-03' },
      { villageId: 'v1', householdId: 'h1', visitDate: '2026-10-23' },
      { villageId: 'v1', householdId: 'h2', visitDate: '2026-11-01' },
    ],
  };
  const oct = tallyMonth(facts, '2026-10').get('v1')!;

  it('counts households and people present on the last day', () => {
    expect(oct.householdTotal).toBe(2);
    expect(oct.households).toEqual({ povertyExited: 0, monitored: 1, ordinary: 1 });
    expect(oct.population).toBe(1);
    expect(tallyMonth(facts, '2026-10').get('v2')?.householdTotal ?? 0).toBe(0);
    expect(tallyMonth(facts, '2026-09').get('v2')!.householdTotal).toBe(1);
    expect(tallyMonth(facts, '2026-09').get('v2')!.population).toBe(1);
  });

  it('counts the month\'s clues, inclusions and eliminations and the year to date', () => {
    expect(oct.newClues).toBe(1);
    expect(oct.includedInMonth).toBe(1);
    expect(oct.eliminatedInMonth).toBe(1);
    expect(oct.includedInYear).toBe(2);
    expect(oct.eliminatedInYear).toBe(1);
  });

  it('counts open cases, overdue ones and measures as of the month end', () => {
    expect(oct.identifying).toBe(1);
    expect(oct.monitoring).toBe(1);
    expect(oct.identificationOverdue).toBe(1);
    expect(oct.planOverdue).toBe(1);
    expect(oct.monitoringWithMeasure).toBe(0);
    expect(oct.openByCategory).toEqual({ unstableExited: 0, marginal: 1, suddenHardship: 0 });
    expect(oct.risksByType.illness).toBe(1);
    expect(oct.risksByType.housing).toBe(0);
    const nov = tallyMonth(facts, '2026-11').get('v1')!;
    expect(nov.monitoringWithMeasure).toBe(1);
    expect(nov.planOverdue).toBe(0);
    expect(nov.risksByType.housing).toBe(1);
    expect(nov.newClues).toBe(1);
  });

  it('counts each household visited once, in the month and in the quarter up to its end', () => {
    expect(oct.visitedInMonth).toBe(1);
    expect(oct.visitedInQuarter).toBe(1);
    const sep = tallyMonth(facts, '2026-09').get('v1')!;
    expect(sep.visitedInQuarter).toBe(1);
    expect(sep.visitedInMonth).toBe(0);
    const nov = tallyMonth(facts, '2026-11').get('v1')!;
    expect(nov.visitedInMonth).toBe(1);
    expect(nov.visitedInQuarter).toBe(2);
  });
});
