import { describe, expect, it } from 'vitest';
import { changedWhen, isStale } from '../../electron/core/staleSave';

// The words of a refused stale save: "于 10:42" today, with the date on another day; and which
// versions count as stale.

const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();
const row = (version: number) => ({ version, updated_at: local(2026, 3, 10, 10, 42), updated_by: 'u1' });

describe('changedWhen', () => {
  it('gives only the time for a change made today', () => {
    expect(changedWhen(local(2026, 3, 10, 10, 42), new Date(2026, 2, 10, 16, 0))).toBe('10:42');
  });
  it('gives the date too for a change on another day', () => {
    expect(changedWhen(local(2026, 3, 9, 8, 5), new Date(2026, 2, 10, 9, 0))).toBe('2026-03-09 08:05');
  });
});

describe('isStale', () => {
  it.each([
    ['the version the form saw', 3, 3, false],
    ['an older version', 2, 3, true],
    ['no version (a script writing unconditionally)', undefined, 3, false],
    ['null: the form saw no record, but one exists now', null, 1, true],
  ] as const)('%s', (_what, seen, current, stale) => {
    expect(isStale(row(current), seen)).toBe(stale);
  });
  it('null with no record yet is not stale', () => {
    expect(isStale(undefined, null)).toBe(false);
  });
});
