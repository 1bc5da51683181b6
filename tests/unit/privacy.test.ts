import { describe, expect, it } from 'vitest';
import { fullIdNumbersIn, maskBankAccount, maskIdNumber, maskPhone, publicNoticeProblem } from '../../shared/domain/privacy';

describe('masking', () => {
  it('masks an 18-digit ID number to the region and the last four, a 15-digit one to region and last three', () => {
    expect(maskIdNumber('350421196503120011')).toBe('350421********0011');
    expect(maskIdNumber('35042119650312001x')).toBe('350421********001X');
    expect(maskIdNumber('350421650312001')).toBe('350421******001');
  });
  it('masks mobile and landline phones', () => {
    expect(maskPhone('13905981234')).toBe('139****1234');
    expect(maskPhone('0598-2812345')).toBe('0598***2345');
    expect(maskPhone('123')).toBe('***');
  });
  it('masks a bank account to its first and last four digits', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('6222 **** **** 0123');
    expect(maskBankAccount('6222 0212 3456 7890')).toBe('6222 **** **** 7890');
  });
});

describe('the public-notice guard', () => {
  it('refuses text holding a full 18-digit ID number, also one ending in X or x and in full-width digits', () => {
    for (const text of ['户主 350421196503120011 张三', '身份证：35042119650312001X。', '35042119650312001x', '３５０４２１１９６５０３１２００１１']) {
      expect(fullIdNumbersIn(text)).toHaveLength(1);
      expect(publicNoticeProblem(text)).toContain('完整的身份证号');
    }
  });
  it('refuses a 15-digit first-generation ID number', () => {
    expect(publicNoticeProblem('张三 350421650312001')).toContain('身份证号');
  });
  it('allows masked numbers, household codes (16 digits), village codes, phones and dates', () => {
    const text = '350421********0011 户编号 3504211010010001 村 350421101001 电话 13905981234 2026-04-24 金额 1234567';
    expect(fullIdNumbersIn(text)).toEqual([]);
    expect(publicNoticeProblem(text)).toBeNull();
  });
  it('does not take part of a longer digit run for an ID number', () => {
    expect(fullIdNumbersIn('6222021234567890123456')).toEqual([]);
  });
  it('names the number only masked in its refusal', () => {
    const msg = publicNoticeProblem('350421196503120011') ?? '';
    expect(msg).toContain('350421********0011');
    expect(msg).not.toContain('350421196503120011');
  });
});
