import { z } from 'zod';
import { householdKinds } from '../domain/household';
import { loanEventKinds, loanKinds, loanStatuses, loanUses } from '../domain/loans';
import { channel } from './channel';
import { idSchema, isoDate, optionalText, paging, requiredText, versionSeen, versionSeenOrNone } from './fields';

// 脱贫人口小额信贷 (issue 13 item 6): loans per household, their repayments and 贴息 (append-only
// events), the yearly loan rules and the 小额信贷台账. Money in fen, rates in basis points.

const MAX_LOAN_FEN = 100_000_000; // 100 万元: no 小额信贷 comes near it; catches a slip of the decimal point

function fen(label: string, min = 1) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(min, { error: min > 0 ? `${label}应大于 0 元` : `${label}不能为负数` })
    .max(MAX_LOAN_FEN, { error: `${label}不能超过 100 万元，请检查小数点` });
}

const year = z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' });

export const loanFields = {
  householdId: idSchema,
  borrowerId: z.string({ error: '请选择借款人' }).min(1, { error: '请选择借款人' }),
  bank: requiredText('贷款银行', 40),
  contractNo: requiredText('合同编号', 60),
  amountFen: fen('贷款金额'),
  loanDate: isoDate,
  dueDate: isoDate,
  rateBp: z.number({ error: '请填写年利率' }).int({ error: '年利率最多保留两位小数' }).min(0, { error: '年利率不能为负数' }).max(2_400, { error: '年利率不能超过 24%，请检查' }),
  use: z.enum(loanUses, { error: '请选择贷款用途' }),
  useDetail: optionalText('用途说明', 100),
  kind: z.enum(loanKinds, { error: '请选择贷款类型' }).default('new'),
  riskCompensation: z.boolean().default(false),
  note: optionalText('备注', 200, 'multi'),
};

export const loanSaveSchema = z
  .object({ id: idSchema.optional(), version: versionSeen, ...loanFields })
  .superRefine((v, ctx) => {
    if (v.dueDate <= v.loanDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '到期日应晚于放款日' });
  });

export const loanFieldLabels: Record<keyof typeof loanFields, string> = {
  householdId: '户',
  borrowerId: '借款人',
  bank: '贷款银行',
  contractNo: '合同编号',
  amountFen: '贷款金额',
  loanDate: '放款日',
  dueDate: '到期日',
  rateBp: '年利率',
  use: '贷款用途',
  useDetail: '用途说明',
  kind: '贷款类型',
  riskCompensation: '风险补偿',
  note: '备注',
};

export const loanSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  householdKind: z.enum(householdKinds),
  villageName: z.string(),
  borrowerId: z.string(),
  borrowerName: z.string(),
  bank: z.string(),
  contractNo: z.string(),
  amountFen: z.number().int(),
  loanDate: z.string(),
  dueDate: z.string(),
  rateBp: z.number().int(),
  use: z.enum(loanUses),
  useDetail: z.string().nullable(),
  kind: z.enum(loanKinds),
  riskCompensation: z.boolean(),
  note: z.string().nullable(),
  repaidPrincipalFen: z.number().int(),
  outstandingFen: z.number().int(),
  overdueDays: z.number().int(),
  status: z.enum(loanStatuses),
  /** The ledger year's interest paid, 应贴息 and 已贴息. */
  year: z.number().int(),
  interestPaidFen: z.number().int(),
  subsidyDueFen: z.number().int(),
  subsidyPaidFen: z.number().int(),
  warnings: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Loan = z.infer<typeof loanSchema>;

export const loanEventSchema = z.object({
  id: z.string(),
  kind: z.enum(loanEventKinds),
  eventDate: z.string(),
  principalFen: z.number().int(),
  interestFen: z.number().int(),
  subsidyFen: z.number().int(),
  subsidyYear: z.number().int().nullable(),
  reversesId: z.string().nullable(),
  reversedBy: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type LoanEvent = z.infer<typeof loanEventSchema>;

export const loanEventInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('repayment'),
    loanId: idSchema,
    eventDate: isoDate,
    principalFen: fen('归还本金', 0),
    interestFen: fen('支付利息', 0),
    note: optionalText('备注', 200),
  }),
  z.object({ kind: z.literal('subsidy'), loanId: idSchema, eventDate: isoDate, subsidyFen: fen('贴息金额'), subsidyYear: year, note: optionalText('备注', 200) }),
]);

export const loanSettingsFields = {
  year,
  maxAmountFen: fen('享受贴息的最高金额'),
  maxTermMonths: z.number({ error: '请填写最长期限' }).int().min(1, { error: '最长期限至少 1 个月' }).max(120, { error: '最长期限不能超过 120 个月' }),
  minAge: z.number({ error: '请填写最低年龄' }).int().min(16, { error: '最低年龄不能低于 16 岁' }).max(40),
  maxAge: z.number({ error: '请填写最高年龄' }).int().min(40, { error: '最高年龄不能低于 40 岁' }).max(80, { error: '最高年龄不能超过 80 岁' }),
  subsidyPercent: z.number({ error: '请填写贴息比例' }).int().min(0, { error: '贴息比例应在 0–100 之间' }).max(100, { error: '贴息比例应在 0–100 之间' }),
  maxRateBp: z.number().int().min(0).max(2_400).nullable().default(null),
};
const settingsValues = z.object(loanSettingsFields);
export const loanSettingsFieldLabels: Record<keyof typeof loanSettingsFields, string> = {
  year: '年度',
  maxAmountFen: '享受贴息的最高金额',
  maxTermMonths: '最长期限',
  minAge: '借款人最低年龄',
  maxAge: '借款人最高年龄',
  subsidyPercent: '贴息比例',
  maxRateBp: '利率上限',
};
export const loanSettingsYearSchema = settingsValues.extend({ id: z.string(), version: z.number().int(), updatedAt: z.string() });
export type LoanSettingsYear = z.infer<typeof loanSettingsYearSchema>;

export const loanLedgerFilter = z.object({
  year,
  villageId: idSchema.optional(),
  status: z.enum(loanStatuses).optional(),
  bank: z.string().max(40).optional(),
});

export const loansChannels = {
  'loans.settings': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({
      today: z.string(),
      saved: z.array(loanSettingsYearSchema),
      inForce: settingsValues.extend({ source: z.enum(['saved', 'default']) }),
      suggested: settingsValues,
    }),
  }),
  'loans.saveSettings': channel({ access: ['admin'], mutates: true, input: settingsValues.extend({ version: versionSeenOrNone }), output: loanSettingsYearSchema }),
  /** The household's loans, newest first, with this year's 贴息 figures. */
  'loans.forHousehold': channel({ access: 'signedIn', mutates: false, input: z.object({ householdId: idSchema }), output: z.object({ loans: z.array(loanSchema) }) }),
  'loans.get': channel({ access: 'signedIn', mutates: false, input: z.object({ id: idSchema }), output: z.object({ loan: loanSchema, events: z.array(loanEventSchema) }) }),
  /**
   * Records a loan as the bank made it, or corrects one (with the version the form loaded). A new
   * loan of a household with an open case ticks its JR01 measure; measureNote says what happened.
   */
  'loans.save': channel({ access: ['admin', 'clerk'], mutates: true, input: loanSaveSchema, output: loanSchema.extend({ measureNote: z.string().nullable() }) }),
  /** A repayment or a 贴息: append-only. */
  'loans.addEvent': channel({ access: ['admin', 'clerk'], mutates: true, input: loanEventInputSchema, output: loanSchema }),
  /** A correction: an entry with the negated amounts that names the one it reverses. */
  'loans.reverseEvent': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z.object({ eventId: idSchema, reason: requiredText('冲销原因', 100) }),
    output: loanSchema,
  }),
  /** 小额信贷台账: every loan not settled before the year, filtered. */
  'loans.ledger': channel({
    access: 'signedIn',
    mutates: false,
    input: loanLedgerFilter.extend(paging),
    output: z.object({ total: z.number().int(), outstandingFen: z.number().int(), overdue: z.number().int(), rows: z.array(loanSchema) }),
  }),
  /** Loans past due with principal owed: the workbench's to-do. */
  'loans.overdueCount': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: z.object({ count: z.number().int() }) }),
};
