// Yearly household income (DOMAIN §4): the categories a clerk enters, the formula for per-capita
// net income, and the comparison with last year. Amounts are integer fen throughout; the program
// computes net and per-capita income from the categories, they are never typed.

import type { DeclineCause } from './monitoring';

/** Every amount a clerk enters for one household and one accounting year, in fen (≥ 0). */
export const incomeCategories = [
  'wageFen',
  'businessIncomeFen',
  'businessCostFen',
  'propertyFen',
  'pensionFen',
  'dibaoFen',
  'tekunFen',
  'ecoCompensationFen',
  'otherTransferFen',
  'insurancePayoutFen',
  'medicalOutOfPocketFen',
] as const;
export type IncomeCategory = (typeof incomeCategories)[number];
export type IncomeAmounts = Readonly<Record<IncomeCategory, number>>;

export const incomeCategoryLabels: Readonly<Record<IncomeCategory, string>> = {
  wageFen: '工资性收入',
  businessIncomeFen: '生产经营性收入',
  businessCostFen: '生产经营性支出',
  propertyFen: '财产性收入',
  pensionFen: '养老金',
  dibaoFen: '低保金',
  tekunFen: '特困供养金',
  ecoCompensationFen: '生态补偿',
  otherTransferFen: '其他转移性收入',
  insurancePayoutFen: '理赔收入',
  medicalOutOfPocketFen: '合规自付医疗支出',
};

/** The categories that make up 转移性收入. */
export const transferCategories = ['pensionFen', 'dibaoFen', 'tekunFen', 'ecoCompensationFen', 'otherTransferFen'] as const satisfies readonly IncomeCategory[];

/** Categories that lower income when they grow (a cost, not an income). */
export const costCategories = ['businessCostFen', 'medicalOutOfPocketFen'] as const satisfies readonly IncomeCategory[];

/** The categories grouped as the 收入信息采集表 shows them. */
export const incomeCategoryGroups: readonly { label: string; categories: readonly IncomeCategory[] }[] = [
  { label: '工资性收入', categories: ['wageFen'] },
  { label: '生产经营', categories: ['businessIncomeFen', 'businessCostFen'] },
  { label: '财产性收入', categories: ['propertyFen'] },
  { label: '转移性收入', categories: transferCategories },
  { label: '理赔与医疗支出', categories: ['insurancePayoutFen', 'medicalOutOfPocketFen'] },
];

export function emptyIncome(): Record<IncomeCategory, number> {
  return Object.fromEntries(incomeCategories.map((c) => [c, 0])) as Record<IncomeCategory, number>;
}

/** 转移性收入 = 养老金 + 低保金 + 特困供养金 + 生态补偿 + 其他. */
export function transferFen(a: IncomeAmounts): number {
  return transferCategories.reduce((sum, c) => sum + a[c], 0);
}

/** 生产经营净收入 = 经营性收入 − 经营费用 (negative when the business lost money). */
export function businessNetFen(a: IncomeAmounts): number {
  return a.businessIncomeFen - a.businessCostFen;
}

/** 纯收入 = 工资性 + (经营性 − 经营费用) + 财产性 + 转移性. May be negative. */
export function netIncomeFen(a: IncomeAmounts): number {
  return a.wageFen + businessNetFen(a) + a.propertyFen + transferFen(a);
}

/**
 * `numerator / divisor` rounded to the nearest integer, halves away from zero (−2.5 → −3,
 * 2.5 → 3), computed on integers so that no floating-point error can move a fen.
 */
export function divideRounded(numerator: number, divisor: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new RangeError(`divideRounded needs safe integers and a positive divisor (got ${numerator} / ${divisor})`);
  }
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / divisor);
  const r = abs - q * divisor;
  const rounded = 2 * r >= divisor ? q + 1 : q;
  return numerator < 0 ? -rounded : rounded;
}

/**
 * 人均纯收入 = (纯收入 + 理赔收入 − 合规自付支出) / 家庭人口数 (seed 004, part 2), in fen,
 * rounded to the nearest fen with halves away from zero.
 */
export function perCapitaFen(a: IncomeAmounts, memberCount: number): number {
  if (!Number.isInteger(memberCount) || memberCount < 1) throw new RangeError(`家庭人口数应为正整数（${memberCount}）`);
  return divideRounded(netIncomeFen(a) + a.insurancePayoutFen - a.medicalOutOfPocketFen, memberCount);
}

export interface IncomeFigures {
  transferFen: number;
  netIncomeFen: number;
  perCapitaFen: number;
}

/** Everything the program derives from the entered amounts. */
export function incomeFigures(a: IncomeAmounts, memberCount: number): IncomeFigures {
  return { transferFen: transferFen(a), netIncomeFen: netIncomeFen(a), perCapitaFen: perCapitaFen(a, memberCount) };
}

export interface Change {
  previousFen: number;
  currentFen: number;
  /** current − previous. */
  changeFen: number;
  /**
   * The change as a percentage of |previous|, one decimal (halves away from zero); null when last
   * year was 0 (no percentage of nothing).
   */
  changePct: number | null;
}

export function change(previousFen: number, currentFen: number): Change {
  const changeFen = currentFen - previousFen;
  const changePct = previousFen === 0 ? null : divideRounded(changeFen * 1000, Math.abs(previousFen)) / 10;
  return { previousFen, currentFen, changeFen, changePct };
}

export interface IncomeYearFigures extends IncomeAmounts {
  memberCount: number;
}

export interface IncomeComparison {
  categories: Record<IncomeCategory, Change>;
  transfer: Change;
  netIncome: Change;
  perCapita: Change;
}

/** This year beside last year, per category and in total. */
export function compareIncome(previous: IncomeYearFigures, current: IncomeYearFigures): IncomeComparison {
  const prev = incomeFigures(previous, previous.memberCount);
  const cur = incomeFigures(current, current.memberCount);
  const categories = Object.fromEntries(incomeCategories.map((c) => [c, change(previous[c], current[c])])) as Record<IncomeCategory, Change>;
  return {
    categories,
    transfer: change(prev.transferFen, cur.transferFen),
    netIncome: change(prev.netIncomeFen, cur.netIncomeFen),
    perCapita: change(prev.perCapitaFen, cur.perCapitaFen),
  };
}

/**
 * 减收: per-capita net income lower than last year's. A household with no record last year has
 * nothing to fall from.
 */
export function isDecline(previousPerCapitaFen: number | null | undefined, currentPerCapitaFen: number): boolean {
  return previousPerCapitaFen !== null && previousPerCapitaFen !== undefined && currentPerCapitaFen < previousPerCapitaFen;
}

/**
 * 在监测范围内: per-capita net income not above the year's monitoring line (a household exactly at
 * the line is within it).
 */
export function isWithinLine(perCapita: number, monitoringLineFen: number): boolean {
  return perCapita <= monitoringLineFen;
}

/** What a decline still needs: a cause; 其他原因 also needs the note to say which. */
export function declineCauseProblem(
  decline: boolean,
  cause: DeclineCause | null | undefined,
  note: string | null | undefined,
): 'missingCause' | 'missingNote' | null {
  if (!decline) return null;
  if (cause === null || cause === undefined) return 'missingCause';
  if (cause === 'other' && (note === null || note === undefined || note.trim() === '')) return 'missingNote';
  return null;
}

// Money helpers live in shared/lib/money; re-exported here for the income forms.
export { formatYuan, formatYuanChange, parseYuan } from '../lib/money';
