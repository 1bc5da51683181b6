import { formatYuan } from '../lib/money';
import type { HouseholdKind } from './household';
import { monitoringCategoryLabels, type MonitoringCategory } from './monitoring';

// 监测对象类别 (DOMAIN §6): the program suggests it from the latest income and the household's
// kind; a person confirms it. Within the line (per-capita ≤ line) an exited-poverty household is
// 脱贫不稳定户 and any other 边缘易致贫户; above the line only 突发严重困难户 applies.

export { formatYuan };

export interface CategoryInput {
  householdKind: HouseholdKind;
  /** The latest income on record, or null when the household has none. */
  income: { year: number; perCapitaFen: number } | null;
  /** The monitoring line in force for that income's year (ignored without income). */
  monitoringLineFen: number | null;
}

export interface CategorySuggestionResult {
  category: MonitoringCategory | null;
  reason: string;
}

export function suggestCategory(input: CategoryInput): CategorySuggestionResult {
  const { income, monitoringLineFen } = input;
  if (income === null || monitoringLineFen === null) {
    return { category: null, reason: '该户尚无收入记录，无法建议类别。请先录入最近一年的家庭收入，或由经办人直接确认类别' };
  }
  const figures = `${income.year} 年人均纯收入 ${formatYuan(income.perCapitaFen)} 元`;
  const line = `当年监测范围 ${formatYuan(monitoringLineFen)} 元`;
  if (income.perCapitaFen <= monitoringLineFen) {
    const category: MonitoringCategory = input.householdKind === 'povertyExited' ? 'unstableExited' : 'marginal';
    const kind = input.householdKind === 'povertyExited' ? '脱贫户' : '非脱贫户';
    return {
      category,
      reason: `${figures}，未超过${line}，且为${kind}，建议认定为${monitoringCategoryLabels[category]}`,
    };
  }
  return {
    category: 'suddenHardship',
    reason: `${figures}，高于${line}；如因病、因灾、因意外等刚性支出或收入骤减而有返贫致贫风险，建议认定为${monitoringCategoryLabels.suddenHardship}`,
  };
}
