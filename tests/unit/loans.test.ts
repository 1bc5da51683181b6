import { describe, expect, it } from 'vitest';
import { defaultLoanSettings, loanSettingsFor, loanStatus, loanWarnings, overdueDays, subsidyDueFen, type LoanFacts } from '../../shared/domain/loans';

// 脱贫人口小额信贷 rules (EMPLOYMENT-FUNDS §2.5; W41–W43), each at its boundary.

const s2025 = defaultLoanSettings(2025);
const base: LoanFacts = { amountFen: 5_000_000, loanDate: '2025-03-10', dueDate: '2028-03-10', rateBp: 345, use: 'breeding', borrowerBirthDate: '1980-05-01' };

describe('loan warnings', () => {
  it.each([
    ['5 万 exactly, 36 months, aged 44: no warning', {}, []],
    ['one fen over 5 万: no 贴息', { amountFen: 5_000_001 }, ['贷款金额超过 5 万元，按政策不享受贴息']],
    ['one day past 3 years', { dueDate: '2028-03-11' }, ['贷款期限超过 36 个月']],
    ['18 on the loan day', { borrowerBirthDate: '2007-03-10' }, []],
    ['one day short of 18', { borrowerBirthDate: '2007-03-11' }, ['借款人放款时 17 岁，不在 18–65 岁之间']],
    ['65 until the day before 66', { borrowerBirthDate: '1959-03-11' }, []],
    ['66 on the loan day', { borrowerBirthDate: '1959-03-10' }, ['借款人放款时 66 岁，不在 18–65 岁之间']],
    ['a use the rules forbid', { use: 'housing' }, ['用途“建房”不符合政策：小额信贷应户借户用户还，用于发展生产']],
    ['户贷企用', { use: 'enterprise' }, ['用途“户贷企用”不符合政策：小额信贷应户借户用户还，用于发展生产']],
  ] as const)('%s', (_name, change, expected) => {
    expect(loanWarnings({ ...base, ...change }, s2025)).toEqual(expected);
  });

  it('checks the rate only where the year sets a cap', () => {
    expect(loanWarnings({ ...base, rateBp: 400 }, s2025)).toEqual([]);
    expect(loanWarnings({ ...base, rateBp: 346 }, { ...s2025, maxRateBp: 345 })).toEqual(['利率 3.46% 高于 3.45%']);
    expect(loanWarnings({ ...base, rateBp: 345 }, { ...s2025, maxRateBp: 345 })).toEqual([]);
  });
});

describe('overdue and status', () => {
  it.each([
    ['due today, still owing', '2028-03-10', 100, 0, 'current'],
    ['one day past due', '2028-03-11', 100, 1, 'overdue'],
    ['past due but repaid', '2028-06-01', 0, 0, 'settled'],
  ] as const)('%s', (_name, today, outstanding, days, status) => {
    expect(overdueDays('2028-03-10', outstanding, today)).toBe(days);
    expect(loanStatus(outstanding, '2028-03-10', today)).toBe(status);
  });
});

describe('贴息', () => {
  it('covers all the interest to 2023 and 70 % from 2024, as suggested defaults', () => {
    expect(defaultLoanSettings(2023).subsidyPercent).toBe(100);
    expect(defaultLoanSettings(2024).subsidyPercent).toBe(70);
  });
  it.each([
    ['70 % of 1,725.00 元', 172_500, 5_000_000, 120_750],
    ['rounded down to the fen', 1_001, 5_000_000, 700],
    ['none above 5 万', 172_500, 5_000_001, 0],
    ['none without interest paid', 0, 3_000_000, 0],
  ] as const)('%s', (_name, interest, amount, due) => {
    expect(subsidyDueFen(interest, amount, s2025)).toBe(due);
  });
  it('uses the latest saved year not after the one asked', () => {
    const saved = [{ ...s2025, year: 2024, subsidyPercent: 80 }];
    expect(loanSettingsFor(saved, 2026)).toMatchObject({ subsidyPercent: 80, source: 'saved' });
    expect(loanSettingsFor(saved, 2023)).toMatchObject({ subsidyPercent: 100, source: 'default' });
  });
});
