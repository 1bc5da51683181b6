import { describe, expect, it } from 'vitest';
import { amountInCapitals, rmbInCapitals } from '../../shared/lib/capitals';

// Amounts are given here as people write them (元, two decimals) and turned into fen, so each
// row reads like the paper it stands for.
const fen = (yuan: string) => Math.round(Number(yuan.replace(/,/g, '')) * 100);

describe('amountInCapitals', () => {
  it.each([
    // The five figures the issue names.
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['10.10', '壹拾元壹角'],
    ['1,000,000.00', '壹佰万元整'],
    ['100,010,000.07', '壹亿零壹万元零柒分'],
    // More of the writing rules.
    ['1.00', '壹元整'],
    ['10.00', '壹拾元整'],
    ['105.00', '壹佰零伍元整'],
    ['1,010.00', '壹仟零壹拾元整'],
    ['100,000.10', '壹拾万元壹角'],
    ['12,000.00', '壹万贰仟元整'],
    ['20,005.00', '贰万零伍元整'],
    ['10,000,500.00', '壹仟万零伍佰元整'],
    ['100,000,001.00', '壹亿零壹元整'],
    ['0.15', '壹角伍分'],
    ['0.50', '伍角'],
    ['1.05', '壹元零伍分'],
    ['7,260.00', '柒仟贰佰陆拾元整'],
    ['3,456.78', '叁仟肆佰伍拾陆元柒角捌分'],
    ['1,100,000.00', '壹佰壹拾万元整'],
    ['100,000,000.00', '壹亿元整'],
  ])('%s 元 → %s', (yuan, capitals) => {
    expect(amountInCapitals(fen(yuan))).toBe(capitals);
  });

  it('puts 人民币 in front for forms', () => {
    expect(rmbInCapitals(1_200_000)).toBe('人民币壹万贰仟元整');
    expect(rmbInCapitals(0)).toBe('人民币零元整');
  });

  it('refuses negative amounts and fractions of a fen', () => {
    expect(() => amountInCapitals(-100)).toThrow(RangeError);
    expect(() => amountInCapitals(1.5)).toThrow(RangeError);
    expect(() => amountInCapitals(Number.NaN)).toThrow(RangeError);
  });
});
