import { z } from 'zod';
import { incomeCategories } from '../domain/income';
import { lineResults, paymentListStatuses } from '../domain/payments';
import { channel } from './channel';
import { jobStartedSchema } from './jobs';
import { fileIdInput } from './fileRefs';
import { idSchema, isoDate, optionalText, reason, requiredText, versionSeen, versionSeenOrNone } from './fields';

// 发放清册 (issue 12 item 4): lists with a purpose and period, lines per person with basis and
// amount (fen), steps 草稿 → 公示 → 审核 → 交银行 → 对账, bank results, resends and reversals.

const period = z
  .string({ error: '请填写发放期间' })
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: '发放期间应为年份或年-月，例如 2026 或 2026-03' });

export const paymentListSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  purpose: z.string(),
  period: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  title: z.string(),
  status: z.enum(paymentListStatuses),
  noticeOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  bankOn: z.string().nullable(),
  reconciledOn: z.string().nullable(),
  resendOf: z.string().nullable(),
  /** The project whose money the list pays, and the disbursement it spends (到户资金). */
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  disbursementId: z.string().nullable(),
  lineCount: z.number().int(),
  totalFen: z.number().int(),
  failedCount: z.number().int(),
  createdAt: z.string(),
});
export type PaymentList = z.infer<typeof paymentListSchema>;

export const paymentLineSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  memberId: z.string(),
  name: z.string(),
  idNumber: z.string(),
  basis: z.string(),
  amountFen: z.number().int(),
  bankName: z.string().nullable(),
  /** Masked (last four digits) in every view; the full number leaves only in the bank file. */
  accountMasked: z.string().nullable(),
  reversesLineId: z.string().nullable(),
  resendOfLineId: z.string().nullable(),
  reversed: z.boolean(),
  result: z.enum(lineResults).nullable(),
  resultReason: z.string().nullable(),
});
export type PaymentLine = z.infer<typeof paymentLineSchema>;

export const bankAccountSchema = z.object({
  memberId: z.string(),
  version: z.number().int(),
  bankName: z.string(),
  accountMasked: z.string(),
});

/** The bank's results; paid 到户 lines tick their measures afterwards, with a sentence per line for the clerk. */
const resultsOutput = z.object({ success: z.number().int(), failed: z.number().int(), measureNotes: z.array(z.string()) });

export const householdMoneyLineSchema = z.object({
  lineId: z.string(),
  listId: z.string(),
  listTitle: z.string(),
  purpose: z.string(),
  period: z.string(),
  name: z.string(),
  basis: z.string(),
  amountFen: z.number().int(),
  listStatus: z.enum(paymentListStatuses),
  result: z.enum(lineResults).nullable(),
  resultReason: z.string().nullable(),
  /** Sent and not failed (a reversal counts once its list is with the bank). */
  paid: z.boolean(),
  measureTicked: z.boolean(),
  projectName: z.string().nullable(),
  incomeCategory: z.enum(incomeCategories).nullable(),
  incomeLabel: z.string().nullable(),
});
export type HouseholdMoneyLine = z.infer<typeof householdMoneyLineSchema>;

export const paymentsChannels = {
  'payments.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ purpose: z.string().optional(), status: z.enum(paymentListStatuses).optional(), villageId: z.string().optional() }),
    output: z.array(paymentListSchema),
  }),
  'payments.get': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ id: idSchema }),
    output: z.object({ list: paymentListSchema, lines: z.array(paymentLineSchema) }),
  }),
  'payments.create': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      purpose: requiredText('发放用途', 20),
      period,
      villageId: z.string().nullable().default(null),
      title: requiredText('清册名称', 60),
      projectId: idSchema.nullable().default(null),
      disbursementId: idSchema.nullable().default(null),
    }),
    output: z.object({ id: z.string() }),
  }),
  'payments.addLine': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      listId: idSchema,
      memberId: idSchema,
      basis: requiredText('发放依据', 60),
      amountFen: z
        .number({ error: '请填写金额' })
        .int({ error: '金额最多保留两位小数' })
        .min(1, { error: '金额应大于 0 元' })
        .max(10_000_000, { error: '单笔金额不能超过 10 万元，请检查小数点' }),
    }),
    output: z.object({ id: z.string() }),
  }),
  /** Only in 草稿; the line is kept with the reason (rows are never deleted). */
  'payments.removeLine': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ lineId: idSchema, reason }),
    output: z.object({ id: z.string() }),
  }),
  /** The next step (公示 → 审核 → 交银行 → 对账); 审核 and 交银行 check every recipient on `date`. */
  'payments.advance': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, version: versionSeen, date: isoDate }),
    output: z.object({ id: z.string(), status: z.enum(paymentListStatuses) }),
  }),
  /** The bank's result per line (from its result sheet); failed lines need a reason. */
  'payments.recordResults': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z.object({
      id: idSchema,
      results: z
        .array(z.object({ lineId: idSchema, result: z.enum(lineResults), reason: optionalText('失败原因', 60) }))
        .min(1, { error: '结果表中没有可对应的行' }),
    }),
    output: resultsOutput,
  }),
  /** Failed lines of a reconciled list → a new draft list (账号改正后重发). */
  'payments.resendFailed': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema }),
    output: z.object({ listId: z.string(), lines: z.number().int() }),
  }),
  /** A paid line is never edited: a new draft list gets a reversing line and, if given, the right amount. */
  'payments.correct': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z.object({
      lineId: idSchema,
      correctFen: z.number({ error: '请填写更正后的金额（0 表示全额冲回）' }).int().min(0).max(10_000_000),
      reason: requiredText('更正原因', 100, 'multi'),
    }),
    output: z.object({ listId: z.string() }),
  }),
  'payments.account': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ memberId: idSchema }),
    output: bankAccountSchema.nullable(),
  }),
  'payments.saveAccount': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      memberId: idSchema,
      version: versionSeenOrNone,
      bankName: requiredText('开户银行', 30),
      accountNo: z
        .string({ error: '请填写银行账号' })
        .transform((s) => s.replace(/[\s-]/g, ''))
        .pipe(z.string().regex(/^\d{12,30}$/, { error: '银行账号应为 12 到 30 位数字（不含空格），请按存折或银行卡上的账号填写' })),
    }),
    output: bankAccountSchema,
  }),
  /** The bank file with full account numbers: only roles that may send money to the bank. */
  'payments.bankRows': channel({
    access: ['admin', 'reviewer'],
    mutates: false,
    input: z.object({ id: idSchema }),
    output: z.array(z.object({ lineId: z.string(), name: z.string(), idNumber: z.string(), bankName: z.string(), accountNo: z.string(), amountFen: z.number().int() })),
  }),
  /** 花名册 (signatures, capitals) or the public list (masked): a print job. */
  'payments.print': channel({
    access: 'signedIn',
    mutates: true,
    // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
    ownTransaction: true,
    input: z.object({ id: idSchema, kind: z.enum(['paper.payroll', 'paper.paymentNotice'], { error: '请选择打印花名册还是公示名单' }) }),
    output: jobStartedSchema,
  }),
  /** The bank file (.xlsx, full account numbers) as a job; the result is fileExport's exportResultSchema. */
  // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
  'payments.bankFile': channel({ access: ['admin', 'reviewer'], mutates: true, ownTransaction: true, input: z.object({ id: idSchema }), output: jobStartedSchema }),
  /** The bank's result sheet (a staged .xlsx) marks each line 成功 / 失败 with its reason. */
  'payments.importResults': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z.object({ id: idSchema, fileId: fileIdInput }),
    output: resultsOutput,
  }),
  /** 到户资金: every line paid to a household's members, and per year what it adds to each income category. */
  'payments.forHousehold': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ householdId: idSchema }),
    output: z.object({ lines: z.array(householdMoneyLineSchema), incomeByYear: z.array(z.object({ year: z.number().int(), category: z.enum(incomeCategories), amountFen: z.number().int() })) }),
  }),
};
