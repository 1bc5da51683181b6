// The blank template of each import kind (issue 15 item 10): one column per field the import
// reads, under the header name the import recognises first (the national export's own), one
// example row, and for coded columns the list of labels the import accepts. Derived from
// importFields, so a field added there appears in the template and on the help page without a
// second list to keep in step.

import { disabilityGradeLabels } from './household';
import { importFields, importKinds, loanImportKinds, valueHints, type ImportFieldDef, type ImportKind, type LoanImportKind } from './importFields';
import { loanKindLabels, loanUseLabels } from './loans';
import { riskTypeLabels } from './monitoring';

/** The kinds with a template: the three single kinds and the bank's loan sheet. */
export const templateKinds = [...importKinds, ...loanImportKinds] as const;
export type TemplateKind = ImportKind | LoanImportKind;

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
  example: string;
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
  return valueHints[field] ?? null;
}

/** An example row a clerk recognises: one ordinary member, one year, one case. */
const examples: Readonly<Record<TemplateKind, Readonly<Record<string, string>>>> = {
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
    idNumber: '360723198001010012',
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
    idNumber: '360723198001010012',
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
};

function exampleOf(kind: TemplateKind, f: ImportFieldDef, choices: readonly string[] | null): string {
  const value = examples[kind][f.key] ?? '';
  // An example must be a value the list offers; otherwise the list's first entry.
  if (value !== '' && choices && !choices.includes(value)) return choices[0] ?? '';
  return value;
}

/** The template's columns for a kind, in the import's field order; 仅核对 columns are left out. */
export function templateColumns(kind: TemplateKind): TemplateColumn[] {
  return importFields[kind]
    .filter((f) => !f.informational)
    .map((f) => {
      const choices = choicesOf(f.key);
      return {
        field: f.key,
        header: f.headers[0] ?? f.label,
        accepted: [...new Set([f.label, ...f.headers])],
        label: f.label,
        required: f.required,
        choices,
        example: exampleOf(kind, f, choices),
      };
    });
}

export const templateFileNames: Readonly<Record<TemplateKind, string>> = {
  households: '导入模板-户籍与家庭成员.xlsx',
  incomes: '导入模板-年度收入.xlsx',
  cases: '导入模板-监测对象.xlsx',
  loans: '导入模板-小额信贷（银行表）.xlsx',
};
