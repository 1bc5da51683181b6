// What an import reads (DOMAIN §15): per kind, the fields with their Chinese labels, whether a
// column for them is required, and the header names offices' files carry them under (the national
// monitoring system's export first, then common synonyms); and the value maps from the labels
// those files use to the program's code names.

import { incomeCategories, incomeCategoryLabels, type IncomeCategory } from './income';
import { cleanHeader, headerWithoutUnit } from './importClean';
import { activityKindHints, activityKindLabels, activityKinds, measureFields, visitFields } from './importActivityFields';
import { loanImportFields, loanImportKindHints, loanImportKindLabels, loanImportKinds } from './importLoanFields';

/** The kinds a national export carries as parts (and the three single kinds for files of one of them). */
export const importKinds = ['households', 'incomes', 'cases'] as const;
export type ImportKind = (typeof importKinds)[number];
/** Every kind of sheet the import reads: the three above, the office's activity ledgers (measures, visits) and the bank's loan sheet. */
export const sheetKinds = [...importKinds, ...activityKinds, ...loanImportKinds] as const;
export type SheetKind = (typeof sheetKinds)[number];
export const importKindLabels: Readonly<Record<SheetKind, string>> = {
  households: '户籍与家庭成员',
  incomes: '年度收入',
  cases: '监测对象',
  ...activityKindLabels,
  ...loanImportKindLabels,
};
export const importKindHints: Readonly<Record<SheetKind, string>> = {
  ...activityKindHints,
  ...loanImportKindHints,
  households: '一行一人（如国家系统导出的“已脱贫人口名单”）：同一户编号的各行合为一户，户信息取自各行。',
  incomes: '一行一户一年：户编号、年度和各项收入；只有“人均纯收入”或“家庭纯收入”一列时也可导入（见说明）。',
  cases: '一行一户（一行一人的名单也可以，同户各行的监测信息应一致）：类型、风险类型、识别时间、是否消除。',
};

/**
 * What the clerk picks on the import page: one of the three single kinds, or 'national' — the
 * national system's person-level export (已脱贫人口名单 / 监测对象名单) that carries households and
 * members, the year's 人均纯收入 and the monitoring status at once (issue 11), imported in one
 * preview and one transaction as the parts it carries.
 */
export const importSources = ['national', ...sheetKinds] as const;
export type ImportSource = (typeof importSources)[number];
export const importSourceLabels: Readonly<Record<ImportSource, string>> = {
  national: '国家系统导出名单（户籍、收入、监测一次导入）',
  ...importKindLabels,
};
export const importSourceHints: Readonly<Record<ImportSource, string>> = {
  national:
    '国家防返贫监测系统导出的一行一人名单（已脱贫人口名单、监测对象名单）：一次导入户和成员、当年人均纯收入（年度取自“数据日期”或标题，预览时确认）和监测对象信息。缺少的细节（如残疾类别）列入“待补充”，不算错误。',
  ...importKindHints,
};

export interface ImportFieldDef {
  key: string;
  label: string;
  /** A column must map to it, or the preview refuses to apply. */
  required: boolean;
  /** Header names as files carry them; compared after cleanHeader (spaces, width, brackets, units). */
  headers: readonly string[];
  /** Several columns may map to it (致贫原因1, 致贫原因2 …); their values are joined. */
  multi?: boolean;
  /** households: the field belongs to the household and repeats on each member's row. */
  scope?: 'household' | 'member';
  /** Read but not stored: shown so the clerk sees the column was understood. */
  informational?: boolean;
}

const householdFields: readonly ImportFieldDef[] = [
  { key: 'householdCode', label: '户编号', required: true, scope: 'household', headers: ['户编号', '户编码', '户码', '户号', '家庭编号'] },
  { key: 'village', label: '行政村', required: true, scope: 'household', headers: ['行政村', '行政村(社区)', '村', '村名', '所在村', '村(社区)', '村居'] },
  {
    key: 'group',
    label: '村民小组/自然村',
    required: true,
    scope: 'household',
    headers: ['村民小组', '自然村', '自然村(组)', '组', '小组', '村民组', '所在组', '组别'],
  },
  { key: 'kind', label: '户类型', required: true, scope: 'household', headers: ['户类型', '户属性', '农户类型', '户别'] },
  { key: 'address', label: '住址', required: false, scope: 'household', headers: ['住址', '家庭住址', '详细地址', '户籍地址', '家庭地址'] },
  { key: 'phone', label: '户联系电话', required: false, scope: 'household', headers: ['户联系电话', '联系电话', '电话', '联系方式', '手机号', '手机号码', '电话号码'] },
  { key: 'dibao', label: '低保户', required: false, scope: 'household', headers: ['是否低保户', '低保户', '是否低保', '低保'] },
  { key: 'tekun', label: '特困供养', required: false, scope: 'household', headers: ['是否特困供养', '特困供养', '特困户', '是否特困', '五保户', '是否五保户'] },
  { key: 'relocated', label: '易地扶贫搬迁', required: false, scope: 'household', headers: ['是否易地扶贫搬迁', '易地扶贫搬迁', '易地搬迁户', '是否易地搬迁'] },
  { key: 'helperName', label: '帮扶责任人', required: false, scope: 'household', headers: ['帮扶责任人', '帮扶人', '帮扶责任人姓名', '结对帮扶人'] },
  { key: 'helperPhone', label: '帮扶责任人电话', required: false, scope: 'household', headers: ['帮扶责任人电话', '帮扶人电话', '帮扶责任人联系电话', '帮扶人联系电话'] },
  { key: 'memberCount', label: '人数（仅核对）', required: false, scope: 'household', informational: true, headers: ['人数', '家庭人口数', '家庭人口', '户人数'] },
  { key: 'name', label: '姓名', required: true, scope: 'member', headers: ['姓名', '成员姓名', '人员姓名', '家庭成员姓名'] },
  {
    key: 'idNumber',
    label: '证件号码',
    required: true,
    scope: 'member',
    headers: ['证件号码', '身份证号', '身份证号码', '公民身份号码', '身份证', '身份证件号码', '证件号'],
  },
  { key: 'relation', label: '与户主关系', required: true, scope: 'member', headers: ['与户主关系', '户主关系', '与户主的关系', '家庭关系'] },
  { key: 'ethnicity', label: '民族', required: false, scope: 'member', headers: ['民族'] },
  { key: 'education', label: '文化程度', required: true, scope: 'member', headers: ['文化程度', '学历', '受教育程度'] },
  { key: 'schooling', label: '在校生状况', required: false, scope: 'member', headers: ['在校生状况', '在校状况', '在校生情况', '就学状况'] },
  { key: 'health', label: '健康状况', required: false, scope: 'member', headers: ['健康状况', '身体状况', '健康情况'] },
  { key: 'disabilityCategory', label: '残疾类别', required: false, scope: 'member', headers: ['残疾类别', '残疾类型'] },
  { key: 'disabilityGrade', label: '残疾等级', required: false, scope: 'member', headers: ['残疾等级', '残疾级别'] },
  { key: 'labor', label: '劳动技能', required: true, scope: 'member', headers: ['劳动技能', '劳动能力', '劳动力状况'] },
  { key: 'workStatus', label: '务工状况', required: false, scope: 'member', headers: ['务工状况', '务工情况', '务工地点'] },
  {
    key: 'medicalInsurance',
    label: '参加城乡居民医保',
    required: false,
    scope: 'member',
    headers: ['是否参加城乡居民基本医疗保险', '参加城乡居民医保', '是否参加城乡居民医保', '是否参加基本医疗保险', '参加医保'],
  },
  {
    key: 'pensionInsurance',
    label: '参加城乡居民养老保险',
    required: false,
    scope: 'member',
    headers: ['是否参加城乡居民基本养老保险', '参加城乡居民养老保险', '是否参加城乡居民养老保险', '是否参加基本养老保险', '参加养老保险'],
  },
  { key: 'memberPhone', label: '本人联系电话', required: false, scope: 'member', headers: ['本人联系电话', '个人联系电话', '本人电话'] },
  // The national export's 务工 columns: read into job spells (files/import/national/jobs*.ts), not member fields.
  { key: 'jobPlace', label: '务工所在地', required: false, scope: 'member', headers: ['务工所在地', '务工所在地点', '务工地址'] },
  { key: 'jobEmployer', label: '务工企业名称', required: false, scope: 'member', headers: ['务工企业名称', '务工单位', '务工单位名称', '就业单位'] },
  { key: 'jobMonths', label: '务工时间（月）', required: false, scope: 'member', headers: ['务工时间(月)', '务工时间', '务工月数', '务工时长(月)'] },
  { key: 'jobAbroad', label: '是否国外务工', required: false, scope: 'member', headers: ['是否国外务工', '国外务工', '是否境外务工'] },
  { key: 'postType', label: '公益性岗位类型', required: false, scope: 'member', headers: ['公益性岗位类型', '公益岗位类型', '公益性岗位'] },
  { key: 'postMonths', label: '公益性岗位（月数）', required: false, scope: 'member', headers: ['公益性岗位(月数)', '公益性岗位月数', '公益岗位月数', '公益性岗位时间(月)'] },
  { key: 'jobChannel', label: '就业渠道', required: false, scope: 'member', headers: ['就业渠道', '就业方式', '务工渠道'] },
];

const incomeCategoryHeaders: Readonly<Record<IncomeCategory, readonly string[]>> = {
  wageFen: ['工资性收入', '务工收入', '工资收入'],
  businessIncomeFen: ['生产经营性收入', '经营性收入', '生产经营收入'],
  businessCostFen: ['生产经营性支出', '经营性支出', '生产经营费用', '生产经营支出', '经营费用'],
  propertyFen: ['财产性收入', '财产收入'],
  pensionFen: ['养老金', '养老金或离退休金', '养老保险金', '养老金收入'],
  dibaoFen: ['低保金', '低保金收入'],
  tekunFen: ['特困供养金', '特困供养金(五保金)', '五保金'],
  ecoCompensationFen: ['生态补偿', '生态补偿金', '生态补偿收入'],
  otherTransferFen: ['其他转移性收入', '其他补贴', '其他政策性补贴'],
  insurancePayoutFen: ['理赔收入', '商业保险理赔'],
  medicalOutOfPocketFen: ['合规自付医疗支出', '合规自付支出', '医疗自付支出', '自付医疗费用'],
};

const incomeFields: readonly ImportFieldDef[] = [
  { key: 'householdCode', label: '户编号', required: true, headers: ['户编号', '户编码', '户码', '户号', '家庭编号'] },
  { key: 'year', label: '年度', required: true, headers: ['年度', '年份', '收入年度', '测算年度', '统计年度'] },
  { key: 'memberCount', label: '家庭人口数', required: false, headers: ['人数', '家庭人口数', '家庭人口', '户人数', '计算人口'] },
  ...incomeCategories.map((c): ImportFieldDef => ({ key: c, label: incomeCategoryLabels[c], required: false, headers: incomeCategoryHeaders[c] })),
  { key: 'netIncome', label: '家庭纯收入（只有总数时）', required: false, headers: ['家庭纯收入', '纯收入', '家庭年纯收入', '年纯收入'] },
  { key: 'perCapita', label: '人均纯收入（只有人均数时）', required: false, headers: ['人均纯收入', '家庭人均纯收入', '人均收入'] },
  { key: 'declineCause', label: '减收原因', required: false, headers: ['减收原因', '收入减少原因'] },
  { key: 'note', label: '备注', required: false, headers: ['备注', '说明'] },
];

const caseFields: readonly ImportFieldDef[] = [
  { key: 'householdCode', label: '户编号', required: true, headers: ['户编号', '户编码', '户码', '户号', '家庭编号'] },
  {
    key: 'category',
    label: '监测对象类型',
    required: true,
    headers: ['易返贫致贫户(监测对象)类型', '监测对象类型', '监测对象类别', '类别', '监测类型', '易返贫致贫户类型', '监测户类型'],
  },
  {
    key: 'risks',
    label: '风险类型',
    required: true,
    multi: true,
    headers: ['风险类型', '致贫原因1', '致贫原因2', '致贫原因3', '返贫致贫风险', '主要风险', '风险类型1', '风险类型2', '风险类型3', '致贫风险', '主要致贫原因'],
  },
  { key: 'identifiedDate', label: '风险识别时间', required: true, headers: ['风险识别时间', '识别时间', '纳入监测时间', '识别纳入时间', '纳入时间'] },
  { key: 'eliminated', label: '风险是否消除', required: false, headers: ['风险是否消除', '是否消除风险', '是否已消除风险', '风险消除情况'] },
  { key: 'eliminatedDate', label: '风险消除时间', required: false, headers: ['风险消除时间', '消除时间', '风险消除日期'] },
  { key: 'eliminationMethod', label: '消除方式', required: false, headers: ['风险消除方式', '消除方式'] },
  { key: 'helperName', label: '帮扶责任人', required: false, headers: ['帮扶责任人', '帮扶人', '帮扶责任人姓名', '结对帮扶人'] },
];

export const importFields: Readonly<Record<SheetKind, readonly ImportFieldDef[]>> = {
  households: householdFields,
  incomes: incomeFields,
  cases: caseFields,
  measures: measureFields,
  visits: visitFields,
  loans: loanImportFields,
};

/** Columns of the national export the import understands but does not store (they help find the header row). */
export const knownIgnoredHeaders: readonly string[] = [
  '序号',
  '数据日期',
  '县(市、区、旗)',
  '县',
  '乡(镇)',
  '乡镇',
  '人编号',
  '务工时间(月)',
  '是否参加大病保险',
  '危房户',
  '是否解决安全饮用水',
  '首次识别时间',
  '人员识别时间',
  '性别',
  '出生日期',
  '人均纯收入',
  '致贫原因1',
  '户类型',
  '易返贫致贫户(监测对象)类型',
  '风险是否消除',
  '风险识别时间',
  '风险消除时间',
  '与户主关系',
  '证件号码',
  '姓名',
  '行政村',
  '自然村',
];

export function fieldDef(kind: SheetKind, key: string): ImportFieldDef | undefined {
  return importFields[kind].find((f) => f.key === key);
}

export function fieldLabel(kind: SheetKind, key: string): string {
  return fieldDef(kind, key)?.label ?? key;
}

const headerIndex = new Map<SheetKind, Map<string, string>>();
function indexOf(kind: SheetKind): Map<string, string> {
  let index = headerIndex.get(kind);
  if (!index) {
    index = new Map();
    for (const f of importFields[kind]) {
      for (const h of [f.label, ...f.headers]) {
        const c = cleanHeader(h);
        if (!index.has(c)) index.set(c, f.key);
      }
    }
    headerIndex.set(kind, index);
  }
  return index;
}

/** The field a header maps to by name, or null. `header` is the raw cell text. */
export function autoField(kind: SheetKind, header: string): string | null {
  const cleaned = cleanHeader(header);
  if (cleaned === '') return null;
  const index = indexOf(kind);
  return index.get(cleaned) ?? index.get(headerWithoutUnit(cleaned)) ?? null;
}

/** True when the header is one the import knows for this kind (mapped or known-and-ignored). */
export function isKnownHeader(kind: SheetKind, header: string): boolean {
  if (autoField(kind, header) !== null) return true;
  const cleaned = headerWithoutUnit(cleanHeader(header));
  return knownIgnoredHeaders.some((h) => cleanHeader(h) === cleaned);
}

export * from './importValues';
export * from './importRisks';
export * from './importActivityFields';
export * from './importLoanFields';
