import { z } from 'zod';
import { channel } from './channel';

// 待补充 (issue 11 item 2): what the ledger still lacks after an import took in everything the
// national system holds — details the source did not carry — and the county's data-quality rules
// (DOMAIN §15) that can be checked from the data, by village, each opening the record to complete.

export const pendingKinds = ['disability', 'helper', 'incomeBreakdown', 'jobDetail', 'noMeasure', 'quickElimination'] as const;
export type PendingKind = (typeof pendingKinds)[number];
export const pendingKindLabels: Readonly<Record<PendingKind, string>> = {
  disability: '残疾类别/等级',
  helper: '帮扶责任人',
  incomeBreakdown: '收入分项',
  jobDetail: '务工记录（国家系统导入）',
  noMeasure: '识别满一个月无帮扶措施',
  quickElimination: '识别当月或次月即消除风险',
};

export const pendingItemSchema = z.object({
  kind: z.enum(pendingKinds),
  householdId: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  /** What exactly to complete, in Chinese ("张三：残疾类别/等级"). */
  detail: z.string(),
  /** The case to open for a case rule; null opens the household. */
  caseId: z.string().nullable(),
});
export type PendingItem = z.infer<typeof pendingItemSchema>;

export const pendingListSchema = z.object({
  total: z.number().int(),
  byVillage: z.array(z.object({ villageId: z.string(), villageName: z.string(), count: z.number().int() })),
  byKind: z.array(z.object({ kind: z.enum(pendingKinds), count: z.number().int() })),
  items: z.array(pendingItemSchema),
  /** More items than were sent (the page shows the first ones). */
  truncated: z.boolean(),
});
export type PendingList = z.infer<typeof pendingListSchema>;

export const pendingChannels = {
  'pending.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ villageId: z.string().optional(), kind: z.enum(pendingKinds).optional() }),
    output: pendingListSchema,
  }),
};
