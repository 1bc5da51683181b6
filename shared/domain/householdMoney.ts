// 到户资金 (EMPLOYMENT-FUNDS §2.4, issue 13 item 4): the purposes of payment lists that put money
// in a household's hands, whom each pays (按户 → the 户主's card, 按人 → the person's own), the
// catalog measure a paid line ticks, and the income category it belongs to in the household's
// income year.
//
// Why the income form only *suggests* these amounts: the yearly income is a survey of everything
// the household received (DOMAIN §4), typed by the clerk from the 收入信息采集表. Adding paid
// lines to it automatically would count the same yuan twice whenever the household also reported
// it. So the household's paid lines are summed per category and year, shown beside the income
// form, and a category typed lower than what the office itself paid is flagged.

import type { IncomeCategory } from './income';

export type PayUnit = 'household' | 'person';

export interface HouseholdPurpose {
  purpose: string;
  unit: PayUnit;
  /** The catalog measure (resources/measure-catalog.json) a paid line ticks. */
  measureCode: string;
  income: IncomeCategory;
}

/**
 * 产业奖补 goes to production (生产经营性, it offsets the household's own inputs); 收益分配 is the
 * household's share of a collective asset's yield, which the national collection form counts as
 * 转移性 (其他) for assets built with 衔接资金; 公益岗补贴 is pay for work (工资性); the others are
 * transfers.
 */
export const householdPurposes: readonly HouseholdPurpose[] = [
  { purpose: '产业奖补', unit: 'household', measureCode: 'CY01', income: 'businessIncomeFen' },
  { purpose: '收益分配', unit: 'household', measureCode: 'CY06', income: 'otherTransferFen' },
  { purpose: '公益岗补贴', unit: 'person', measureCode: 'JY02', income: 'wageFen' },
  { purpose: '交通补助', unit: 'person', measureCode: 'JY06', income: 'otherTransferFen' },
  { purpose: '雨露计划', unit: 'person', measureCode: 'JX03', income: 'otherTransferFen' },
  { purpose: '危房改造', unit: 'household', measureCode: 'ZF01', income: 'otherTransferFen' },
  { purpose: '临时救助', unit: 'household', measureCode: 'ZB03', income: 'otherTransferFen' },
];

export function householdPurpose(purpose: string): HouseholdPurpose | undefined {
  return householdPurposes.find((p) => p.purpose === purpose);
}

export const payUnitLabels: Readonly<Record<PayUnit, string>> = { household: '按户（户主账户）', person: '按人（本人账户）' };

/** A 按户 line pays the 户主: anyone else on it is a mistake the clerk should fix, named. */
export function payUnitProblem(p: HouseholdPurpose | undefined, relation: string, name: string): string | null {
  if (!p || p.unit !== 'household' || relation === 'head') return null;
  return `${p.purpose}按户发放，应发到户主的账户；${name} 不是户主，请改选该户户主`;
}
