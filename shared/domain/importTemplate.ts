// The blank template of each import kind (issue 15 item 10): one column per field the import
// reads, under the header name the import recognises first (the national export's own), one
// example row, and for coded columns the list of labels the import accepts. Derived from
// importFields, so a field added there appears in the template and on the help page without a
// second list to keep in step.

import { disabilityGradeLabels } from './household';
import { importFields, valueHints, type ImportFieldDef, type SheetKind } from './importFields';
import { loanKindLabels, loanUseLabels } from './loans';
import { riskTypeLabels, visitKindLabels, type RiskType } from './monitoring';

export interface TemplateColumn {
  field: string;
  /** The header the template carries (the first name the import recognises). */
  header: string;
  /** Every header name the import accepts for this field (the label first). */
  accepted: readonly string[];
  label: string;
  required: boolean;
  /** The labels the import accepts for a coded column (the drop-down list); null for free text. */
  choices: readonly string[] | null;
  /** What a free-text column takes, when it is more than "as it is" (措施类型, the household key). */
  valueNote: string | null;
  example: string;
}

/** A measure type of the office's catalog, as the 帮扶措施台账 template lists it. */
export interface TemplateMeasureType {
  name: string;
  riskTypes: readonly RiskType[];
  hasAmount: boolean;
}

const yesNo = ['是', '否'] as const;
/** Fields read with parseYesNo. */
const yesNoFields = new Set(['dibao', 'tekun', 'relocated', 'medicalInsurance', 'pensionInsurance', 'eliminated']);

function choicesOf(field: string): readonly string[] | null {
  if (yesNoFields.has(field)) return yesNo;
  if (field === 'risks') return Object.values(riskTypeLabels);
  if (field === 'disabilityGrade') return Object.values(disabilityGradeLabels);
  if (field === 'use') return Object.values(loanUseLabels);
  if (field === 'loanKind') return Object.values(loanKindLabels);
  if (field === 'visitKind') return Object.values(visitKindLabels);
  return valueHints[field] ?? null;
}

/** The activity ledgers name their household by 户编号 or 证件号码; the measure type comes from the office's catalog. */
const activityValueNotes: Readonly<Record<string, string>> = {
  householdCode: '户编号和证件号码至少填一项',
  idNumber: '户编号和证件号码至少填一项（户内任一成员的证件号码）',
  measureType: '本乡镇帮扶措施目录中的措施名称或代码（模板中的下拉列表即下载时的目录）',
  visitors: '多名走访人用“、”隔开',
};

/** An example row a clerk recognises: one ordinary member, one year, one case. */
const examples: Readonly<Record<SheetKind, Readonly<Record<string, string>>>> = {
  households: {
    householdCode: '3607230010010001',
    village: '示例村',
    group: '一组',
    kind: '脱贫户',
    address: '示例村一组 12 号',
    phone: '13800000000',
    dibao: '否',
    tekun: '否',
    relocated: '否',
    helperName: '王明',
    helperPhone: '13900000000',
    name: '张三',
    idNumber: '360723198001010018',
    relation: '户主',
    ethnicity: '汉族',
    education: '初中',
    health: '健康',
    labor: '普通劳动力',
    workStatus: '乡镇内务工',
    medicalInsurance: '是',
    pensionInsurance: '是',
  },
  incomes: {
    householdCode: '3607230010010001',
    year: '2026',
    memberCount: '4',
    wageFen: '36000',
    businessIncomeFen: '8000',
    businessCostFen: '2000',
    pensionFen: '1800',
  },
  cases: {
    householdCode: '3607230010010001',
    category: '突发严重困难户',
    risks: '因病',
    identifiedDate: '2026-03-15',
    eliminated: '否',
    helperName: '王明',
  },
  loans: {
    borrowerName: '张三',
    idNumber: '360723198001010018',
    bank: '农村信用社（农商银行）',
    contractNo: 'XD20260001',
    amount: '50000',
    loanDate: '2026-03-01',
    dueDate: '2029-02-28',
    rate: '3.45',
    use: '养殖业',
    loanKind: '新增',
    balance: '50000',
  },
  // The same household and case as the examples above, so the examples import one after another.
  measures: {
    householdCode: '3607230010010001',
    idNumber: '360723198001010018',
    headName: '张三',
    plannedDate: '2026-03-20',
    doneDate: '2026-04-10',
    responsibleUnit: '示例乡人民政府',
    helperName: '王明',
    note: '户主住院医疗费用报销',
  },
  visits: {
    householdCode: '3607230010010001',
    idNumber: '360723198001010018',
    headName: '张三',
    visitDate: '2026-04-01',
    visitors: '王明、李华',
    visitKind: '日常走访',
    findings: '户主出院在家休养，医保报销已到位，家庭收入稳定。',
  },
};

function exampleOf(kind: SheetKind, f: ImportFieldDef, choices: readonly string[] | null): string {
  const value = examples[kind][f.key] ?? '';
  // An example must be a value the list offers; otherwise the list's first entry.
  if (value !== '' && choices && !choices.includes(value)) return choices[0] ?? '';
  return value;
}

/**
 * The template's columns for a kind, in the import's field order; 仅核对 columns are left out. For
 * 帮扶措施台账, `measureTypes` (the office's active catalog, given by the core) is the 措施类型 list
 * and picks the example: a measure for the example case's risk (因病).
 */
export function templateColumns(kind: SheetKind, measureTypes: readonly TemplateMeasureType[] = []): TemplateColumn[] {
  const exampleType = measureTypes.find((t) => t.riskTypes.includes('illness')) ?? measureTypes[0];
  return importFields[kind]
    .filter((f) => !f.informational)
    .map((f) => {
      const choices = f.key === 'measureType' ? (measureTypes.length > 0 ? measureTypes.map((t) => t.name) : null) : choicesOf(f.key);
      let example = exampleOf(kind, f, choices);
      if (f.key === 'measureType') example = exampleType?.name ?? '';
      if (f.key === 'amount') example = exampleType?.hasAmount ? '2000' : '';
      const activity = kind === 'measures' || kind === 'visits';
      return {
        field: f.key,
        header: f.headers[0] ?? f.label,
        accepted: [...new Set([f.label, ...f.headers])],
        label: f.label,
        required: f.required,
        choices,
        valueNote: activity ? (activityValueNotes[f.key] ?? null) : null,
        example,
      };
    });
}

export const templateFileNames: Readonly<Record<SheetKind, string>> = {
  households: '导入模板-户籍与家庭成员.xlsx',
  incomes: '导入模板-年度收入.xlsx',
  cases: '导入模板-监测对象.xlsx',
  measures: '导入模板-帮扶措施台账.xlsx',
  visits: '导入模板-走访记录.xlsx',
  loans: '导入模板-小额信贷（银行表）.xlsx',
};
