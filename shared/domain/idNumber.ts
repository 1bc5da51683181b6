// 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence whose last
// digit carries the sex, and an ISO 7064 MOD 11-2 check character. Birth date and sex are read
// from the number so a clerk never types them twice (DOMAIN.md §3).

import { isValidIsoDate } from '../lib/dates';

export { ageOn, isValidIsoDate } from '../lib/dates';

export type Sex = 'male' | 'female';
export const sexLabels: Readonly<Record<Sex, string>> = { male: '男', female: '女' };

export type IdNumberError = 'empty' | 'legacy15' | 'length' | 'format' | 'checkDigit' | 'date' | 'future';
export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string; sex: Sex; regionCode: string }
  | { ok: false; error: IdNumberError; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = '1900-01-01';

export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('计算校验码需要恰好17位数字。');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + (first17.charCodeAt(i) - 48) * w, 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Removes every kind of whitespace (numbers are often pasted from Excel or typed in groups) and
 * maps full-width digits and X, which a Chinese IME produces, to ASCII. Only a trailing x is
 * uppercased: an x elsewhere is a typing error that `parseIdNumber` must report.
 */
export function normalizeIdNumber(raw: string): string {
  const compact = raw
    .replace(/[\s\u200B-\u200D\u2060]+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[ｘＸ]$/, 'X');
  return compact.endsWith('x') ? `${compact.slice(0, -1)}X` : compact;
}

function fail(error: IdNumberError, message: string): IdNumberCheck {
  return { ok: false, error, message };
}

function chineseDate(iso: string): string {
  return `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

const wellFormed = /^\d{17}[\dX]$/;

/** `today` is the office's 'YYYY-MM-DD'; a birth after it is refused. */
export function parseIdNumber(raw: string, today: string): IdNumberCheck {
  // A number already clean (nearly every one an import reads) has nothing to normalize or count.
  const clean = wellFormed.test(raw);
  const value = clean ? raw : normalizeIdNumber(raw);
  if (!clean) {
    if (value === '') return fail('empty', '请输入18位身份证号码。');
    const length = Array.from(value).length;
    if (length === 15 && /^\d{15}$/.test(value)) {
      return fail('legacy15', '这是15位旧身份证号码，已不能使用。请按现用身份证或户口簿上的18位号码填写。');
    }
    if (length !== 18) return fail('length', `已输入${length}位，身份证号码应为18位，请核对后补全或删去多余的字符。`);
    if (!wellFormed.test(value)) {
      return fail('format', '身份证号码前17位只能是数字，最后一位是数字或X，请核对后重新输入。');
    }
  }

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate)) {
    return fail('date', `号码第7–14位的出生日期“${value.slice(6, 14)}”不是真实日期，请核对这几位。`);
  }
  if (birthDate < EARLIEST_BIRTH) {
    return fail('date', `号码中的出生日期${chineseDate(birthDate)}早于1900年，请核对第7–14位。`);
  }
  if (birthDate > today) {
    return fail('future', `号码中的出生日期${chineseDate(birthDate)}晚于今天，请核对第7–14位。`);
  }
  // The date checks come first because they name the digits to look at; a wrong check character
  // alone only says that some digit is wrong.
  if (idCheckDigit(value.slice(0, 17)) !== value.charAt(17)) {
    return fail('checkDigit', '身份证号码最后一位校验码对不上，可能有数字输错，请对照证件逐位核对。');
  }

  const sex: Sex = (value.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, regionCode: value.slice(0, 6) };
}

/**
 * The one wording for "this person is already on the register", said alike by the form while the
 * clerk types and by the core when it refuses the save (and by an import's conflict list).
 */
export function duplicateIdMessage(idNumber: string, holder: { householdCode: string; memberName: string }): string {
  return `身份证号 ${idNumber} 已登记在户 ${holder.householdCode} 的在册成员 ${holder.memberName} 名下。同一人只能在一户在册；如已迁入本户，请先在原户为其办理迁出减员`;
}
