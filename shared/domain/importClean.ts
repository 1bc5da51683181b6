// Cleaning what offices' spreadsheets really hold (DOMAIN §15): full-width digits and letters from
// a Chinese IME, stray spaces and line breaks, a lowercase x at the end of an ID number, Excel date
// serials and the many ways a month or a day is written, numbers stored as text, amounts with 元 or
// thousands separators. Pure functions; the import worker and the tests call them.

import { restoreText } from '../lib/spreadsheetSafe';
import { isValidIsoDate } from '../lib/dates';

/** A cell as a spreadsheet reader hands it over (formulas already resolved to their result). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** Full-width ASCII (！ to ～, and the ideographic space) → half-width. */
export function toHalfWidth(s: string): string {
  return halfWidth(s, (c) => c >= 0xff01 && c <= 0xff5e);
}

/** Full-width digits and Latin letters only → half-width; Chinese punctuation (，。：) stays. */
function halfWidthAlnum(s: string): string {
  return halfWidth(s, (c) => (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a));
}

/**
 * The characters `shifted` picks → their half-width forms, and the ideographic space → a space.
 * A loop over the text rather than a replace() with a function: a county's import cleans ~100,000
 * full-width ID numbers several times each, and the call per character was most of the cleaning.
 */
function halfWidth(s: string, shifted: (code: number) => boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || shifted(c)) {
      out += s.slice(from, i) + String.fromCharCode(c === 0x3000 ? 32 : c - 0xfee0);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Text as it should be compared and stored: digits and letters half-width, no line breaks or
 * zero-width characters, runs of spaces collapsed, trimmed. Chinese punctuation is the clerk's
 * writing and is kept: a note exported with "，" must re-import unchanged.
 */
// The characters cleanText changes: text without them is returned as is (most cells).
const needsCleaning = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000\u200B-\u200D\u2060\uFEFF\u00A0\r\n\t\v\f]| {2}|^ | $/;

export function cleanText(s: string): string {
  if (!needsCleaning.test(s)) return s;
  return halfWidthAlnum(s)
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\r\n\t\v\f\u00A0]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Text for codes and numbers (ID number, 户编号, phone): every kind of whitespace removed. */
const needsCodeCleaning = /[\s\uFF01-\uFF5E\u200B-\u200D\u2060\uFEFF\u00A0]/;

export function cleanCode(s: string): string {
  if (!needsCodeCleaning.test(s)) return s;
  return toHalfWidth(s).replace(/[\s\u200B-\u200D\u2060\uFEFF\u00A0]+/g, '');
}

/** An ID number: no spaces, half-width, a trailing x uppercased (an x elsewhere stays, to be reported). */
export function cleanIdNumber(s: string): string {
  const compact = cleanCode(s).replace(/^'/, '');
  return compact.endsWith('x') ? `${compact.slice(0, -1)}X` : compact;
}

/** A header cell: cleaned, without spaces, a required-marker star or a unit such as （元）. */
export function cleanHeader(s: string): string {
  return cleanText(s)
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}

/** The same header without a trailing unit in brackets: "工资性收入(元)" → "工资性收入". */
export function headerWithoutUnit(cleaned: string): string {
  return cleaned.replace(/\((元|万元|人|月|个月|年|岁|%|元\/人)\)$/, '');
}

/** Any cell as display text (dates as YYYY-MM-DD, whole numbers without a trailing .0). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateToIso(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return cleanText(restoreText(v));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A Date from a spreadsheet reader (a date with no time zone, read as UTC) → 'YYYY-MM-DD'. */
export function dateToIso(d: Date): string {
  // Readers give midnight UTC of the cell's day; a value a second before midnight (float error in
  // the serial) belongs to the next day.
  const t = new Date(d.getTime() + 1000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * An Excel date serial (1900 system: 1 = 1900-01-01, with Excel's phantom 29 February 1900) →
 * 'YYYY-MM-DD'; null outside 1900–2199.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 109575) return null;
  const days = Math.floor(serial + 1e-7);
  // Serial 60 is the phantom 1900-02-29; from 61 on the count is one too high.
  const offset = days >= 61 ? days - 1 : days;
  const ms = Date.UTC(1899, 11, 31) + offset * 86_400_000;
  return dateToIso(new Date(ms));
}

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isValidIsoDate(iso) && y >= 1900 && y < 2200 ? iso : null;
}

export type DateParse = { ok: true; date: string; monthOnly: boolean } | { ok: false };

/**
 * A date as offices write it → 'YYYY-MM-DD'. Month-only forms (`2023.05`, `202305`, `2023年5月`,
 * `2023-05`) mean the first day of that month (`monthOnly` says so). Accepts Excel serials and
 * Date cells. Empty input is not a date (the caller decides whether that is allowed).
 */
export function parseDate(v: CellValue): DateParse {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false } : { ok: true, date: dateToIso(v), monthOnly: false };
  if (typeof v === 'number') {
    // A whole number like 202305 or 20230501 typed into a numeric cell is a YYYYMM(DD), not a serial.
    if (Number.isInteger(v) && v >= 190001 && v <= 219912) return parseDate(String(v));
    if (Number.isInteger(v) && v >= 19000101 && v <= 21991231) return parseDate(String(v));
    const iso = excelSerialToIso(v);
    return iso ? { ok: true, date: iso, monthOnly: false } : { ok: false };
  }
  if (typeof v !== 'string') return { ok: false };
  const s = cleanCode(v).replace(/[号]$/, '日');
  if (s === '') return { ok: false };
  let m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-./年](\d{1,2})(?:月)?$/.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})(?:日)?(?:\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  // A serial that came through as text ("45047").
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s));
    return iso ? { ok: true, date: iso, monthOnly: false } : { ok: false };
  }
  return { ok: false };
}

function month(y: number, m: number): DateParse {
  const iso = isoOf(y, m, 1);
  return iso ? { ok: true, date: iso, monthOnly: true } : { ok: false };
}

function day(y: number, m: number, d: number): DateParse {
  const iso = isoOf(y, m, d);
  return iso ? { ok: true, date: iso, monthOnly: false } : { ok: false };
}

/**
 * A number stored as a number or as text ("1,234", "１２３", " 5 ", "5人", "5.0") → number, or null.
 * `unit` strips one trailing unit word (人, 元, 年 …).
 */
export function parseNumber(v: CellValue, unit = ''): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  let s = cleanCode(v).replace(/[,，]/g, '');
  if (unit && s.endsWith(unit)) s = s.slice(0, -unit.length);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** An integer (year, member count) from a number or text; null when it is not a whole number. */
export function parseInteger(v: CellValue, unit = ''): number | null {
  const n = parseNumber(v, unit);
  if (n === null) return null;
  const r = Math.round(n);
  return Math.abs(n - r) < 1e-9 ? r : null;
}

export type AmountParse = { ok: true; fen: number } | { ok: false; reason: 'format' | 'decimals' };

/**
 * An amount in 元 → integer fen: "1,234.5元", "１２３４", "¥800", "800.00", a numeric cell 1234.56.
 * More than two decimals is refused (not silently rounded): a clerk should see the slip.
 */
export function parseAmountFen(v: CellValue): AmountParse {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, reason: 'format' };
    const fen = Math.round(v * 100);
    if (Math.abs(v * 100 - fen) > 1e-6 * Math.max(1, Math.abs(v))) return { ok: false, reason: 'decimals' };
    return Number.isSafeInteger(fen) ? { ok: true, fen } : { ok: false, reason: 'format' };
  }
  if (typeof v !== 'string') return { ok: false, reason: 'format' };
  const s = cleanCode(v)
    .replace(/[,，]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/(人民币)?元$/, '')
    .replace(/^(人民币)/, '');
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, reason: 'decimals' };
  const fen = Number(m[2]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return { ok: false, reason: 'format' };
  return { ok: true, fen: m[1] ? -fen : fen };
}

/** 是/否 in the forms offices use; null when the text is neither. Empty is null too. */
export function parseYesNo(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const s = cleanCode(v).toLowerCase();
  if (['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '已消除', '已'].includes(s)) return true;
  if (['否', '无', '没有', 'n', 'no', 'false', '0', '×', '未消除', '未'].includes(s)) return false;
  return null;
}

/**
 * A code cell (户编号, phone) that Excel may have turned into a number: a whole number up to 15
 * digits is exact and becomes its digits; above that Excel has already lost digits (it keeps 15
 * significant digits), which `lostDigits` reports so the clerk can fix the column's format.
 */
export function codeText(v: CellValue): { text: string; lostDigits: boolean } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { text: '', lostDigits: false };
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return { text: String(v), lostDigits: false };
    return { text: Number.isInteger(v) ? BigInt(v).toString() : String(v), lostDigits: true };
  }
  if (typeof v === 'string') {
    const s = cleanCode(v).replace(/^'/, '');
    // "3.50421E+17" is what a numeric ID number looks like once it went through text.
    if (/^\d(\.\d+)?e\+\d+$/i.test(s)) return { text: s, lostDigits: true };
    return { text: s, lostDigits: false };
  }
  return { text: cellText(v), lostDigits: false };
}

/**
 * An 18-digit ID number ending in 000: what Excel leaves when it stores the number as a number
 * (15 significant digits, the last three become 0). About one in eleven such numbers still passes
 * the check digit and would be written as somebody else's, so they are refused where Excel is the
 * likely cause (a CSV, or a column where several end so).
 */
export function endsLikeExcelRounded(id: string): boolean {
  return /^\d{15}000$/.test(id);
}

/**
 * True when a column's ID numbers look cut by Excel: several end in 000, far more than the one in
 * a thousand that real numbers do.
 */
export function columnLooksExcelRounded(ids: readonly string[]): boolean {
  const rounded = ids.filter(endsLikeExcelRounded).length;
  return rounded >= 2 && rounded * 100 > ids.length;
}

export const excelRoundedIdMessage =
  '以 000 结尾，很可能是 Excel 把这一列当成了数字，只保留了 15 位有效数字（后 3 位变成了 0），号码已不是本人的。请从原系统重新导出，或在 Excel 中把该列设为“文本”格式后重新填写；如号码确实以 000 结尾，请改用 .xlsx 文件并把该列设为文本后导入';
