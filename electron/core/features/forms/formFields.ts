import type { FormKind } from '../../../../shared/domain/paper';
import { formatYuan } from '../../../../shared/lib/money';
import type { JsonValue } from '../print/types';

// The fields of a form's data, in Chinese, and which of them a signature rests on (issue 15 item
// 3). A signature vouches for the facts its decision rests on — category, risks, income and its
// year, members and household size, the guarantees, the measures and their status, the workflow
// steps. Each form declares the fields it merely shows for convenience (a phone number, an
// address, the helper's name, notes): changing those leaves its signatures valid, and the change
// is reported as 签字后有非实质变更 instead. Anything not declared informational is material, so a
// field added to a form later voids signatures until someone decides otherwise.

/** A path in the form data: object keys, with `*` for any array element. */
type PathPattern = string;

const householdInfo: PathPattern[] = ['household.phone', 'household.address'];
const caseInfo: PathPattern[] = ['case.helperName', 'case.clueNote', 'risks.*.note', 'guarantees.*.note'];
const measureInfo: PathPattern[] = ['measures.*.note', 'measures.*.helper', 'measures.*.unit'];

/** Per form, the fields its signatures do not rest on. */
export const informationalFields: Readonly<Record<FormKind, readonly PathPattern[]>> = {
  'form.application': [...householdInfo, ...caseInfo],
  'form.collection': [...householdInfo, ...caseInfo],
  'form.approval': [...householdInfo, ...caseInfo],
  'form.measures': [...householdInfo, ...caseInfo, ...measureInfo],
  'form.elimination': [...householdInfo, ...caseInfo, ...measureInfo],
  'form.visit': [...householdInfo],
};

/** Chinese names of the fields, by their last key under the parent's key ('' for the top). */
const fieldLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': { office: '填报单位', caseCode: '案件编号', eliminatedDate: '风险消除日期', totalFen: '帮扶资金合计', form: '表单', specialDecision: '特别决定' },
  household: {
    householdCode: '户编号',
    village: '所在村',
    group: '村民小组',
    address: '住址',
    headName: '户主姓名',
    memberCount: '家庭人口',
    kind: '户类型',
    phone: '联系电话',
    dibao: '低保户',
    tekun: '特困供养',
  },
  case: {
    caseCode: '案件编号',
    category: '监测类别',
    clueSource: '线索来源',
    clueDate: '线索日期',
    clueNote: '线索说明',
    helperName: '帮扶联系人',
    includedDate: '纳入监测日期',
  },
  risks: { risk: '风险类型', note: '风险说明' },
  members: {
    name: '姓名',
    idNumber: '身份证号',
    sex: '性别',
    birthDate: '出生日期',
    relation: '与户主关系',
    education: '文化程度',
    schooling: '在校状况',
    health: '健康状况',
    labor: '劳动技能',
    workStatus: '务工状况',
    medicalInsurance: '医保',
    pensionInsurance: '养老保险',
  },
  income: {
    year: '收入年度',
    memberCount: '收入计算人口',
    netIncomeFen: '家庭纯收入',
    perCapitaFen: '人均纯收入',
    monitoringLineFen: '监测范围',
    eliminationFloorFen: '风险消除收入底线',
  },
  items: { item: '收入项目', fen: '金额' },
  guarantees: { item: '保障项目', status: '情况', note: '说明' },
  measures: {
    name: '帮扶措施',
    risks: '针对风险',
    unit: '责任单位',
    helper: '帮扶人',
    plannedDate: '计划日期',
    doneDate: '落实日期',
    status: '状态',
    amountFen: '金额',
    note: '备注',
  },
  steps: { step: '步骤', date: '日期', people: '参与人员', outcome: '结果', note: '说明', notice: '公示' },
  notice: { from: '公示开始', to: '公示结束', place: '公示地点' },
  objections: { receivedDate: '异议受理日期', objector: '异议人', content: '异议内容', resolution: '核实处理', resolvedDate: '处理日期' },
  negativeList: { item: '负面清单项目', hit: '核查结果' },
  homeCheck: { date: '入户核实日期', people: '核实人员' },
  apply: { date: '申请日期', people: '申请人' },
  preconditions: { item: '消除条件', met: '是否满足', reason: '依据' },
  visit: { date: '走访日期', kind: '走访类型', visitors: '走访人', findings: '走访情况' },
  specialDecision: { date: '特别决定日期', note: '特别决定内容' },
};

/** The key of an array element's own name, so a change reads "张小明 务工状况" rather than "成员第 3 项". */
const elementNames: Readonly<Record<string, string>> = {
  members: 'name',
  risks: 'risk',
  items: 'item',
  guarantees: 'item',
  measures: 'name',
  steps: 'step',
  negativeList: 'item',
  preconditions: 'item',
};

const arrayLabels: Readonly<Record<string, string>> = {
  members: '成员',
  risks: '风险',
  items: '收入',
  guarantees: '保障',
  measures: '措施',
  steps: '步骤',
  objections: '异议',
  negativeList: '负面清单',
  preconditions: '消除条件',
};

interface Leaf {
  /** Pattern form of the path ("members.*.name"), for the informational check. */
  pattern: string;
  /** Chinese description of where the leaf is, e.g. "成员 张小明 务工状况". */
  label: string;
  value: JsonValue;
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function leaves(value: JsonValue, keys: string[], pattern: string[], label: string[], out: Map<string, Leaf>): void {
  const parent = pattern.filter((k) => k !== '*').at(-1) ?? '';
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(keys.join('.'), { pattern: pattern.join('.'), label: [...label, arrayLabels[parent] ?? ''].join(' ').trim(), value: '（无）' });
    const nameKey = elementNames[parent];
    const names = value.map((el, i) => (nameKey && isObject(el) && typeof el[nameKey] === 'string' ? el[nameKey] : `第 ${i + 1} 项`));
    value.forEach((el, i) => {
      const name = names[i]!;
      // An element is keyed by its own name where that is unique, so a row added or removed in the
      // middle is one change, not a change of every row after it.
      const key = names.indexOf(name) === names.lastIndexOf(name) ? name : `${name}#${i}`;
      const elLabel = arrayLabels[parent] ? `${arrayLabels[parent]} ${name}` : name;
      leaves(el, [...keys, key], [...pattern, '*'], [...label, elLabel], out);
    });
    return;
  }
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      // Containers (household, case, income …) add no words: their fields' names say enough.
      const own = v !== null && typeof v === 'object' ? [] : [fieldLabels[parent]?.[k] ?? fieldLabels['']?.[k] ?? k];
      leaves(v, [...keys, k], [...pattern, k], [...label, ...own], out);
    }
    return;
  }
  out.set(keys.join('.'), { pattern: pattern.join('.'), label: label.join(' '), value });
}

function flatLeaves(data: JsonValue): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  leaves(data, [], [], [], out);
  return out;
}

function shown(key: string, v: JsonValue | undefined): string {
  if (v === undefined || v === null || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' && /Fen$|\.fen$/.test(key)) return `${formatYuan(v)} 元`;
  return String(v);
}

export interface FieldChange {
  /** "成员 张小明 务工状况：未务工 → 省外务工". */
  text: string;
  /** The short name of the field, e.g. "联系电话". */
  field: string;
  material: boolean;
}

function matches(pattern: string, patterns: readonly string[]): boolean {
  return patterns.includes(pattern);
}

/** The differences between two versions of a form's data, each marked material or not. */
export function formChanges(kind: FormKind, before: JsonValue, after: JsonValue): FieldChange[] {
  const a = flatLeaves(before);
  const b = flatLeaves(after);
  const informational = informationalFields[kind];
  const out: FieldChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x?.value) === JSON.stringify(y?.value)) continue;
    const leaf = (y ?? x)!;
    const field = leaf.label.split(' ').at(-1) ?? leaf.label;
    const text = !x ? `${leaf.label}：新增 ${shown(key, y?.value)}` : !y ? `${leaf.label}：已无（原为 ${shown(key, x.value)}）` : `${leaf.label}：${shown(key, x.value)} → ${shown(key, y.value)}`;
    out.push({ text, field, material: !matches(leaf.pattern, informational) });
  }
  return out;
}

/** The data a signature rests on: the form's data without its informational fields. */
export function materialData(kind: FormKind, data: JsonValue): JsonValue {
  return strip(data, [], informationalFields[kind]);
}

function strip(value: JsonValue, pattern: string[], informational: readonly string[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => strip(v, [...pattern, '*'], informational));
  if (isObject(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      const p = [...pattern, k];
      if (matches(p.join('.'), informational)) continue;
      out[k] = strip(v, p, informational);
    }
    return out;
  }
  return value;
}

/** "联系电话、住址": the distinct informational fields that changed, for 签字后有非实质变更. */
export function informationalChangeNames(kind: FormKind, signed: JsonValue, now: JsonValue): string[] {
  return [...new Set(formChanges(kind, signed, now).filter((c) => !c.material).map((c) => c.field))];
}
