import { z } from 'zod';
import { memberLeaveStatuses } from '../domain/household';
import { idSchema, isoDate, reason } from './fields';

// Monthly refresh (issue 11 item 4): importing next month's national export into a filled ledger
// shows per household what changed, field by field, and lists the households and people the
// ledger has but the file no longer carries (文件中已无) for the clerk to decide row by row:
// 减员 (through the households service's own member-removal / household-close) or 保留.

/** One field that changes: 人口 3 → 4, 户类型 脱贫户 → 监测户, a member's 务工状况, a new member. */
export const refreshEntrySchema = z.object({
  /** Chinese field label ("人口", "户类型", "新增成员"). */
  field: z.string(),
  /** The member it concerns (by name); null for a household field. */
  member: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type RefreshEntry = z.infer<typeof refreshEntrySchema>;

export const refreshChangeSchema = z.object({
  householdId: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  villageName: z.string(),
  entries: z.array(refreshEntrySchema),
});
export type RefreshChange = z.infer<typeof refreshChangeSchema>;

/** A household or a current member the ledger has and the file (for the villages it covers) no longer lists. */
export const refreshMissingSchema = z.object({
  kind: z.enum(['household', 'member']),
  /** The household's id (kind household) or the member's id (kind member). */
  id: z.string(),
  householdCode: z.string(),
  /** The head (household) or the member's name. */
  name: z.string(),
  villageName: z.string(),
  /** What the clerk needs to decide ("3 人，脱贫户" / "子女，1990-05-01 生"). */
  detail: z.string(),
});
export type RefreshMissing = z.infer<typeof refreshMissingSchema>;

export const refreshFindingsSchema = z.object({
  /** Changed households, the first `maxRefreshChanges` by file order. */
  changes: z.array(refreshChangeSchema),
  changedTotal: z.number().int(),
  /** Every 文件中已无 row: each needs a decision before apply. */
  missing: z.array(refreshMissingSchema),
});
export type RefreshFindings = z.infer<typeof refreshFindingsSchema>;

/** How many changed households a preview lists (the counts cover all of them). */
export const maxRefreshChanges = 3000;

export const refreshDecisionActions = ['leave', 'keep'] as const;
export const refreshDecisionLabels: Readonly<Record<(typeof refreshDecisionActions)[number], string>> = { leave: '减员', keep: '保留' };

/** The clerk's decision on one 文件中已无 row. */
export const refreshDecisionSchema = z
  .object({
    id: idSchema,
    action: z.enum(refreshDecisionActions, { error: '请为“文件中已无”的每一行选择减员或保留' }),
    /** 减员: how the person (or the household's members) left. */
    status: z.enum(memberLeaveStatuses, { error: '请选择减员类型' }).optional(),
    date: isoDate.optional(),
    reason: reason.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.action !== 'leave') return;
    if (!d.status) ctx.addIssue({ code: 'custom', path: ['status'], message: '选择减员时，请选择减员类型（死亡、迁出或其他减员）' });
    if (!d.date) ctx.addIssue({ code: 'custom', path: ['date'], message: '选择减员时，请填写减员日期' });
    if (!d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '选择减员时，请填写减员原因' });
  });
export type RefreshDecision = z.output<typeof refreshDecisionSchema>;
