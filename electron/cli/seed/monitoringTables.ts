// Helpers and text tables the monitoring generator draws from: weighted picks, money and date
// helpers, the yearly lines, and the notes a cadre writes.

import { guaranteeKeys, negativeListItems, type GuaranteeKey, type Guarantees, type NegativeListItem, type RiskType, type StepKind } from '../../../shared/domain/monitoring';
import type { Rng } from './sampling';

export function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng() * (hi - lo);
}
export function weightedPick<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + Math.max(0, w), 0);
  let target = rng() * total;
  for (const [item, w] of entries) {
    if (w <= 0) continue;
    target -= w;
    if (target < 0) return item;
  }
  const last = entries.findLast(([, w]) => w > 0);
  if (!last) throw new Error('weightedPick needs a positive weight');
  return last[0];
}
/** Whole 元 as fen. */
export const yuan = (v: number): number => Math.max(0, Math.round(v)) * 100;
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

export function secureGuarantees(): Guarantees {
  return Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }])) as unknown as Guarantees;
}
export function noHits(): Record<NegativeListItem, boolean> {
  return Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;
}

// Plausible yearly values (DOMAIN §5 names 6,000 / 6,500 / 6,600 / 7,260 元 lines): the last three
// years step up towards 7,260 元. Everything else follows the defaults in shared/domain/thresholds.
export const lineSteps = [690_000, 710_000, 726_000] as const;

/** Chinese findings a visitor writes, by what the visit was for. */
export const findingsText = {
  open: [
    '入户了解家庭近况，家庭成员身体状况稳定，帮扶措施正在落实。',
    '核查两不愁三保障及饮水安全情况，均有保障；督促按时参加务工。',
    '了解收入变化，家庭主要劳动力在外务工，收入基本稳定。',
    '宣传防返贫政策，告知自主申报渠道；家中生活正常。',
    '患病成员按时服药复诊，已落实家庭医生签约服务。',
    '对接帮扶措施落实进度，农户对帮扶工作满意。',
    '核实产业发展情况，种养业规模与上月持平。',
    '了解子女就学情况，教育资助已按时发放。',
  ],
  evaluation: [
    '开展帮扶成效评估：各项措施按计划落实，风险有所缓解。',
    '季度成效评估：收入较上季度增加，住房、饮水安全有保障。',
    '评估帮扶效果，风险尚未完全消除，继续落实帮扶措施。',
  ],
  eliminatedReturn: [
    '风险消除后回访，家庭收入稳定，无返贫致贫风险。',
    '回访核实：务工收入稳定，两不愁三保障及饮水安全均有保障。',
    '回访了解家庭生产生活情况，正常，无新增风险。',
  ],
  stable: [
    '集中排查：家庭生产生活正常，收入稳定，无返贫风险。',
    '日常走访：两不愁三保障及饮水安全均有保障。',
    '走访了解务工和产业发展情况，收入较上年有所增长。',
    '宣传防返贫监测政策和自主申报渠道，家庭情况稳定。',
  ],
  identifying: ['接到线索后入户初步了解家庭困难情况，已告知申请程序。', '走访了解家庭突发困难情况，指导填写申请及承诺授权书。'],
} as const;

export const riskNotes: Readonly<Record<RiskType, readonly string[]>> = {
  illness: ['家庭成员患慢性病，长期服药', '家庭成员患大病住院治疗，自付费用较高', '户主患病，劳动能力下降'],
  disability: ['家庭成员残疾，需长期照护', '重度残疾，生活不能自理'],
  schooling: ['子女就读高中阶段，教育支出较大', '子女就读大学，学费生活费负担重'],
  disaster: ['暴雨洪涝致农作物受灾', '冰雹灾害致种植业减收'],
  accident: ['家庭成员遭遇交通事故', '务工时意外受伤'],
  businessFailure: ['养殖业疫病损失', '种植产品价格下跌，经营亏损'],
  unstableJob: ['务工不稳定，收入下降', '返乡后暂未实现就业'],
  lackOfLabor: ['家庭无劳动力或弱劳动力', '主要劳动力年老体弱'],
  housing: ['房屋经鉴定为C级危房', '房屋墙体开裂，存在安全隐患'],
  drinkingWater: ['饮水水源不稳定，旱季缺水', '自来水未入户'],
  other: ['家庭刚性支出骤增', '其他原因导致生活困难'],
};

export const guaranteeRiskNotes: Readonly<Partial<Record<GuaranteeKey, string>>> = {
  medical: '自付医疗费用较高',
  housing: '住房存在安全隐患，已申报改造',
  water: '饮水不稳定，已申报改造',
  education: '子女就学支出负担较重',
};

export const rejectionNotes: Readonly<Partial<Record<StepKind, readonly string[]>>> = {
  homeCheck: ['入户核实发现存在不予认定情形'],
  villageReview: ['经村级评议，家庭收入稳定，无返贫致贫风险，不予纳入', '评议认为困难为暂时性，已通过其他渠道解决'],
  townshipReview: ['乡镇审核比对，家庭人均纯收入明显高于监测范围，且无刚性支出', '经审核，家庭成员有稳定工资性收入'],
  countyDecision: ['县级部门数据比对，家庭有商品房及车辆，不予纳入', '县级审定：不符合纳入条件'],
};
