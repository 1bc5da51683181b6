import { roleLabels } from '../../../../shared/contract';
import {
  disabilityCategoryLabels,
  educationLabels,
  healthLabels,
  householdKindLabels,
  householdStatusLabels,
  laborLabels,
  memberStatusLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
} from '../../../../shared/domain/household';

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
  householdCode: '户编号',
  villageId: '所在村',
  villageName: '所在村',
  groupId: '村民小组',
  groupName: '村民小组',
  address: '住址',
  phone: '联系电话',
  kind: '户类型',
  dibao: '低保户',
  tekun: '特困供养',
  relocated: '易地扶贫搬迁',
  noLabor: '整户无劳动能力',
  helperName: '帮扶责任人',
  helperPhone: '帮扶责任人电话',
  status: '状态',
  closedDate: '注销日期',
  closeReason: '注销原因',
  name: '名称',
  idNumber: '身份证号',
  sex: '性别',
  birthDate: '出生日期',
  relation: '与户主关系',
  ethnicity: '民族',
  education: '文化程度',
  schooling: '在校状况',
  health: '健康状况',
  disabilityCategory: '残疾类别',
  disabilityGrade: '残疾等级',
  labor: '劳动技能',
  workStatus: '务工状况',
  medicalInsurance: '参加城乡居民医保',
  pensionInsurance: '参加城乡居民养老保险',
  leftDate: '减员日期',
  leftReason: '减员原因',
  reason: '原因',
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
  return JSON.stringify(value);
}
