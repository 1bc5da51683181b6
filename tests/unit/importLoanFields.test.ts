import { describe, expect, it } from 'vitest';
import { amountInWan, autoField, loanKindFromText, loanUseFromText, rateBpFromText } from '../../shared/domain/importFields';

// How a bank's loan sheet is read (issue 13 item 6): the amount's unit from its header, the rate
// in whichever way the bank writes it, its words for the use and the loan type.

describe('bank loan sheet values', () => {
  it.each([
    ['3.45', 345],
    ['3.45%', 345],
    ['3.45 ％', 345],
    ['0.0345', 345],
    ['0.5%', 50],
    ['4.35', 435],
    ['3.465', 346.5],
    ['年息三厘', null],
    ['', null],
  ])('rate %s → %s bp', (text, bp) => {
    expect(rateBpFromText(text)).toBe(bp);
  });

  it.each([
    ['养殖业', 'breeding'],
    ['养牛', 'breeding'],
    ['种植茶叶', 'planting'],
    ['农家乐经营', 'tourism'],
    ['建房', 'housing'],
    ['偿还债务', 'debt'],
    ['入股合作社分红', 'equity'],
    ['户贷企用', 'enterprise'],
    ['生产经营', null],
  ])('use %s → %s', (text, use) => {
    expect(loanUseFromText(text)).toBe(use);
  });

  it('loan type and the amount column’s unit', () => {
    expect([loanKindFromText('新增'), loanKindFromText('续贷'), loanKindFromText('展期'), loanKindFromText('无还本续贷'), loanKindFromText('其他')]).toEqual(['new', 'renewal', 'extension', 'renewal', null]);
    expect(amountInWan('贷款金额（万元）')).toBe(true);
    expect(amountInWan('贷款金额(元)')).toBe(false);
    expect(autoField('loans', '贷款金额（万元）')).toBe('amount');
    expect(autoField('loans', '发放日期')).toBe('loanDate');
    expect(autoField('loans', '执行利率')).toBe('rate');
  });
});
