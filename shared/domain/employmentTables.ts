import { currentSpell, type SpellFacts } from './employment';

// 月报 R2 务工就业 and R3 公益岗 (EMPLOYMENT-FUNDS §3.1): what one person or one month counts
// under. The core gathers the rows per village; these rules decide the columns.

/** Channels R2 counts in a column of their own besides 务工地域. */
const channelColumns = ['welfarePost', 'workshop', 'workRelief', 'selfEmployed'] as const;

/**
 * The R2 columns a person counts in on `date`: none without an open spell; otherwise 已务工
 * (`working`), the open spell's 务工地域, and its channel when R2 has a column for it.
 */
export function r2Columns(spells: readonly SpellFacts[], date: string): string[] {
  const open = currentSpell(spells, date);
  if (open === null) return [];
  const keys = ['working', open.area];
  if ((channelColumns as readonly string[]).includes(open.channel)) keys.push(open.channel);
  return keys;
}

/** 同比: the change against last year's count as a fraction (null without last year's figure). */
export function yearOnYear(now: number, lastYear: number): number | null {
  return lastYear > 0 ? (now - lastYear) / lastYear : null;
}

/** The same day a year earlier (29 February → 28 February). */
export function sameDayLastYear(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${y}-${md}`;
}

/** R3's money of one month's attendance: 扣发 is the deductions, 奖励 the rewards, 实发 what is paid. */
export function r3Money(months: readonly { dueFen: number; adjustFen: number; paidFen: number }[]): { dueFen: number; deductedFen: number; rewardFen: number; paidFen: number } {
  let dueFen = 0;
  let deductedFen = 0;
  let rewardFen = 0;
  let paidFen = 0;
  for (const m of months) {
    dueFen += m.dueFen;
    if (m.adjustFen < 0) deductedFen -= m.adjustFen;
    else rewardFen += m.adjustFen;
    paidFen += m.paidFen;
  }
  return { dueFen, deductedFen, rewardFen, paidFen };
}
