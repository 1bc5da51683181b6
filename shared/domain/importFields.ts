// What an import reads (DOMAIN §15): per kind, the fields with their Chinese labels, whether a
// column for them is required, and the header names offices' files carry them under (the national
// monitoring system's export first, then common synonyms); and the value maps from the labels
// those files use to the program's code names.

import { incomeCategories, incomeCategoryLabels, type IncomeCategory } from './income';
import {
  disabilityCategoryLabels,
  educationLabels,
  householdKindLabels,
  healthLabels,
  laborLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
  type DisabilityCategory,
  type DisabilityGrade,
  type Education,
  type Health,
  type HouseholdKind,
  type Labor,
  type Relation,
  type Schooling,
  type WorkStatus,
} from './household';
import {
  declineCauseLabels,
  eliminationMethodLabels,
  monitoringCategoryLabels,
  type DeclineCause,
  type EliminationMethod,
  type MonitoringCategory,
  type RiskType,
} from './monitoring';
import { cleanCode, cleanHeader, headerWithoutUnit } from './importClean';

export const importKinds = ['households', 'incomes', 'cases'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Readonly<Record<ImportKind, string>> = {
  households: '户籍与家庭成员',
  incomes: '年度收入',
  cases: '监测对象',
};
export const importKindHints: Readonly<Record<ImportKind, string>> = {
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
export const importSources = ['national', ...importKinds] as const;
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

export const importFields: Readonly<Record<ImportKind, readonly ImportFieldDef[]>> = {
  households: householdFields,
  incomes: incomeFields,
  cases: caseFields,
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

export function fieldDef(kind: ImportKind, key: string): ImportFieldDef | undefined {
  return importFields[kind].find((f) => f.key === key);
}

export function fieldLabel(kind: ImportKind, key: string): string {
  return fieldDef(kind, key)?.label ?? key;
}

const headerIndex = new Map<ImportKind, Map<string, string>>();
function indexOf(kind: ImportKind): Map<string, string> {
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
export function autoField(kind: ImportKind, header: string): string | null {
  const cleaned = cleanHeader(header);
  if (cleaned === '') return null;
  const index = indexOf(kind);
  return index.get(cleaned) ?? index.get(headerWithoutUnit(cleaned)) ?? null;
}

/** True when the header is one the import knows for this kind (mapped or known-and-ignored). */
export function isKnownHeader(kind: ImportKind, header: string): boolean {
  if (autoField(kind, header) !== null) return true;
  const cleaned = headerWithoutUnit(cleanHeader(header));
  return knownIgnoredHeaders.some((h) => cleanHeader(h) === cleaned);
}

// ---- value maps ---------------------------------------------------------------------------------

function lookup<K extends string>(labels: Readonly<Record<K, string>>, synonyms: Readonly<Record<string, K>>): (text: string) => K | null {
  const table = new Map<string, K>();
  const add = (text: string, key: K) => {
    const c = cleanCode(text).replace(/[（]/g, '(').replace(/[）]/g, ')');
    if (!table.has(c)) table.set(c, key);
  };
  for (const [key, label] of Object.entries(labels) as [K, string][]) {
    add(label, key);
    add(key, key);
  }
  for (const [text, key] of Object.entries(synonyms)) add(text, key);
  return (text) => {
    const c = cleanCode(text).replace(/[（]/g, '(').replace(/[）]/g, ')');
    return table.get(c) ?? null;
  };
}

const relationLookup = lookup<Relation>(relationLabels, {
  本人: 'head',
  本人或户主: 'head',
  户主本人: 'head',
  妻: 'spouse',
  妻子: 'spouse',
  丈夫: 'spouse',
  夫: 'spouse',
  之妻: 'spouse',
  之夫: 'spouse',
  子: 'son',
  儿子: 'son',
  长子: 'son',
  次子: 'son',
  三子: 'son',
  独生子: 'son',
  养子或继子: 'son',
  女: 'daughter',
  女儿: 'daughter',
  长女: 'daughter',
  次女: 'daughter',
  三女: 'daughter',
  独生女: 'daughter',
  养女或继女: 'daughter',
  女婿: 'sonInLaw',
  儿媳: 'daughterInLaw',
  媳妇: 'daughterInLaw',
  孙子: 'grandson',
  之孙: 'grandson',
  孙: 'grandson',
  孙女: 'granddaughter',
  父亲: 'father',
  父: 'father',
  母亲: 'mother',
  母: 'mother',
  岳父: 'fatherInLaw',
  公公: 'fatherInLaw',
  之岳父: 'fatherInLaw',
  之公公: 'fatherInLaw',
  岳母: 'motherInLaw',
  婆婆: 'motherInLaw',
  之岳母: 'motherInLaw',
  之婆婆: 'motherInLaw',
  祖父: 'grandfather',
  爷爷: 'grandfather',
  祖母: 'grandmother',
  奶奶: 'grandmother',
  兄弟: 'sibling',
  姐妹: 'sibling',
  兄: 'sibling',
  弟: 'sibling',
  姐: 'sibling',
  妹: 'sibling',
  哥哥: 'sibling',
  弟弟: 'sibling',
  姐姐: 'sibling',
  妹妹: 'sibling',
  之兄弟姐妹: 'sibling',
  外孙子: 'other',
  外孙女: 'other',
  之外孙子: 'other',
  之外孙女: 'other',
  侄子: 'other',
  侄女: 'other',
  之侄子: 'other',
  之侄女: 'other',
  曾孙子: 'other',
  曾孙女: 'other',
  其他亲属: 'other',
  非亲属: 'other',
});
export const mapRelation = relationLookup;

const educationLookup = lookup<Education>(educationLabels, {
  文盲: 'none',
  半文盲: 'none',
  文盲半文盲: 'none',
  '文盲/半文盲': 'none',
  不识字或识字很少: 'none',
  初级中学: 'juniorHigh',
  高中: 'seniorHigh',
  普通高中: 'seniorHigh',
  '高中(含中专)': 'seniorHigh',
  中专: 'vocational',
  职高: 'vocational',
  中职: 'vocational',
  技校: 'vocational',
  中专或中技: 'vocational',
  '中专(中技)': 'vocational',
  大专: 'college',
  本科: 'college',
  大学本科: 'college',
  本科及以上: 'college',
  研究生: 'college',
  研究生及以上: 'college',
  大专及以上学历: 'college',
  学龄前: 'preschool',
  学前: 'preschool',
});
export const mapEducation = educationLookup;

const schoolingLookup = lookup<Schooling>(schoolingLabels, {
  非在校: 'notInSchool',
  不在校: 'notInSchool',
  否: 'notInSchool',
  无: 'notInSchool',
  学前: 'preschool',
  幼儿园: 'preschool',
  学前班: 'preschool',
  小学生: 'primary',
  初中生: 'juniorHigh',
  高中生: 'seniorHigh',
  中职生: 'vocational',
  中专: 'vocational',
  技工院校: 'vocational',
  高职: 'higherVocational',
  大专: 'higherVocational',
  本科: 'undergraduate',
  研究生: 'undergraduate',
  硕士研究生: 'undergraduate',
  博士研究生: 'undergraduate',
});

/**
 * 在校生状况: the national export writes the grade ("七年级", "高中二年级", "高职一年级", "本科三年级");
 * the ledger keeps the stage.
 */
export function mapSchooling(text: string): Schooling | null {
  const direct = schoolingLookup(text);
  if (direct) return direct;
  const s = cleanCode(text);
  if (/学前|幼儿/.test(s)) return 'preschool';
  if (/^(小学)?[一二三四五六1-6]年级$|^小学/.test(s)) return 'primary';
  if (/^(初中)?[七八九789]年级$|^初中|^初[一二三]$/.test(s)) return 'juniorHigh';
  if (/^(普通)?高中|^高[一二三]$/.test(s)) return 'seniorHigh';
  if (/^中职|^中专|^技工/.test(s)) return 'vocational';
  if (/^高职|^大专|^专科/.test(s)) return 'higherVocational';
  if (/^本科|^研究生|^硕士|^博士|^大学/.test(s)) return 'undergraduate';
  if (/非在校|不在校|毕业|辍学|已离校/.test(s)) return 'notInSchool';
  return null;
}

const healthLookup = lookup<Health>(healthLabels, {
  良好: 'healthy',
  正常: 'healthy',
  慢性病: 'chronic',
  长期慢性病患者: 'chronic',
  大病: 'serious',
  重病: 'serious',
  患大病: 'serious',
  重大疾病: 'serious',
  残疾人: 'disabled',
});
/** 健康状况; a combination such as "残疾,长期慢性病" takes the most serious: 残疾 > 大病 > 慢性病. */
export function mapHealth(text: string): Health | null {
  const direct = healthLookup(text);
  if (direct) return direct;
  const s = cleanCode(text);
  if (/残疾/.test(s)) return 'disabled';
  if (/大病|重病/.test(s)) return 'serious';
  if (/慢性病/.test(s)) return 'chronic';
  return null;
}

const disabilityCategoryLookup = lookup<DisabilityCategory>(disabilityCategoryLabels, {
  视力: 'visual',
  听力: 'hearing',
  言语: 'speech',
  语言残疾: 'speech',
  肢体: 'physical',
  智力: 'intellectual',
  精神: 'mental',
  多重: 'multiple',
});
export const mapDisabilityCategory = disabilityCategoryLookup;

/** 残疾等级: 一级 / 1级 / 1 / 一 → 1 … 4. */
export function mapDisabilityGrade(text: string): DisabilityGrade | null {
  const s = cleanCode(text).replace(/^第/, '').replace(/级$/, '');
  const n = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 }[s];
  return (n as DisabilityGrade | undefined) ?? null;
}

const laborLookup = lookup<Labor>(laborLabels, {
  普通劳动力: 'normal',
  普通: 'normal',
  一般劳动力: 'normal',
  技能: 'skilled',
  技能型劳动力: 'skilled',
  弱劳动力: 'weak',
  半劳动力: 'weak',
  弱或半劳动力: 'weak',
  丧失劳动能力: 'lost',
  丧失: 'lost',
  无劳动能力: 'none',
  无: 'none',
});
export const mapLabor = laborLookup;

const workStatusLookup = lookup<WorkStatus>(workStatusLabels, {
  无: 'none',
  否: 'none',
  未外出务工: 'none',
  乡镇内: 'local',
  乡内务工: 'local',
  县内: 'inCounty',
  县内务工: 'inCounty',
  省内: 'inProvince',
  省内务工: 'inProvince',
  省外: 'outOfProvince',
  外省务工: 'outOfProvince',
  公益岗: 'welfarePost',
  公益岗位: 'welfarePost',
  创业: 'selfEmployed',
});
export const mapWorkStatus = workStatusLookup;

const householdKindLookup = lookup<HouseholdKind>(householdKindLabels, {
  一般户: 'ordinary',
  非贫困户: 'ordinary',
  农户: 'ordinary',
  脱贫人口: 'povertyExited',
  已脱贫户: 'povertyExited',
  脱贫不享受政策: 'povertyExited',
  脱贫享受政策: 'povertyExited',
  '脱贫户(享受政策)': 'povertyExited',
  '脱贫户(不享受政策)': 'povertyExited',
  监测对象: 'monitored',
  监测户: 'monitored',
  边缘易致贫户: 'monitored',
  脱贫不稳定户: 'monitored',
  突发严重困难户: 'monitored',
  '防止返贫监测对象': 'monitored',
});
export const mapHouseholdKind = householdKindLookup;

const categoryLookup = lookup<MonitoringCategory>(monitoringCategoryLabels, {
  脱贫不稳定: 'unstableExited',
  易返贫户: 'unstableExited',
  边缘户: 'marginal',
  边缘易致贫: 'marginal',
  易致贫户: 'marginal',
  突发困难户: 'suddenHardship',
  突发严重困难: 'suddenHardship',
});
export const mapCategory = categoryLookup;

const eliminationMethodLookup = lookup<EliminationMethod>(eliminationMethodLabels, {
  帮扶: 'assisted',
  帮扶后消除: 'assisted',
  自然: 'natural',
  自然消除风险: 'natural',
});
export const mapEliminationMethod = eliminationMethodLookup;

const declineCauseLookup = lookup<DeclineCause>(declineCauseLabels, { 其他: 'other' });
export const mapDeclineCause = declineCauseLookup;

/**
 * Risk codes and labels seen in national files (DOMAIN §15; not an official table): 01 因病,
 * 0201–0206/0299 因自然灾害, 03 因残, 04 因缺劳动力, 05 因意外事故, 06 因产业失败, 07 因务工就业不稳,
 * 09 因学, 99 其他; and the older 致贫原因 words (因灾, 缺劳力, 缺技术 …).
 */
const riskCodes: Readonly<Record<string, RiskType>> = {
  '01': 'illness',
  '02': 'disaster',
  '0201': 'disaster',
  '0202': 'disaster',
  '0203': 'disaster',
  '0204': 'disaster',
  '0205': 'disaster',
  '0206': 'disaster',
  '0299': 'disaster',
  '03': 'disability',
  '04': 'lackOfLabor',
  '05': 'accident',
  '06': 'businessFailure',
  '07': 'unstableJob',
  '09': 'schooling',
  '99': 'other',
};
const riskWords: readonly [RegExp, RiskType][] = [
  [/^因?病|^因大病|^疾病/, 'illness'],
  [/^因?残|^残疾/, 'disability'],
  [/^因?学|^上学/, 'schooling'],
  [/灾|洪涝|地质|干旱|旱灾|生物|气象|地震|冰雹|台风/, 'disaster'],
  [/意外|事故/, 'accident'],
  [/产业|经营失败/, 'businessFailure'],
  [/务工|就业/, 'unstableJob'],
  [/缺劳|劳动力/, 'lackOfLabor'],
  [/住房|危房/, 'housing'],
  [/饮水|缺水/, 'drinkingWater'],
  [/^其他|^其它|缺技术|缺资金|缺土地|交通|动力不足/, 'other'],
];

/** One risk in a cell ("01", "01因病", "因病", "0202 因地质灾害"); null when not recognised. */
export function mapRisk(text: string): RiskType | null {
  const s = cleanCode(text);
  if (s === '') return null;
  const code = /^(\d{2,4})/.exec(s)?.[1];
  if (code) {
    const byCode = riskCodes[code] ?? riskCodes[code.slice(0, 2)];
    if (byCode) return byCode;
  }
  const word = s.replace(/^\d+[.、:：-]?/, '');
  for (const [pattern, risk] of riskWords) if (pattern.test(word)) return risk;
  return null;
}

/** A cell with one or more risks separated by 、 , ; / or spaces. */
export function mapRisks(text: string): { risks: RiskType[]; unknown: string[] } {
  const risks: RiskType[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[、,，;；/|\s]+/)) {
    if (part.trim() === '') continue;
    const r = mapRisk(part);
    if (r === null) unknown.push(part.trim());
    else if (!risks.includes(r)) risks.push(r);
  }
  return { risks, unknown };
}

/** The labels a clerk may write for a field with a closed list (for the "可填：…" hint in errors). */
export const valueHints: Readonly<Record<string, readonly string[]>> = {
  relation: Object.values(relationLabels),
  education: Object.values(educationLabels),
  schooling: Object.values(schoolingLabels),
  health: Object.values(healthLabels),
  disabilityCategory: Object.values(disabilityCategoryLabels),
  labor: Object.values(laborLabels),
  workStatus: Object.values(workStatusLabels),
  kind: Object.values(householdKindLabels),
  category: Object.values(monitoringCategoryLabels),
  eliminationMethod: Object.values(eliminationMethodLabels),
  declineCause: Object.values(declineCauseLabels),
};

/** 村民小组 names compared loosely: "1组" = "一组" = "第一组" = "一村民小组". */
export function groupNameKey(name: string): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  let s = cleanCode(name).replace(/^第/, '').replace(/村民小组$|小组$|村民组$|组$|社$/, '');
  s = s.replace(/\d+/g, (d) => {
    const n = Number(d);
    if (n <= 10) return digits[n] ?? d;
    if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
    if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
    return d;
  });
  return s;
}
