import { z } from 'zod';
import { noticeColumnKeys } from '../domain/noticeColumns';
import { noticeKinds } from '../domain/paper';
import { channel } from './channel';
import { idSchema, optionalText, versionSeenOrNone } from './fields';
import { jobStartedSchema } from './jobs';

// 公示名单 (DOMAIN §13): the identification notice lists a village's cases whose 村内公示 step is
// recorded and whose 乡镇审核 is not yet; the elimination notice the same for the elimination
// workflow. notices.print runs as a job and returns printResultSchema (shared/contract/print.ts):
// one document per notice period (cases posted on different dates get their own notice).
// After saveSettings the renderer invalidates notices.settings.

export const noticeKindSchema = z.enum(noticeKinds, { error: '请选择公示类型（识别公示或风险消除公示）' });

export const noticeSettingsSchema = z.object({
  /** The office's chosen columns (序号 is always printed first and is not listed). */
  columns: z.array(z.enum(noticeColumnKeys)),
  /** Where to raise an objection; null = the default (the village committee and the township office). */
  objectionPlace: z.string().nullable(),
  /** How to object (a sentence); null = the default sentence. */
  objectionNote: z.string().nullable(),
  /** The phone printed on notices; null = the office phone. */
  noticePhone: z.string().nullable(),
  /** The office phone from the settings (the fallback). */
  officePhone: z.string().nullable(),
  /** The texts printed when the office has not written its own. */
  defaults: z.object({ objectionPlace: z.string(), objectionNote: z.string() }),
  /** The saved settings' version; null before anyone saved them. */
  version: z.number().int().nullable(),
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

export const noticeSettingsInputSchema = z.object({
  columns: z
    .array(z.enum(noticeColumnKeys, { error: '公示栏目只能从列表中选择（身份证号、电话、银行账号、健康状况不能公示）' }))
    .min(1, { error: '请至少选择一个公示栏目' }),
  objectionPlace: optionalText('异议受理地点', 100),
  objectionNote: optionalText('异议方式说明', 300, 'multi'),
  noticePhone: optionalText('监督电话', 40),
  version: versionSeenOrNone,
});

export const noticeRowSchema = z.object({
  caseId: z.string(),
  caseCode: z.string(),
  stepId: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  groupName: z.string(),
  memberCount: z.number().int(),
  categoryLabel: z.string(),
  risks: z.string(),
  noticeStart: z.string(),
  noticeEnd: z.string(),
  place: z.string(),
});
export type NoticeRow = z.infer<typeof noticeRowSchema>;

export const noticeListSchema = z.object({
  village: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  kind: noticeKindSchema,
  rows: z.array(noticeRowSchema),
  /** One printed notice per period: rows posted on the same dates at the same place. */
  periods: z.array(z.object({ from: z.string(), to: z.string(), days: z.number().int(), place: z.string(), count: z.number().int() })),
  /** Chinese, when there is nothing to print. */
  emptyMessage: z.string().nullable(),
});
export type NoticeList = z.infer<typeof noticeListSchema>;

const noticeQuery = z.object({ villageId: idSchema, kind: noticeKindSchema });

export const noticesChannels = {
  'notices.settings': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: noticeSettingsSchema }),
  'notices.saveSettings': channel({ access: ['admin'], mutates: true, input: noticeSettingsInputSchema, output: noticeSettingsSchema }),
  /** How many cases of each village are at the notice step (for the village picker). */
  'notices.overview': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ kind: noticeKindSchema }),
    output: z.object({ villages: z.array(z.object({ id: z.string(), name: z.string(), code: z.string(), count: z.number().int() })) }),
  }),
  'notices.list': channel({ access: 'signedIn', mutates: false, input: noticeQuery, output: noticeListSchema }),
  /** Starts the print job; its result is printResultSchema. */
  // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
  'notices.print': channel({ access: 'signedIn', mutates: true, ownTransaction: true, input: noticeQuery, output: jobStartedSchema }),
};
