import { describe, expect, it } from 'vitest';
import {
  ageOn,
  idCheckDigit,
  isValidIsoDate,
  normalizeIdNumber,
  parseIdNumber,
  sexLabels,
  type IdNumberError,
} from '../../shared/domain/idNumber';
import { addDays, daysBetween, todayIso } from '../../shared/lib/dates';

const TODAY = '2025-06-15';

// Check digits below were computed independently (Python), not with idCheckDigit.
describe('idCheckDigit', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['51162119900307123', '1'],
    ['43012420000229456', '0'],
    ['52242619851017462', '1'],
    ['51162120120610008', 'X'],
  ])('%s -> %s', (first17, digit) => {
    expect(idCheckDigit(first17)).toBe(digit);
  });

  it.each(['1101051949123100', '110105194912310021', '1101051949123100A'])('refuses %s', (s) => {
    expect(() => idCheckDigit(s)).toThrow(RangeError);
  });
});

describe('parseIdNumber: valid numbers', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', '110105'],
    ['511621199003071231', '511621199003071231', '1990-03-07', 'male', '511621'],
    ['522426198510174621', '522426198510174621', '1985-10-17', 'female', '522426'],
    ['51162120120610008X', '51162120120610008X', '2012-06-10', 'female', '511621'],
    // 29 February in a leap year (2000 is a leap year: divisible by 400).
    ['430124200002294560', '430124200002294560', '2000-02-29', 'female', '430124'],
    ['360721200002281351', '360721200002281351', '2000-02-28', 'male', '360721'],
    // Earliest accepted birth date.
    ['430124190001010013', '430124190001010013', '1900-01-01', 'male', '430124'],
    // Lowercase x is accepted and stored uppercase.
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female', '110105'],
    // Spaces anywhere (pasted in groups, tabs, full-width space) are dropped.
    [' 110105 19491231 002X ', '11010519491231002X', '1949-12-31', 'female', '110105'],
    ['511621\t19900307\u30001231', '511621199003071231', '1990-03-07', 'male', '511621'],
    // Full-width digits and ｘ from a Chinese IME.
    ['５１１６２１１９９００３０７１２３１', '511621199003071231', '1990-03-07', 'male', '511621'],
    ['11010519491231002ｘ', '11010519491231002X', '1949-12-31', 'female', '110105'],
  ])('%j', (raw, value, birthDate, sex, regionCode) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: true, value, birthDate, sex, regionCode });
  });

  it('accepts a birth date equal to today', () => {
    expect(parseIdNumber('110105202601010019', '2026-01-01')).toMatchObject({ ok: true, birthDate: '2026-01-01' });
  });
});

describe('parseIdNumber: refused numbers', () => {
  it.each<[string, string, IdNumberError]>([
    ['empty', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['bad check digit', '511621199003071232', 'checkDigit'],
    ['check digit X where a digit belongs', '51162119900307123X', 'checkDigit'],
    ['17 characters', '51162119900307123', 'length'],
    ['19 characters', '5116211990030712310', 'length'],
    ['15 characters that are not all digits', '13050367040100X', 'length'],
    ['letter O in the middle', '5116211990O3071231', 'format'],
    ['x not at the end', '5116211990030712x1', 'format'],
    ['last character neither digit nor X', '51162119900307123Y', 'format'],
    ['30 February', '360721199902301359', 'date'],
    ['29 February in a non-leap year', '430124200102294568', 'date'],
    ['month 13', '511621199013071234', 'date'],
    ['born before 1900', '440524188001010014', 'date'],
    ['born after today', '110105202601010019', 'future'],
    ['legacy 15-digit number', '130503670401001', 'legacy15'],
  ])('%s', (_label, raw, error) => {
    const r = parseIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe(error);
      expect(r.message).toMatch(/请/);
    }
  });

  it('tells the clerk that the old 15-digit number is not accepted and where to find the 18-digit one', () => {
    const r = parseIdNumber('130503670401001', TODAY);
    expect(r).toEqual({
      ok: false,
      error: 'legacy15',
      message: '这是15位旧身份证号码，已不能使用。请按现用身份证或户口簿上的18位号码填写。',
    });
  });

  it('says how many characters were typed', () => {
    const short = parseIdNumber('51162119900307123', TODAY);
    const long = parseIdNumber('5116211990030712310', TODAY);
    expect(short.ok === false && short.message).toBe('已输入17位，身份证号码应为18位，请核对后补全或删去多余的字符。');
    expect(long.ok === false && long.message).toContain('已输入19位');
  });

  it('counts characters after removing spaces', () => {
    const r = parseIdNumber('5116 2119 9003 0712 3', TODAY);
    expect(r.ok === false && r.message).toContain('已输入17位');
  });

  it('names the impossible date and the future date', () => {
    const feb30 = parseIdNumber('360721199902301359', TODAY);
    expect(feb30.ok === false && feb30.message).toContain('19990230');
    const future = parseIdNumber('110105202601010019', TODAY);
    expect(future.ok === false && future.message).toContain('2026年1月1日');
  });

  it('explains a wrong check digit as a typing error', () => {
    const r = parseIdNumber('511621199003071232', TODAY);
    expect(r.ok === false && r.message).toBe('身份证号码最后一位校验码对不上，可能有数字输错，请对照证件逐位核对。');
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    [' 11010519491231002x ', '11010519491231002X'],
    ['110105 1949 1231 002X', '11010519491231002X'],
    ['1101051949123100\u200B2X', '11010519491231002X'],
    ['5116211990030712x1', '5116211990030712x1'],
    ['', ''],
  ])('%j -> %j', (raw, out) => {
    expect(normalizeIdNumber(raw)).toBe(out);
  });
});

describe('sexLabels', () => {
  it('labels both sexes in Chinese', () => {
    expect(sexLabels).toEqual({ male: '男', female: '女' });
  });
});

describe('ageOn', () => {
  it.each([
    ['1990-03-07', '2025-03-06', 34],
    ['1990-03-07', '2025-03-07', 35],
    ['1990-03-07', '2025-03-08', 35],
    ['1990-12-31', '2025-01-01', 34],
    ['2025-06-15', '2025-06-15', 0],
    ['2024-06-16', '2025-06-15', 0],
    ['2024-06-15', '2025-06-15', 1],
    // 29 February birthdays: older on 1 March in non-leap years, on 29 February in leap years.
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-28', 23],
    ['2000-02-29', '2024-02-29', 24],
  ])('born %s, on %s -> %i', (birth, date, age) => {
    expect(ageOn(birth, date)).toBe(age);
  });

  it('refuses an invalid date', () => {
    expect(() => ageOn('2001-02-29', '2025-01-01')).toThrow(RangeError);
  });
});

describe('isValidIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-04-30', true],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
    ['20250101', false],
    ['2025-01-01 ', false],
    ['', false],
  ])('%j -> %s', (s, ok) => {
    expect(isValidIsoDate(s)).toBe(ok);
  });
});

describe('addDays, daysBetween, todayIso', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2025-01-01', 365, '2026-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('addDays(%s, %i) -> %s', (date, n, out) => {
    expect(addDays(date, n)).toBe(out);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
  });

  it('uses the local calendar day', () => {
    expect(todayIso(new Date(2025, 0, 5, 0, 30))).toBe('2025-01-05');
    expect(todayIso(new Date(2024, 11, 31, 23, 59))).toBe('2024-12-31');
  });
});
