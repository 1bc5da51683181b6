import { isValidIsoDate } from './dates';

// What a clerk types into a date field, read as a calendar day. People write dates several ways
// (2026-12-05, 20261205, 2026.12.5, 2026/12/5, 2026年12月5日, full-width digits from a Chinese
// input method); all of them mean the same day, and anything that is not a real day is refused
// rather than guessed.

const SEPARATED = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Full-width digits and punctuation (０-９，．，－，／) as their ASCII forms. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The day `text` names as 'YYYY-MM-DD', or null when it names no real calendar day. */
export function parseDateText(text: string): string | null {
  const s = halfWidth(text).trim();
  const m = SEPARATED.exec(s) ?? COMPACT.exec(s);
  if (!m) return null;
  const [, year = '', month = '', day = ''] = m;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/**
 * Why typed text was not taken as the field's day, in words for the clerk; null when it was (or
 * when the box is empty). A date field keeps its last good day, so the words must say what was typed.
 */
export function dateRefusal(text: string, min?: string, max?: string): string | null {
  if (text.trim() === '') return null;
  const iso = parseDateText(text);
  if (iso === null) return `无法识别“${text.trim()}”，请按 2026-12-05、20261205 或 2026.12.5 的样式填写`;
  if (min && iso < min) return `${iso} 早于 ${min}，未采用；请填 ${min} 或以后的日期`;
  if (max && iso > max) return `${iso} 晚于 ${max}，未采用；请填 ${max} 或以前的日期`;
  return null;
}
