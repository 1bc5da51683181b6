import { describe, expect, it } from 'vitest';
import { formatYuan, suggestCategory } from '../../shared/domain/category';
import type { HouseholdKind } from '../../shared/domain/household';
import type { MonitoringCategory } from '../../shared/domain/monitoring';

const LINE = 726_000; // 7,260.00 元

describe('suggestCategory: at and around the monitoring line', () => {
  it.each<[string, HouseholdKind, number, MonitoringCategory]>([
    ['exited, one fen below the line', 'povertyExited', LINE - 1, 'unstableExited'],
    ['exited, exactly on the line (within)', 'povertyExited', LINE, 'unstableExited'],
    ['exited, one fen above the line', 'povertyExited', LINE + 1, 'suddenHardship'],
    ['ordinary, one fen below', 'ordinary', LINE - 1, 'marginal'],
    ['ordinary, on the line', 'ordinary', LINE, 'marginal'],
    ['ordinary, one fen above', 'ordinary', LINE + 1, 'suddenHardship'],
    ['monitored, on the line', 'monitored', LINE, 'marginal'],
    ['monitored, far above', 'monitored', 2_000_000, 'suddenHardship'],
    ['exited, zero income', 'povertyExited', 0, 'unstableExited'],
    ['ordinary, negative income (failed business)', 'ordinary', -50_000, 'marginal'],
  ])('%s', (_name, kind, perCapitaFen, expected) => {
    const s = suggestCategory({ householdKind: kind, income: { year: 2025, perCapitaFen }, monitoringLineFen: LINE });
    expect(s.category).toBe(expected);
    expect(s.reason).toContain('2025 年人均纯收入');
    expect(s.reason).toContain('7,260.00 元');
  });

  it('no income: no suggestion, and a reason that says what to do', () => {
    const s = suggestCategory({ householdKind: 'ordinary', income: null, monitoringLineFen: null });
    expect(s.category).toBeNull();
    expect(s.reason).toContain('尚无收入记录');
  });

  it('uses the line it is given (the year in force), not a constant', () => {
    const at6000 = suggestCategory({ householdKind: 'ordinary', income: { year: 2021, perCapitaFen: 650_000 }, monitoringLineFen: 600_000 });
    const at6600 = suggestCategory({ householdKind: 'ordinary', income: { year: 2023, perCapitaFen: 650_000 }, monitoringLineFen: 660_000 });
    expect(at6000.category).toBe('suddenHardship');
    expect(at6600.category).toBe('marginal');
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [726_000, '7,260.00'],
    [123_456_789, '1,234,567.89'],
    [-50_001, '-500.01'],
  ])('%i fen → %s', (fen, text) => expect(formatYuan(fen)).toBe(text));
});
