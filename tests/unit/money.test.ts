import { describe, expect, it } from 'vitest';
import { parseYuan, readYuan } from '../../shared/lib/money';

// One parser for every 元 field: the plan's and visit's amount boxes (readYuan with a label) and
// the income / threshold fields and the import (parseYuan) read the same text the same way.
describe('readYuan', () => {
  it.each([
    ['1234', 123_400],
    ['1,234.5', 123_450],
    ['１２３４．５６', 123_456],
    ['12。5', 1_250],
    [' 12 ', 1_200],
    ['100元', 10_000],
  ] as const)('reads %s as %s fen', (text, fen) => {
    expect(readYuan(text)).toEqual({ ok: true, fen });
  });

  it('leaves an empty box to the form', () => {
    expect(readYuan('  ')).toEqual({ ok: true, fen: null });
  });

  it('says what to fix, naming the field', () => {
    expect(readYuan('-5', { label: '工资性收入' })).toEqual({ ok: false, error: '工资性收入不能是负数' });
    expect(readYuan('12.345')).toEqual({ ok: false, error: '金额最多填到分（小数点后两位）' });
    expect(readYuan('abc')).toEqual({ ok: false, error: '金额请填写数字（单位：元），例如 1200 或 1200.50' });
    expect(readYuan('100000001')).toEqual({ ok: false, error: '金额过大，请核对（单位：元）' });
  });

  it('takes a sign where the field allows one', () => {
    expect(readYuan('－35.5', { negative: true })).toEqual({ ok: true, fen: -3_550 });
    expect(parseYuan('-5')).toBe(-500);
    expect(parseYuan('100000001')).toBe(10_000_000_100);
  });
});
