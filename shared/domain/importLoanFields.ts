import type { ImportFieldDef } from './importFields';
import { loanKindLabels, loanUseLabels, type LoanKind, type LoanUse } from './loans';

// 脱贫人口小额信贷 from the bank's spreadsheet (issue 13 item 6): one row per loan contract, the
// borrower named by 证件号码. Banks write the amount in 元 or in 万元 (the header says which), the
// rate as 3.45 / 3.45% / 0.0345, and the use in their own words, matched here to the catalog.

export const loanImportKinds = ['loans'] as const;
export type LoanImportKind = (typeof loanImportKinds)[number];

export const loanImportKindLabels: Readonly<Record<LoanImportKind, string>> = { loans: '小额信贷（银行表）' };
export const loanImportKindHints: Readonly<Record<LoanImportKind, string>> = {
  loans:
    '银行提供的小额信贷台账，一行一笔贷款：借款人证件号码、贷款银行、合同编号、贷款金额（元或万元，看列名）、放款日期、到期日期、年利率、贷款用途，可有贷款余额或已还本金。按证件号码找到借款人所在户；已登记的合同编号按表更新，不重复登记。超过政策规定（金额、期限、年龄、用途）的贷款照银行记录导入并提示。',
};

export const loanImportFields: readonly ImportFieldDef[] = [
  { key: 'borrowerName', label: '借款人姓名', required: false, headers: ['借款人姓名', '借款人', '客户姓名', '客户名称', '姓名', '贷款人姓名'] },
  {
    key: 'idNumber',
    label: '证件号码',
    required: true,
    headers: ['证件号码', '身份证号', '身份证号码', '借款人身份证号', '借款人证件号码', '客户证件号码', '公民身份号码', '证件号'],
  },
  { key: 'bank', label: '贷款银行', required: true, headers: ['贷款银行', '经办银行', '经办行', '放款银行', '贷款机构', '金融机构', '银行名称', '发放机构'] },
  { key: 'contractNo', label: '合同编号', required: true, headers: ['合同编号', '借款合同编号', '贷款合同号', '合同号', '借据号', '借据编号'] },
  { key: 'amount', label: '贷款金额', required: true, headers: ['贷款金额', '发放金额', '放款金额', '合同金额', '借款金额', '授信金额'] },
  { key: 'loanDate', label: '放款日期', required: true, headers: ['放款日期', '发放日期', '放款日', '贷款发放日期', '借款日期', '起贷日期', '起息日'] },
  { key: 'dueDate', label: '到期日期', required: true, headers: ['到期日期', '到期日', '贷款到期日', '合同到期日', '止贷日期'] },
  { key: 'rate', label: '年利率', required: true, headers: ['年利率', '执行利率', '贷款利率', '执行年利率', '利率'] },
  { key: 'use', label: '贷款用途', required: true, headers: ['贷款用途', '借款用途', '用途', '资金用途'] },
  { key: 'loanKind', label: '贷款类型', required: false, headers: ['贷款类型', '贷款性质', '发放类型', '新增/续贷'] },
  { key: 'balance', label: '贷款余额', required: false, headers: ['贷款余额', '余额', '本金余额', '剩余本金'] },
  { key: 'repaid', label: '已还本金', required: false, headers: ['已还本金', '累计还本', '已归还本金', '累计已还本金'] },
  { key: 'overdueDays', label: '逾期天数（仅核对）', required: false, informational: true, headers: ['逾期天数', '逾期天数(天)'] },
];

/** 贷款金额 in 万元 when the column's header says so ("贷款金额（万元）"); else 元. */
export function amountInWan(header: string): boolean {
  return /万元/.test(header);
}

/** The bank's words for a use → the catalog; the labels themselves first, then common words. */
const useWords: readonly (readonly [RegExp, LoanUse])[] = [
  [/户贷企用|企业使用|企业经营/, 'enterprise'],
  [/入股|分红/, 'equity'],
  [/理财|购房|买房/, 'finance'],
  [/还债|偿还债务|还贷|借新还旧/, 'debt'],
  [/婚|丧/, 'wedding'],
  [/建房|修房|盖房|装修/, 'housing'],
  [/种植|种养|果|茶|菌|菜|粮|烟|药材|竹/, 'planting'],
  [/养殖|养牛|养猪|养羊|养鸡|养鸭|养鱼|养蜂|畜|禽/, 'breeding'],
  [/加工/, 'processing'],
  [/旅游|农家乐|民宿/, 'tourism'],
  [/商贸|经商|流通|零售|小卖部|超市|运输/, 'trade'],
];

/** The catalog use a bank's text means, or null when it cannot be told (imported as 其他产业项目 with a note). */
export function loanUseFromText(text: string): LoanUse | null {
  const t = text.replace(/\s/g, '');
  for (const [use, label] of Object.entries(loanUseLabels) as [LoanUse, string][]) if (t === label) return use;
  for (const [re, use] of useWords) if (re.test(t)) return use;
  return null;
}

export function loanKindFromText(text: string): LoanKind | null {
  const t = text.replace(/\s/g, '');
  for (const [kind, label] of Object.entries(loanKindLabels) as [LoanKind, string][]) if (t === label || t === `${label}贷款`) return kind;
  if (/续/.test(t)) return 'renewal';
  if (/展/.test(t)) return 'extension';
  if (/新|首/.test(t)) return 'new';
  return null;
}

/** 年利率 as basis points: 3.45, "3.45%", "3.45 %" and a fraction 0.0345 all give 345; null when unreadable. */
export function rateBpFromText(text: string): number | null {
  const percent = /[%％]/.test(text);
  const s = text.replace(/[\s%％]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  // Without a % sign, a figure under 1 is a rate written as a share (0.0345).
  const bp = !percent && n < 1 ? n * 10_000 : n * 100;
  return Math.round(bp * 1000) / 1000;
}
