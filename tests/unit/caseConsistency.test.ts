import { describe, expect, it } from 'vitest';
import { caseConsistencyWarnings, showsCategorySuggestion } from '../../shared/domain/caseConsistency';
import { guaranteeKeys, type GuaranteeStatus } from '../../shared/domain/monitoring';

// Issue 15 #21: a confirmed category is not second-guessed; a risk whose guarantee reads 有保障 is flagged.
const guarantees = (atRisk: readonly string[] = []) =>
  Object.fromEntries(guaranteeKeys.map((k) => [k, { status: (atRisk.includes(k) ? 'atRisk' : 'secure') as GuaranteeStatus }])) as Record<
    (typeof guaranteeKeys)[number],
    { status: GuaranteeStatus }
  >;

describe('caseConsistencyWarnings', () => {
  it('flags 住房安全 while the housing guarantee says 有保障, and says what to correct', () => {
    const [w, ...rest] = caseConsistencyWarnings(['illness', 'housing'], guarantees());
    expect(rest).toEqual([]);
    expect(w).toContain('住房安全');
    expect(w).toContain('有保障');
    expect(w).toContain('改为有风险');
  });
  it('is quiet when the guarantee reads 有风险 or the risk is not about a guarantee', () => {
    expect(caseConsistencyWarnings(['housing'], guarantees(['housing']))).toEqual([]);
    expect(caseConsistencyWarnings(['illness', 'schooling'], guarantees())).toEqual([]);
    expect(caseConsistencyWarnings(['drinkingWater'], guarantees())).toHaveLength(1);
  });
});

describe('showsCategorySuggestion', () => {
  it('shows while no category is set or an unconfirmed one differs; never against a confirmed one', () => {
    expect(showsCategorySuggestion({ category: null, categoryConfirmedBy: null }, 'marginal')).toBe(true);
    expect(showsCategorySuggestion({ category: 'marginal', categoryConfirmedBy: null }, 'unstableExited')).toBe(true);
    expect(showsCategorySuggestion({ category: 'marginal', categoryConfirmedBy: '林主任' }, 'unstableExited')).toBe(false);
    expect(showsCategorySuggestion({ category: 'marginal', categoryConfirmedBy: null }, 'marginal')).toBe(false);
  });
});
