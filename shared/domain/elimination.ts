import { formatYuan } from './category';
import { riskCoverage, type MeasureForCoverage } from './coverage';
import { guaranteeKeys, guaranteeLabels, riskTypeLabels, type GuaranteeKey, type GuaranteeStatus, type RiskType } from './monitoring';
import { earliestEliminationDate, type Thresholds } from './thresholds';

// 风险消除 preconditions (DOMAIN §8, "怎么进怎么出"): the program checks each one and shows it as
// met / not met with the reason; the elimination workflow (村提名) starts only when all are met.

export const eliminationPreconditionKeys = ['minMonths', 'income', 'guarantees', 'measures', 'labor'] as const;
export type EliminationPreconditionKey = (typeof eliminationPreconditionKeys)[number];
export const eliminationPreconditionLabels: Readonly<Record<EliminationPreconditionKey, string>> = {
  minMonths: '监测时间已满最短期限',
  income: '收入稳定高于监测范围且不低于消除底线',
  guarantees: '两不愁三保障及饮水安全均有保障',
  measures: '各项风险的帮扶措施均已落实',
  labor: '非整户无劳动能力户',
};

export interface EliminationPrecondition {
  key: EliminationPreconditionKey;
  label: string;
  met: boolean;
  reason: string;
}

export interface EliminationFacts {
  /** The date the check is made for (today, or the 村提名 date). */
  asOf: string;
  /** Start of the current monitoring period: inclusion, or the latest 回退. */
  monitoringSince: string;
  /** Thresholds in force on `monitoringSince` (minimum months). */
  sinceThresholds: Thresholds;
  /** Latest income on record and the thresholds in force for its year. */
  income: { year: number; perCapitaFen: number } | null;
  incomeThresholds: Pick<Thresholds, 'monitoringLineFen' | 'eliminationFloorFen'> | null;
  guarantees: Readonly<Record<GuaranteeKey, { status: GuaranteeStatus; note: string | null }>>;
  /** Open risks of the case. */
  risks: readonly RiskType[];
  measures: readonly MeasureForCoverage[];
  noLabor: boolean;
}

export interface EliminationCheck {
  preconditions: EliminationPrecondition[];
  allMet: boolean;
  earliestDate: string;
}

function item(key: EliminationPreconditionKey, met: boolean, reason: string): EliminationPrecondition {
  return { key, label: eliminationPreconditionLabels[key], met, reason };
}

export function checkElimination(f: EliminationFacts): EliminationCheck {
  const earliestDate = earliestEliminationDate(f.monitoringSince, f.sinceThresholds);
  const months = f.sinceThresholds.minMonitoringMonths;
  const minMonths =
    f.asOf >= earliestDate
      ? item('minMonths', true, `自 ${f.monitoringSince} 起已监测满 ${months} 个月（${earliestDate} 起可启动风险消除）`)
      : item('minMonths', false, `自 ${f.monitoringSince} 起监测不满 ${months} 个月，最早 ${earliestDate} 可启动风险消除`);

  let income: EliminationPrecondition;
  if (f.income === null || f.incomeThresholds === null) {
    income = item('income', false, '该户尚无收入记录，请先录入最近一年的家庭收入');
  } else {
    const pc = f.income.perCapitaFen;
    const { monitoringLineFen: line, eliminationFloorFen: floor } = f.incomeThresholds;
    const figures = `${f.income.year} 年人均纯收入 ${formatYuan(pc)} 元`;
    if (pc <= line) {
      income = item('income', false, `${figures}，未高于当年监测范围 ${formatYuan(line)} 元`);
    } else if (pc < floor) {
      income = item('income', false, `${figures}，低于风险消除收入底线 ${formatYuan(floor)} 元`);
    } else {
      income = item('income', true, `${figures}，高于监测范围 ${formatYuan(line)} 元，且不低于消除底线 ${formatYuan(floor)} 元`);
    }
  }

  const atRisk = guaranteeKeys.filter((k) => f.guarantees[k].status !== 'secure');
  const guarantees =
    atRisk.length === 0
      ? item('guarantees', true, '六项保障均为"有保障"')
      : item('guarantees', false, `以下保障仍"有风险"：${atRisk.map((k) => guaranteeLabels[k]).join('、')}`);

  const coverage = riskCoverage(f.risks, f.measures);
  const notDone = coverage.filter((c) => !c.done);
  let measures: EliminationPrecondition;
  if (f.risks.length === 0) {
    measures = item('measures', true, '没有未消除的风险类型');
  } else if (notDone.length === 0) {
    measures = item('measures', true, `${coverage.length} 项风险的帮扶措施均已落实`);
  } else {
    const parts = notDone.map((c) => `${riskTypeLabels[c.riskType]}（${c.covered ? '措施未全部落实' : '没有对应措施'}）`);
    measures = item('measures', false, `以下风险的帮扶措施未落实：${parts.join('、')}`);
  }

  const labor = f.noLabor
    ? item('labor', false, '该户为整户无劳动能力户，不标注风险消除，继续监测并落实社会保障兜底')
    : item('labor', true, '该户有劳动能力成员');

  const preconditions = [minMonths, income, guarantees, measures, labor];
  return { preconditions, allMet: preconditions.every((p) => p.met), earliestDate };
}

/** One line listing the unmet preconditions, for refusals. */
export function unmetSummary(check: EliminationCheck): string {
  return check.preconditions
    .filter((p) => !p.met)
    .map((p) => p.reason)
    .join('；');
}
