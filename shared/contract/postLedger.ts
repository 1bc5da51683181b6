import { z } from 'zod';
import { householdKinds } from '../domain/household';
import { channel } from './channel';
import { idSchema, paging } from './fields';

// 公益性岗位台账 (issue 12 item 8, EMPLOYMENT-FUNDS §1.5): one row per appointment with an agreement
// that touches the year — the post, its holder, the subsidy, and the year's months, 应发 and 实发
// from the monthly attendance. Money is integer fen.

export const postLedgerStatuses = ['onDuty', 'left'] as const;

export const postLedgerFilter = z.object({
  year: z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' }),
  villageId: idSchema.optional(),
  postType: z.string().trim().min(1).max(20).optional(),
  /** onDuty: 在岗 (or signed); left: 已退岗. */
  status: z.enum(postLedgerStatuses).optional(),
});

export const postLedgerRowSchema = z.object({
  appointmentId: z.string(),
  householdId: z.string(),
  villageName: z.string(),
  postName: z.string(),
  postType: z.string(),
  category: z.string(),
  funding: z.string(),
  name: z.string(),
  idNumber: z.string(),
  householdCode: z.string(),
  householdKind: z.enum(householdKinds),
  status: z.enum(['signed', 'onDuty', 'left']),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  leftDate: z.string().nullable(),
  subsidyFen: z.number().int(),
  /** Months of the year with attendance recorded, and their sums. */
  months: z.number().int(),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
});
export type PostLedgerRow = z.infer<typeof postLedgerRowSchema>;

export const postLedgerChannels = {
  'posts.ledger': channel({
    access: 'signedIn',
    mutates: false,
    input: postLedgerFilter.extend(paging),
    output: z.object({ total: z.number().int(), rows: z.array(postLedgerRowSchema) }),
  }),
};
