// The 月报's fixed tables (one row per village + 合计), shared by the page, the printed paper and
// the .xlsx so the three always show the same columns in the same order.
import { householdKindLabels, householdKinds } from './household';
import { monitoringCategories, monitoringCategoryLabels, riskTypeLabels, riskTypes } from './monitoring';
import type { MonthRow } from './monthlyReport';

export interface MonthColumn {
  key: string;
  header: string;
  value: (row: MonthRow) => number;
}

export interface MonthTable {
  key: string;
  title: string;
  columns: readonly MonthColumn[];
}

export const monthlyTables: readonly MonthTable[] = [
  {
    key: 'households',
    title: '表一　户籍与监测动态',
    columns: [
      { key: 'householdTotal', header: '总户数', value: (r) => r.householdTotal },
      ...householdKinds.map((k) => ({ key: `households.${k}`, header: householdKindLabels[k], value: (r: MonthRow) => r.households[k] })),
      { key: 'population', header: '人口', value: (r) => r.population },
      { key: 'newClues', header: '本月新增线索', value: (r) => r.newClues },
      { key: 'includedInMonth', header: '本月纳入', value: (r) => r.includedInMonth },
      { key: 'eliminatedInMonth', header: '本月消除', value: (r) => r.eliminatedInMonth },
      { key: 'includedInYear', header: '本年累计纳入', value: (r) => r.includedInYear },
      { key: 'eliminatedInYear', header: '本年累计消除', value: (r) => r.eliminatedInYear },
    ],
  },
  {
    key: 'open',
    title: '表二　月末监测对象与帮扶',
    columns: [
      { key: 'identifying', header: '识别中', value: (r) => r.identifying },
      { key: 'monitoring', header: '监测中', value: (r) => r.monitoring },
      ...monitoringCategories.map((c) => ({ key: `openByCategory.${c}`, header: monitoringCategoryLabels[c], value: (r: MonthRow) => r.openByCategory[c] })),
      { key: 'identificationOverdue', header: '识别逾期', value: (r) => r.identificationOverdue },
      { key: 'planOverdue', header: '帮扶计划逾期', value: (r) => r.planOverdue },
      { key: 'monitoringWithMeasure', header: '已落实帮扶措施', value: (r) => r.monitoringWithMeasure },
      { key: 'visitedInMonth', header: '本月走访户数', value: (r) => r.visitedInMonth },
      { key: 'visitedInQuarter', header: '本季走访户数', value: (r) => r.visitedInQuarter },
    ],
  },
  {
    key: 'risks',
    title: '表三　月末监测对象风险类型（项）',
    columns: riskTypes.map((t) => ({ key: `risksByType.${t}`, header: riskTypeLabels[t], value: (r: MonthRow) => r.risksByType[t] })),
  },
];

/** '2026-11' → '2026年11月'. */
export function monthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}
