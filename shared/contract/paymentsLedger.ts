import { z } from 'zod';
import { paymentLineStates } from '../domain/payments';
import { channel } from './channel';
import { idSchema, paging } from './fields';

// 发放花名册 (issue 12 item 8): the lines of every payment list in one ledger — who was paid what,
// for which purpose and period, and where each line stands (草稿 … 成功 / 失败 with the reason).
// Read-only; a line opens its household. Money is integer fen.

export const paymentLineLedgerFilter = z.object({
  year: z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' }),
  /** 1–12: only the lists of that month; without it, the year's lists, yearly and monthly. */
  month: z.number().int().min(1, { error: '月份应为 1 到 12' }).max(12, { error: '月份应为 1 到 12' }).optional(),
  purpose: z.string().trim().min(1).max(20).optional(),
  /** The recipient's household's village (a township-wide list has lines of every village). */
  villageId: idSchema.optional(),
  /** Where the line stands: its list's step, or the bank's 成功 / 失败. */
  status: z.enum(paymentLineStates).optional(),
});

export const paymentLineLedgerRowSchema = z.object({
  lineId: z.string(),
  listId: z.string(),
  listTitle: z.string(),
  householdId: z.string(),
  villageName: z.string(),
  householdCode: z.string(),
  name: z.string(),
  idNumber: z.string(),
  purpose: z.string(),
  period: z.string(),
  basis: z.string(),
  amountFen: z.number().int(),
  state: z.enum(paymentLineStates),
  /** The bank's reason for a failed line. */
  resultReason: z.string().nullable(),
});
export type PaymentLineLedgerRow = z.infer<typeof paymentLineLedgerRowSchema>;

export const paymentsLedgerChannels = {
  'payments.lineLedger': channel({
    access: 'signedIn',
    mutates: false,
    input: paymentLineLedgerFilter.extend(paging),
    output: z.object({ total: z.number().int(), totalFen: z.number().int(), rows: z.array(paymentLineLedgerRowSchema) }),
  }),
};
