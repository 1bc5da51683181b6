// The value maps of an import (DOMAIN §15): from the labels and codes offices' files use to the
// program's code names, with the hints an error message lists. importFields.ts re-exports them.


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
} from './monitoring';
import { cleanCode } from './importClean';

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
    // The table holds cleaned texts only, each its own cleaning: a text found as it is needs none
    // (most cells of a file are the usual words, read once per member).
    const found = table.get(text);
    if (found !== undefined) return found;
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
