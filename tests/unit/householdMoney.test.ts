import { describe, expect, it } from 'vitest';
import { householdPurpose, payUnitProblem } from '../../shared/domain/householdMoney';

describe('到户资金 purposes', () => {
  it.each([
    ['产业奖补', 'head', null],
    ['产业奖补', 'spouse', '产业奖补按户发放，应发到户主的账户；张三 不是户主，请改选该户户主'],
    ['交通补助', 'son', null],
    ['其他', 'son', null],
  ])('%s paid to a %s', (purpose, relation, problem) => {
    expect(payUnitProblem(householdPurpose(purpose), relation, '张三')).toBe(problem);
  });

  it('names the measure and the income category of each purpose', () => {
    expect(householdPurpose('产业奖补')).toMatchObject({ measureCode: 'CY01', income: 'businessIncomeFen' });
    expect(householdPurpose('收益分配')).toMatchObject({ measureCode: 'CY06', income: 'otherTransferFen' });
    expect(householdPurpose('公益岗补贴')).toMatchObject({ unit: 'person', income: 'wageFen' });
  });
});
