import { addMonths, ageOn, daysBetween } from '../lib/dates';
import { keysOf } from '../lib/labels';

// 脱贫人口小额信贷 (EMPLOYMENT-FUNDS §2.5). The bank lends; the township keeps the ledger, so a
// loan that breaks a rule is still recorded as the bank made it, with a warning that says which
// rule (only a contradiction in the record itself is refused). Money in fen, rates in basis
// points (345 = 3.45 %).

/** 用途: the first six are what the policy lends for; the rest are uses it forbids (W42, W43). */
export const loanUseLabels = {
  planting: '种植业',
  breeding: '养殖业',
  processing: '农产品加工',
  tourism: '乡村旅游',
  trade: '商贸流通',
  otherIndustry: '其他产业项目',
  housing: '建房',
  wedding: '婚丧嫁娶',
  debt: '偿还债务',
  finance: '理财或购房',
  equity: '入股分红',
  enterprise: '户贷企用',
} as const;
export type LoanUse = keyof typeof loanUseLabels;
export const loanUses = keysOf(loanUseLabels);
export const forbiddenLoanUses: readonly LoanUse[] = ['housing', 'wedding', 'debt', 'finance', 'equity', 'enterprise'];

export const loanKindLabels = { new: '新增', renewal: '续贷', extension: '展期' } as const;
export type LoanKind = keyof typeof loanKindLabels;
export const loanKinds = keysOf(loanKindLabels);

export const loanEventKindLabels = { repayment: '还款', subsidy: '贴息' } as const;
export type LoanEventKind = keyof typeof loanEventKindLabels;
export const loanEventKinds = keysOf(loanEventKindLabels);

export const loanStatusLabels = { current: '正常', overdue: '逾期', settled: '已结清' } as const;
export type LoanStatus = keyof typeof loanStatusLabels;
export const loanStatuses = keysOf(loanStatusLabels);

/** The year's loan rules: in force until a later year's are saved, like the thresholds. */
export interface LoanSettings {
  year: number;
  /** Loans above this get no 贴息 (5 万; a top-up to ≤ 10 万 gets none, W42). */
  maxAmountFen: number;
  maxTermMonths: number;
  minAge: number;
  maxAge: number;
  /** Share of the interest the subsidy covers, in percent (100 to 2023, 70 in 2024–25, W41). */
  subsidyPercent: number;
  /** The rate the loan may not exceed (LPR), basis points; null = not checked. */
  maxRateBp: number | null;
}

/** The suggestion until an admin saves a year: the national rules as W41–W43 state them. */
export function defaultLoanSettings(year: number): LoanSettings {
  return { year, maxAmountFen: 5_000_000, maxTermMonths: 36, minAge: 18, maxAge: 65, subsidyPercent: year <= 2023 ? 100 : 70, maxRateBp: null };
}

/** The rules for `year`: the latest saved year not after it, else the suggestion. */
export function loanSettingsFor(saved: readonly LoanSettings[], year: number): LoanSettings & { source: 'saved' | 'default' } {
  const best = saved.filter((s) => s.year <= year).sort((a, b) => b.year - a.year)[0];
  return best ? { ...best, source: 'saved' } : { ...defaultLoanSettings(year), source: 'default' };
}

export interface LoanFacts {
  amountFen: number;
  loanDate: string;
  dueDate: string;
  rateBp: number;
  use: LoanUse;
  borrowerBirthDate: string;
}

const wan = (fen: number): string => String(fen / 1_000_000);

/** What the loan does against the year's rules, one Chinese sentence each (empty: none). */
export function loanWarnings(loan: LoanFacts, s: LoanSettings): string[] {
  const out: string[] = [];
  if (loan.amountFen > s.maxAmountFen) out.push(`贷款金额超过 ${wan(s.maxAmountFen)} 万元，按政策不享受贴息`);
  if (loan.dueDate > addMonths(loan.loanDate, s.maxTermMonths)) out.push(`贷款期限超过 ${s.maxTermMonths} 个月`);
  const age = ageOn(loan.borrowerBirthDate, loan.loanDate);
  if (age < s.minAge || age > s.maxAge) out.push(`借款人放款时 ${age} 岁，不在 ${s.minAge}–${s.maxAge} 岁之间`);
  if (s.maxRateBp !== null && loan.rateBp > s.maxRateBp) out.push(`利率 ${(loan.rateBp / 100).toFixed(2)}% 高于 ${(s.maxRateBp / 100).toFixed(2)}%`);
  if (forbiddenLoanUses.includes(loan.use)) out.push(`用途“${loanUseLabels[loan.use]}”不符合政策：小额信贷应户借户用户还，用于发展生产`);
  return out;
}

export function outstandingFen(amountFen: number, repaidPrincipalFen: number): number {
  return Math.max(0, amountFen - repaidPrincipalFen);
}

/** Days past the due date with principal still owed (0 when not overdue). */
export function overdueDays(dueDate: string, outstanding: number, today: string): number {
  return outstanding > 0 && today > dueDate ? daysBetween(dueDate, today) : 0;
}

export function loanStatus(outstanding: number, dueDate: string, today: string): LoanStatus {
  if (outstanding === 0) return 'settled';
  return overdueDays(dueDate, outstanding, today) > 0 ? 'overdue' : 'current';
}

/** 应贴息 for the interest paid in one year: none above the amount cap; rounded down to the fen. */
export function subsidyDueFen(interestPaidFen: number, amountFen: number, s: Pick<LoanSettings, 'maxAmountFen' | 'subsidyPercent'>): number {
  if (amountFen > s.maxAmountFen || interestPaidFen <= 0) return 0;
  return Math.floor((interestPaidFen * s.subsidyPercent) / 100);
}
