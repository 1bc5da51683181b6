// Calendar dates are 'YYYY-MM-DD' text everywhere (ARCHITECTURE.md). These helpers work on the
// text and on UTC arithmetic only, so a clerk's time zone or a DST change can never shift a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 'YYYY-MM-DD' naming a real calendar day (no 30 February, 29 February only in leap years). */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(s: string): [number, number, number] {
  if (!isValidIsoDate(s)) throw new RangeError(`日期“${s}”无效，应为 YYYY-MM-DD 格式的真实日期。`);
  return [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
}

/**
 * Age in whole years on `date`. The birthday counts on the day itself; someone born on 29 February
 * turns a year older on 1 March in non-leap years (the usual reading of 周岁 in household registers).
 */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(date);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(utcMs(y, m, d) + Math.trunc(n) * DAY_MS);
  const pad = (v: number, w: number): string => String(v).padStart(w, '0');
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((utcMs(ty, tm, td) - utcMs(fy, fm, fd)) / DAY_MS);
}

/** The office's calendar day: local time, because a clerk at 00:30 means today, not yesterday in UTC. */
export function todayIso(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The same day `n` months later; a day the target month lacks becomes its last day
 * (31 January + 1 month = 28 or 29 February), as a clerk counts "满 N 个月".
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + Math.trunc(n);
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(utcMs(y, m, d)).getUTCDay();
}

/** The last day of the month `date` falls in. */
export function endOfMonth(date: string): string {
  const [y, m] = parts(date);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** An instant (ISO text, usually UTC) as the office reads it: local 'YYYY-MM-DD HH:mm:ss'. */
export function localDateTimeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${todayIso(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
