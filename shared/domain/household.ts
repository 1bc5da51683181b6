// Vocabulary of the household registry (DOMAIN.md §3): code names in code, Chinese in the UI.
// Each list is the single source for the zod enums, the table filters and the seed generator.

import { keysOf, type Labelled } from '../lib/labels';

export type { Labelled };

export const householdKindLabels = {
  povertyExited: '脱贫户',
  monitored: '监测户',
  ordinary: '一般农户',
} as const satisfies Labelled<string>;
export type HouseholdKind = keyof typeof householdKindLabels;
export const householdKinds = keysOf(householdKindLabels);

/** Flags a clerk sets; `noLaborHousehold` is derived from the members and is not in this list. */
export const householdFlagLabels = {
  dibao: '低保户',
  tekun: '特困供养',
  relocated: '易地扶贫搬迁',
} as const satisfies Labelled<string>;
export type HouseholdFlag = keyof typeof householdFlagLabels;
export const householdFlags = keysOf(householdFlagLabels);

export const householdStatusLabels = {
  active: '在册',
  closed: '已注销',
} as const satisfies Labelled<string>;
export type HouseholdStatus = keyof typeof householdStatusLabels;
export const householdStatuses = keysOf(householdStatusLabels);

export const relationLabels = {
  head: '户主',
  spouse: '配偶',
  son: '之子',
  daughter: '之女',
  sonInLaw: '之女婿',
  daughterInLaw: '之儿媳',
  grandson: '之孙子',
  granddaughter: '之孙女',
  father: '之父',
  mother: '之母',
  fatherInLaw: '之岳父/公公',
  motherInLaw: '之岳母/婆婆',
  grandfather: '之祖父',
  grandmother: '之祖母',
  sibling: '兄弟姐妹',
  other: '其他',
} as const satisfies Labelled<string>;
export type Relation = keyof typeof relationLabels;
export const relations = keysOf(relationLabels);

/** Relations a member other than the head can have (what a former head becomes at 户主变更). */
export type NonHeadRelation = Exclude<Relation, 'head'>;
export const nonHeadRelations = relations.filter((r): r is NonHeadRelation => r !== 'head') as [NonHeadRelation, ...NonHeadRelation[]];

export const ethnicityDefault = '汉族';

export const educationLabels = {
  none: '文盲或半文盲',
  primary: '小学',
  juniorHigh: '初中',
  seniorHigh: '高中',
  vocational: '中专/职高',
  college: '大专及以上',
  preschool: '学龄前儿童',
} as const satisfies Labelled<string>;
export type Education = keyof typeof educationLabels;
export const educations = keysOf(educationLabels);

export const schoolingLabels = {
  notInSchool: '非在校生',
  preschool: '学前教育',
  primary: '小学',
  juniorHigh: '初中',
  seniorHigh: '高中',
  vocational: '中职',
  higherVocational: '高职/大专',
  undergraduate: '本科及以上',
} as const satisfies Labelled<string>;
export type Schooling = keyof typeof schoolingLabels;
export const schoolings = keysOf(schoolingLabels);

export const healthLabels = {
  healthy: '健康',
  chronic: '长期慢性病',
  serious: '患有大病',
  disabled: '残疾',
} as const satisfies Labelled<string>;
export type Health = keyof typeof healthLabels;
export const healths = keysOf(healthLabels);

export const disabilityCategoryLabels = {
  visual: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  physical: '肢体残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
} as const satisfies Labelled<string>;
export type DisabilityCategory = keyof typeof disabilityCategoryLabels;
export const disabilityCategories = keysOf(disabilityCategoryLabels);

/** 残疾等级: 一级 is the most severe. */
export const disabilityGrades = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof disabilityGrades)[number];
export const disabilityGradeLabels: Readonly<Record<DisabilityGrade, string>> = {
  1: '一级',
  2: '二级',
  3: '三级',
  4: '四级',
};

export const laborLabels = {
  normal: '普通劳动力',
  skilled: '技能劳动力',
  weak: '弱劳动力或半劳动力',
  lost: '丧失劳动力',
  none: '无劳动力',
} as const satisfies Labelled<string>;
export type Labor = keyof typeof laborLabels;
export const labors = keysOf(laborLabels);

export const workStatusLabels = {
  none: '未务工',
  local: '乡镇内务工',
  inCounty: '县内乡外务工',
  inProvince: '省内县外务工',
  outOfProvince: '省外务工',
  welfarePost: '公益性岗位',
  selfEmployed: '自主创业',
} as const satisfies Labelled<string>;
export type WorkStatus = keyof typeof workStatusLabels;
export const workStatuses = keysOf(workStatusLabels);

export const memberStatusLabels = {
  current: '在册',
  dead: '死亡',
  movedOut: '迁出',
  otherLeft: '其他减员',
} as const satisfies Labelled<string>;
export type MemberStatus = keyof typeof memberStatusLabels;
export const memberStatuses = keysOf(memberStatusLabels);
/** The statuses a member can leave by; `current` is the only status that counts toward size. */
export const memberLeaveStatuses = ['dead', 'movedOut', 'otherLeft'] as const;
export type MemberLeaveStatus = (typeof memberLeaveStatuses)[number];

/** 整户无劳动能力: every current member has lost or never had labour capacity. */
export function isNoLaborHousehold(members: ReadonlyArray<{ labor: Labor; status: MemberStatus }>): boolean {
  const current = members.filter((m) => m.status === 'current');
  return current.length > 0 && current.every((m) => m.labor === 'lost' || m.labor === 'none');
}

/** Chinese names of the household fields a clerk edits (forms, audit summaries, the log page). */
export const householdFieldLabels = {
  householdCode: '户编号',
  villageId: '所在村',
  groupId: '村民小组',
  address: '住址',
  phone: '联系电话',
  kind: '户类型',
  dibao: '低保户',
  tekun: '特困供养',
  relocated: '易地扶贫搬迁',
  helperName: '帮扶责任人',
  helperPhone: '帮扶责任人电话',
} as const;

/** Chinese names of the member fields a clerk edits or the program derives. */
export const memberFieldLabels = {
  name: '姓名',
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
  phone: '联系电话',
} as const;
