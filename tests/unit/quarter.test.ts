import { describe, expect, it } from 'vitest';
import {
  inQuarter,
  parseQuarter,
  previousQuarter,
  quarterCode,
  quarterLabel,
  quarterOf,
  quarterRange,
  submissionQuarterOn,
} from '../../shared/domain/quarter';

describe('quarter', () => {
  it.each([
    ['2026Q3', { year: 2026, q: 3 }],
    ['2026q1', { year: 2026, q: 1 }],
    [' 2025 Q4 ', { year: 2025, q: 4 }],
  ])('parses %j', (text, expected) => {
    expect(parseQuarter(text)).toEqual(expected);
  });

  it.each(['2026Q5', '2026Q0', '2026', 'Q3', '26Q3', '1999Q1', '2026-Q3', ''])('refuses %j', (text) => {
    expect(parseQuarter(text)).toBeNull();
  });

  it('codes, labels and date ranges', () => {
    expect(quarterCode({ year: 2026, q: 3 })).toBe('2026Q3');
    expect(quarterLabel({ year: 2026, q: 3 })).toBe('2026年第三季度');
    expect(quarterLabel({ year: 2026, q: 1 })).toBe('2026年第一季度');
    expect(quarterRange({ year: 2026, q: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange({ year: 2026, q: 2 })).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange({ year: 2026, q: 3 })).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange({ year: 2026, q: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('finds the quarter of a date and the one to submit', () => {
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, q: 1 });
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, q: 2 });
    expect(quarterOf('2026-12-31')).toEqual({ year: 2026, q: 4 });
    expect(previousQuarter({ year: 2026, q: 1 })).toEqual({ year: 2025, q: 4 });
    expect(submissionQuarterOn('2026-10-08')).toEqual({ year: 2026, q: 3 });
    expect(submissionQuarterOn('2026-01-05')).toEqual({ year: 2025, q: 4 });
    expect(inQuarter('2026-09-30', { year: 2026, q: 3 })).toBe(true);
    expect(inQuarter('2026-10-01', { year: 2026, q: 3 })).toBe(false);
    expect(inQuarter(null, { year: 2026, q: 3 })).toBe(false);
  });
});
