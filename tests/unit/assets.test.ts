import { describe, expect, it } from 'vitest';
import { nextPlanStep, planTotalProblem, valueSourcesProblem } from '../../shared/domain/assets';

describe('项目资产 rules', () => {
  it.each([
    [10_000, 10_000, null],
    [10_001, 10_000, '分配总额 100.01 元超过该资产 2026 年登记的收益 100.00 元；请先登记当年收益，或减少分配金额'],
    [1, 0, '分配总额 0.01 元超过该资产 2026 年登记的收益 0.00 元；请先登记当年收益，或减少分配金额'],
  ])('a plan of %i fen against income %i', (plan, income, problem) => {
    expect(planTotalProblem(plan, income, 2026)).toBe(problem);
  });

  it('value by source must equal the value to the fen', () => {
    expect(valueSourcesProblem(300, [{ amountFen: 100 }, { amountFen: 200 }])).toBeNull();
    expect(valueSourcesProblem(300, [{ amountFen: 100 }, { amountFen: 199 }])).toContain('与资产原值 3.00 元不符');
  });

  it('steps follow 村集体制定 → 村民代表讨论 → 乡镇审核备案 → 村内公示, then none', () => {
    expect(nextPlanStep('draft')).toBe('villageDraft');
    expect(nextPlanStep('villageDraft')).toBe('representatives');
    expect(nextPlanStep('representatives')).toBe('townshipFiling');
    expect(nextPlanStep('townshipFiling')).toBe('villageNotice');
    expect(nextPlanStep('villageNotice')).toBeNull();
    expect(nextPlanStep('paying')).toBeNull();
  });
});
