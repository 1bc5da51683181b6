import type { ImportFieldDef } from './importFields';

// The office's own activity ledgers (issue 11, item 5): 帮扶措施台账 (one row per measure) and
// 走访记录 (one row per visit). A row names its household by 户编号 or by a member's 证件号码; the
// measure type is matched against the office's catalog by name or code.

export const activityKinds = ['measures', 'visits'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityKindLabels: Readonly<Record<ActivityKind, string>> = {
  measures: '帮扶措施台账',
  visits: '走访记录',
};

export const activityKindHints: Readonly<Record<ActivityKind, string>> = {
  measures: '一行一条措施：户编号或证件号码、措施类型（措施目录中的名称或代码）、计划日期，可有落实日期、金额。记入该户正在监测的监测对象。',
  visits: '一行一次走访：户编号或证件号码、走访日期、走访人、走访情况，可有走访类型（日常走访、回访、集中排查、帮扶成效评估）。',
};

const householdKeyFields: readonly ImportFieldDef[] = [
  { key: 'householdCode', label: '户编号', required: false, headers: ['户编号', '户编码', '户码', '户号', '家庭编号'] },
  {
    key: 'idNumber',
    label: '证件号码',
    required: false,
    headers: ['证件号码', '身份证号', '身份证号码', '公民身份号码', '户主身份证号', '户主证件号码', '身份证件号码'],
  },
  { key: 'headName', label: '户主姓名（仅核对）', required: false, informational: true, headers: ['户主姓名', '姓名', '户主', '监测对象姓名'] },
];

export const measureFields: readonly ImportFieldDef[] = [
  ...householdKeyFields,
  { key: 'measureType', label: '措施类型', required: true, headers: ['措施类型', '帮扶措施', '帮扶措施类型', '措施名称', '措施代码', '帮扶项目', '措施'] },
  { key: 'plannedDate', label: '计划日期', required: true, headers: ['计划日期', '计划时间', '计划落实时间', '开始时间', '实施时间', '制定日期', '帮扶时间'] },
  { key: 'doneDate', label: '落实日期', required: false, headers: ['落实日期', '落实时间', '完成时间', '完成日期', '兑现时间'] },
  { key: 'amount', label: '金额', required: false, headers: ['金额', '帮扶金额', '资金', '资金金额', '补助金额', '投入资金'] },
  { key: 'responsibleUnit', label: '责任单位', required: false, headers: ['责任单位', '帮扶单位', '实施单位', '落实单位'] },
  { key: 'helperName', label: '帮扶责任人', required: false, headers: ['帮扶责任人', '帮扶人', '责任人'] },
  { key: 'note', label: '备注', required: false, headers: ['备注', '说明', '措施内容'] },
];

export const visitFields: readonly ImportFieldDef[] = [
  ...householdKeyFields,
  { key: 'visitDate', label: '走访日期', required: true, headers: ['走访日期', '走访时间', '日期', '入户日期'] },
  { key: 'visitors', label: '走访人', required: true, headers: ['走访人', '走访人员', '走访干部', '走访责任人'] },
  { key: 'visitKind', label: '走访类型', required: false, headers: ['走访类型', '走访方式', '走访形式', '类型'] },
  { key: 'findings', label: '走访情况', required: true, headers: ['走访情况', '走访内容', '内容', '走访记录', '主要情况', '了解情况'] },
  { key: 'note', label: '备注', required: false, headers: ['备注', '说明'] },
];
