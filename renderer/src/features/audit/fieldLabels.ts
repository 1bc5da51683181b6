import { roleLabels } from '../../../../shared/contract';
import {
  disabilityCategoryLabels,
  educationLabels,
  healthLabels,
  householdFieldLabels,
  householdKindLabels,
  householdStatusLabels,
  laborLabels,
  memberFieldLabels,
  memberStatusLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
} from '../../../../shared/domain/household';
import { thresholdFieldLabels } from '../../../../shared/contract/thresholds';
import { incomeCategoryLabels } from '../../../../shared/domain/income';

/** Field code names in audit changes → the Chinese names the forms use. */
const fieldLabels: Record<string, string> = {
  // users
  username: '登录名',
  displayName: '姓名',
  role: '角色',
  active: '在用',
  // settings
  countyName: '县（市、区）名称',
  countyCode: '县代码',
  townshipName: '乡镇名称',
  townshipCode: '乡镇代码',
  idleMinutes: '自动锁定时间（分钟）',
  code: '代码',
  // households and members
  ...householdFieldLabels,
  ...memberFieldLabels,
  villageName: '所在村',
  groupName: '村民小组',
  headName: '户主',
  headIdNumber: '户主身份证号',
  memberCount: '人口',
  noLabor: '整户无劳动能力',
  status: '状态',
  closedDate: '注销日期',
  closeReason: '注销原因',
  leftDate: '减员日期',
  leftReason: '减员原因',
  reason: '原因',
  // monitoring standards, income
  ...thresholdFieldLabels,
  ...incomeCategoryLabels,
  netIncomeFen: '纯收入（分）',
  perCapitaFen: '人均纯收入（分）',
  declineCause: '减收原因',
  year: '年度',
  // monitoring cases, measures, visits
  category: '监测对象类别',
  riskTypes: '风险类型',
  guarantees: '两不愁三保障及饮水安全',
  clueSource: '线索来源',
  clueDate: '发现日期',
  includedDate: '纳入监测日期',
  eliminatedDate: '风险消除日期',
  measureTypeCode: '措施类型',
  responsibleUnit: '责任单位',
  plannedDate: '计划日期',
  doneDate: '落实日期',
  amountFen: '金额（分）',
  visitDate: '走访日期',
  visitors: '走访人',
  findings: '走访发现',
};

/** Enumerated values shown in Chinese, by field. */
const valueLabels: Record<string, Readonly<Record<string, string>>> = {
  role: roleLabels,
  kind: householdKindLabels,
  relation: relationLabels,
  education: educationLabels,
  schooling: schoolingLabels,
  health: healthLabels,
  disabilityCategory: disabilityCategoryLabels,
  labor: laborLabels,
  workStatus: workStatusLabels,
  sex: { male: '男', female: '女' },
};

const statusLabels: Readonly<Record<string, string>> = { ...householdStatusLabels, ...memberStatusLabels };

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field;
}

/** A before/after value as a reviewer reads it: 是/否, Chinese labels, （空） for nothing. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') {
    const labels = field === 'status' ? statusLabels : valueLabels[field];
    return labels?.[value] ?? value;
  }
  if (typeof value === 'number') return field === 'disabilityGrade' ? `${value} 级` : String(value);
  // A list (measure codes, risk types) joined with 、, so a long one wraps instead of widening the page.
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.map((v) => formatFieldValue(field, v)).join('、');
  return JSON.stringify(value);
}
