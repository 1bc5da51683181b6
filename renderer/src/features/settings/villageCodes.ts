// Helpers for typing villages and groups quickly: the next village code, 一组…N组, a list from text.

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五; beyond 99 Arabic digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (digits[tens] ?? '')}十${ones === 0 ? '' : (digits[ones] ?? '')}`;
}

/** 第 n 个村民小组 by the usual naming: 一组, 二组 … */
export function groupName(n: number): string {
  return `${chineseNumber(n)}组`;
}

/** 一组 … N组. */
export function groupNamesFor(count: number): string[] {
  return Array.from({ length: Math.max(0, Math.min(count, 99)) }, (_, i) => groupName(i + 1));
}

/** "一组,二组、三组 四组" → ['一组', '二组', '三组', '四组'] — a comma, 顿号, semicolon or space separates. */
export function splitGroupNames(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const groupSeparator = '、';

/**
 * The next free 12-digit village code under a 9-digit township code: 350421101 → 350421101001,
 * then 002 … Empty when the township code is not complete yet or all 999 are taken.
 */
export function nextVillageCode(townshipCode: string, existing: readonly string[]): string {
  if (!/^\d{9}$/.test(townshipCode)) return '';
  let max = 0;
  for (const code of existing) {
    if (code.length === 12 && code.startsWith(townshipCode) && /^\d{3}$/.test(code.slice(9))) {
      max = Math.max(max, Number(code.slice(9)));
    }
  }
  return max >= 999 ? '' : `${townshipCode}${String(max + 1).padStart(3, '0')}`;
}
