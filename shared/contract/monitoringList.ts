import { z } from 'zod';
import { caseStatuses, monitoringCategories, riskTypes, stepKinds, workflows } from '../domain/monitoring';
import { paging } from './fields';

// The ledger list

export const caseSortColumns = [
  'caseCode',
  'householdCode',
  'villageName',
  'headName',
  'category',
  'status',
  'clueDate',
  'includedDate',
  'dueDate',
  'nextVisitDue',
  'helperName',
] as const;
export type CaseSortColumn = (typeof caseSortColumns)[number];

/** Past a deadline, or (…Soon) falling due within DUE_SOON_DAYS (the workbench's to-dos open these). */
export const overdueKinds = ['deadline', 'plan', 'visit', 'deadlineSoon', 'planSoon'] as const;
export type OverdueKind = (typeof overdueKinds)[number];
export const overdueLabels: Readonly<Record<OverdueKind, string>> = {
  deadline: '识别超期',
  plan: '帮扶计划超期',
  visit: '走访超期',
  deadlineSoon: '识别 3 天内到期',
  planSoon: '帮扶计划 3 天内到期',
};

export const caseListInputSchema = z.object({
  villageId: z.string().optional(),
  category: z.enum(monitoringCategories).optional(),
  riskType: z.enum(riskTypes).optional(),
  /** 'open' = 识别中 + 监测中. */
  status: z.enum([...caseStatuses, 'open', 'all']).default('all'),
  overdue: z.enum(overdueKinds).optional(),
  /** Only cases with a notice objection not yet resolved. */
  objectionOpen: z.boolean().optional(),
  /** Only cases whose household has an open 待补充 item. */
  pending: z.boolean().optional(),
  /** Part of the helper's name (帮扶联系人). */
  helperName: z.string().trim().max(20).optional(),
  /** Prefix of the head's name or of the household code. */
  search: z.string().trim().max(30).default(''),
  sort: z.object({ column: z.enum(caseSortColumns), direction: z.enum(['asc', 'desc']) }).default({ column: 'caseCode', direction: 'asc' }),
  ...paging,
});
export type CaseListInput = z.input<typeof caseListInputSchema>;

export const caseRowSchema = z.object({
  id: z.string(),
  caseCode: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  headName: z.string(),
  memberCount: z.number().int(),
  category: z.enum(monitoringCategories).nullable(),
  status: z.enum(caseStatuses),
  risks: z.array(z.enum(riskTypes)),
  helperName: z.string().nullable(),
  clueDate: z.string(),
  includedDate: z.string().nullable(),
  eliminatedDate: z.string().nullable(),
  activeWorkflow: z.enum(workflows).nullable(),
  nextStep: z.enum(stepKinds).nullable(),
  /** The date that matters now: identification deadline (识别中) or plan due (监测中 without a plan). */
  dueKind: z.enum(['identification', 'plan']).nullable(),
  dueDate: z.string().nullable(),
  /** Days from today to dueDate; negative = overdue. */
  daysLeft: z.number().int().nullable(),
  nextVisitDue: z.string().nullable(),
  visitOverdue: z.boolean(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseSummarySchema = z.object({
  id: z.string(),
  caseCode: z.string(),
  status: z.enum(caseStatuses),
  category: z.enum(monitoringCategories).nullable(),
  risks: z.array(z.enum(riskTypes)),
  clueDate: z.string(),
  includedDate: z.string().nullable(),
  eliminatedDate: z.string().nullable(),
  rejectedDate: z.string().nullable(),
  activeWorkflow: z.enum(workflows).nullable(),
  nextStep: z.enum(stepKinds).nullable(),
  round: z.number().int(),
});
