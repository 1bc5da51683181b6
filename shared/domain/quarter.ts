// 季度 (quarters) of the quarterly submission: written '2026Q3', shown 2026年第三季度.

export interface Quarter {
  year: number;
  /** 1–4 */
  q: 1 | 2 | 3 | 4;
}

const quarterNames = ['一', '二', '三', '四'] as const;
export const quarterPattern = /^(\d{4})\s*[Qq]\s*([1-4])$/;

/** '2026Q3' (also '2026q3', '2026 Q3') → { year: 2026, q: 3 }, or null. */
export function parseQuarter(text: string): Quarter | null {
  const m = quarterPattern.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, q: Number(m[2]) as Quarter['q'] };
}

/** { year: 2026, q: 3 } → '2026Q3' */
export function quarterCode(quarter: Quarter): string {
  return `${quarter.year}Q${quarter.q}`;
}

/** 2026年第三季度 */
export function quarterLabel(quarter: Quarter): string {
  return `${quarter.year}年第${quarterNames[quarter.q - 1]}季度`;
}

/** First and last day of the quarter, 'YYYY-MM-DD'. */
export function quarterRange(quarter: Quarter): { from: string; to: string } {
  const firstMonth = (quarter.q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(quarter.year, lastMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${quarter.year}-${mm(firstMonth)}-01`, to: `${quarter.year}-${mm(lastMonth)}-${lastDay}` };
}

/** The quarter a date ('YYYY-MM-DD') falls in. */
export function quarterOf(date: string): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, q: (Math.floor((month - 1) / 3) + 1) as Quarter['q'] };
}

/** The quarter before this one. */
export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.q === 1 ? { year: quarter.year - 1, q: 4 } : { year: quarter.year, q: (quarter.q - 1) as Quarter['q'] };
}

/**
 * The quarter an office normally submits on a given day: the one just ended (reports are made
 * after the quarter closes), e.g. on 2026-10-08 → 2026Q3.
 */
export function submissionQuarterOn(today: string): Quarter {
  return previousQuarter(quarterOf(today));
}

/** True when the date lies in the quarter. */
export function inQuarter(date: string | null | undefined, quarter: Quarter): boolean {
  if (!date) return false;
  const { from, to } = quarterRange(quarter);
  return date >= from && date <= to;
}
