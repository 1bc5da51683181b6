import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  daysLeft,
  earliestEliminationDate,
  identificationDeadline,
  isWorkingDay,
  noticeEndDate,
  noticeLength,
  planDueDate,
  suggestedThresholds,
  thresholdsInForce,
  type Thresholds,
} from '../../shared/domain/thresholds';

const year = (y: number, over: Partial<Thresholds> = {}): Thresholds => ({ ...suggestedThresholds(y), monitoringLineFen: 600_000 + y, ...over });

// 2025 as the State Council set it: 劳动节 1–5 May off (1, 2, 5 May are weekdays), Sunday 27 April
// worked instead; 国庆 1–8 October off, Sunday 28 September and Saturday 11 October worked.
const cal2025 = {
  holidays: ['2025-05-01', '2025-05-02', '2025-05-05', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  makeupWorkdays: ['2025-04-27', '2025-09-28', '2025-10-11'],
};
const noHolidays = { holidays: [], makeupWorkdays: [] };

describe('thresholdsInForce', () => {
  const saved = [year(2026), year(2024)]; // unordered on purpose; 2025 is a gap
  it.each([
    ['2023-12-31', 2023, 'default'],
    ['2024-01-01', 2024, 'saved'],
    ['2024-12-31', 2024, 'saved'],
    ['2025-06-15', 2024, 'saved'], // the gap keeps the latest earlier year
    ['2026-01-01', 2026, 'saved'],
    ['2031-03-01', 2026, 'saved'],
  ] as const)('on %s the values of %i (%s)', (date, expectedYear, source) => {
    const t = thresholdsInForce(saved, date);
    expect(t.year).toBe(expectedYear);
    expect(t.source).toBe(source);
    if (source === 'saved') expect(t.monitoringLineFen).toBe(600_000 + expectedYear);
  });

  it('offers the suggested defaults, marked as defaults, when nothing is saved', () => {
    const t = thresholdsInForce([], '2026-05-01');
    expect(t).toEqual({ ...suggestedThresholds(2026), source: 'default' });
    expect(t.monitoringLineFen).toBe(726_000);
  });

  it("counts next year's New Year holiday in a deadline that starts in late December", () => {
    const saved = [year(2025, { identificationDeadlineUnit: 'working', identificationDeadlineDays: 5 }), year(2026, { holidays: ['2026-01-01', '2026-01-02'] })];
    const t = thresholdsInForce(saved, '2025-12-26');
    expect(t.year).toBe(2025);
    // Fri 26 Dec + 5 working days: 29, 30, 31 Dec, then 1–2 Jan are holidays, Sat/Sun, 5 and 6 Jan.
    expect(identificationDeadline('2025-12-26', t)).toBe('2026-01-06');
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-06-06', noHolidays, true], // Friday
    ['2025-06-07', noHolidays, false], // Saturday
    ['2025-06-08', noHolidays, false], // Sunday
    ['2025-05-01', cal2025, false], // Thursday, holiday
    ['2025-04-27', cal2025, true], // Sunday, 调休上班
    ['2025-10-11', cal2025, true], // Saturday, 调休上班
  ] as const)('%s → %s', (date, cal, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-06-06', 1, noHolidays, '2025-06-09'], // Friday + 1 → Monday, across the weekend
    ['2025-06-07', 1, noHolidays, '2025-06-09'], // from a Saturday
    ['2025-06-06', 5, noHolidays, '2025-06-13'],
    ['2025-06-06', 20, noHolidays, '2025-07-04'],
    ['2025-06-06', 0, noHolidays, '2025-06-06'],
    ['2025-04-30', 3, cal2025, '2025-05-08'], // 1–5 May off
    ['2025-04-25', 1, cal2025, '2025-04-27'], // the Sunday worked counts
    ['2025-09-30', 1, cal2025, '2025-10-09'],
    ['2025-09-30', 2, cal2025, '2025-10-10'],
    ['2025-09-30', 3, cal2025, '2025-10-11'], // Saturday worked
  ] as const)('%s + %i working days → %s', (date, n, cal, expected) => {
    expect(addWorkingDays(date, n, cal)).toBe(expected);
  });
});

describe('identificationDeadline', () => {
  it.each([
    ['calendar 15 from a Friday', '2025-06-06', 15, 'calendar', noHolidays, '2025-06-21'],
    ['calendar 15 across the month end', '2025-01-20', 15, 'calendar', noHolidays, '2025-02-04'],
    ['calendar 15 ignores holidays', '2025-04-30', 15, 'calendar', cal2025, '2025-05-15'],
    ['working 20 from a Friday', '2025-06-06', 20, 'working', noHolidays, '2025-07-04'],
    ['working 20 from a Saturday', '2025-06-07', 20, 'working', noHolidays, '2025-07-04'],
    // 1–5 May off, no makeup inside: 20 working days from 28 April end on 29 May.
    ['working 20 over 劳动节', '2025-04-28', 20, 'working', cal2025, '2025-05-29'],
    // 27 April (Sunday) is worked: counting from Friday 25 April it is day 1.
    ['working 20 over a makeup Sunday', '2025-04-25', 20, 'working', cal2025, '2025-05-27'],
  ] as const)('%s', (_name, clue, days, unit, cal, expected) => {
    const t: Thresholds = { ...suggestedThresholds(2025), identificationDeadlineDays: days, identificationDeadlineUnit: unit, ...cal };
    expect(identificationDeadline(clue, t)).toBe(expected);
  });
});

describe('notice dates', () => {
  it.each([
    ['2025-06-01', 5, '2025-06-05'],
    ['2025-06-01', 7, '2025-06-07'],
    ['2025-02-25', 7, '2025-03-03'],
    ['2024-02-25', 7, '2024-03-02'], // leap year
    ['2025-12-29', 5, '2026-01-02'],
    ['2025-06-01', 1, '2025-06-01'],
  ] as const)('a notice from %s running %i days ends %s', (start, days, end) => {
    expect(noticeEndDate(start, days)).toBe(end);
    expect(noticeLength(start, end)).toBe(days);
  });

  it('a notice shorter than the setting is measured as such', () => {
    expect(noticeLength('2025-06-01', '2025-06-04')).toBe(4);
  });
});

describe('planDueDate', () => {
  it.each([
    ['2025-06-25', 10, '2025-07-05'],
    ['2025-02-20', 10, '2025-03-02'],
    ['2024-02-20', 10, '2024-03-01'],
  ] as const)('included %s, %i days → %s', (included, days, due) => {
    expect(planDueDate(included, { ...suggestedThresholds(2025), planDeadlineDays: days })).toBe(due);
  });
});

describe('earliestEliminationDate', () => {
  it.each([
    ['2025-06-15', 3, '2025-09-15'],
    ['2025-06-15', 6, '2025-12-15'],
    ['2025-08-31', 6, '2026-02-28'], // month end into a short February
    ['2023-08-31', 6, '2024-02-29'], // leap year
    ['2025-01-31', 1, '2025-02-28'],
    ['2025-03-31', 3, '2025-06-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-06-15', 0, '2025-06-15'],
  ] as const)('included %s, %i months → %s', (included, months, expected) => {
    expect(earliestEliminationDate(included, { ...suggestedThresholds(2025), minMonitoringMonths: months })).toBe(expected);
  });
});

describe('daysLeft', () => {
  it.each([
    ['2025-06-01', '2025-06-05', 4],
    ['2025-06-05', '2025-06-05', 0],
    ['2025-06-07', '2025-06-05', -2],
  ] as const)('today %s, deadline %s → %i', (today, deadline, n) => {
    expect(daysLeft(today, deadline)).toBe(n);
  });
});
