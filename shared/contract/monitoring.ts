import { z } from 'zod';
import { channel } from './channel';
import { idSchema } from './fields';
import { caseDetailSchema } from './monitoringCase';
import { categorySuggestionSchema } from './monitoringDetails';
import { caseOpenSchema, caseReopenSchema, caseUpdateSchema, objectionAddSchema, objectionResolveSchema, stepRecordSchema } from './monitoringInputs';
import { caseListInputSchema, caseRowSchema, caseSummarySchema } from './monitoringList';

// 监测对象 (DOMAIN §6–8): cases, the identification and elimination workflows, notice objections,
// 回退. Every mutation returns the whole case page (`caseDetailSchema`), so a form can show the
// result without a second round trip; the renderer still invalidates the monitoring queries and
// visits.due / visits.forHousehold (a status change moves the visit schedule).
//
// The schemas live by purpose in monitoringDetails (guarantees, step details, category),
// monitoringCase (the case page), monitoringList (the ledger list) and monitoringInputs (the
// mutations); this file holds the channels and keeps every name importable from here.

export {
  categorySuggestionSchema,
  guaranteeCheckSchema,
  guaranteesInputSchema,
  guaranteesPatchSchema,
  guaranteesSchema,
  negativeListSchema,
  noticeDetailsSchema,
  specialDecisionSchema,
  stepDetailsSchema,
} from './monitoringDetails';
export type { CategorySuggestion, GuaranteesOutput, NegativeListAnswers, StepDetailsInput } from './monitoringDetails';
export {
  caseDetailSchema,
  caseHouseholdSchema,
  caseRiskSchema,
  caseSchema,
  caseStepSchema,
  coverageSchema,
  deadlinesSchema,
  eliminationCheckSchema,
  objectionSchema,
  preconditionKeys,
  preconditionSchema,
  timelineEventSchema,
  timelineKinds,
  workflowStateSchema,
} from './monitoringCase';
export type { CaseDetail, CaseOutput, CaseStep, Objection, TimelineEvent } from './monitoringCase';
export { caseListInputSchema, caseRowSchema, caseSortColumns, caseSummarySchema, overdueKinds, overdueLabels } from './monitoringList';
export type { CaseListInput, CaseRow, CaseSortColumn, OverdueKind } from './monitoringList';
export {
  caseEditFieldLabels,
  caseOpenSchema,
  caseReopenSchema,
  caseUpdateSchema,
  objectionAddSchema,
  objectionResolveSchema,
  stepRecordSchema,
} from './monitoringInputs';
export type { CaseOpenInput, CaseUpdateInput, StepRecordInput } from './monitoringInputs';

const allRoles = ['admin', 'reviewer', 'clerk'] as const;

export const monitoringChannels = {
  'monitoring.list': channel({
    access: 'signedIn',
    mutates: false,
    input: caseListInputSchema,
    output: z.object({ total: z.number().int(), rows: z.array(caseRowSchema) }),
  }),
  'monitoring.get': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ id: idSchema }),
    output: caseDetailSchema,
  }),
  /** A household's cases, newest first, its open case if any, and the category suggestion. */
  'monitoring.forHousehold': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ householdId: idSchema }),
    output: z.object({
      cases: z.array(caseSummarySchema),
      openCaseId: z.string().nullable(),
      suggestion: categorySuggestionSchema,
      /** Why a new case cannot be opened (an open case exists, the household is closed); null = it can. */
      openBlockedReason: z.string().nullable(),
    }),
  }),
  /** A clue: the case starts 识别中 with the 申请 step next. */
  'monitoring.open': channel({ access: allRoles, mutates: true, input: caseOpenSchema, output: caseDetailSchema }),
  'monitoring.update': channel({ access: allRoles, mutates: true, input: caseUpdateSchema, output: caseDetailSchema }),
  /** One workflow step; 乡镇审核 and 县级审定 are refused for clerks. 村提名 starts risk elimination. */
  'monitoring.recordStep': channel({ access: allRoles, mutates: true, input: stepRecordSchema, output: caseDetailSchema }),
  'monitoring.addObjection': channel({ access: allRoles, mutates: true, input: objectionAddSchema, output: caseDetailSchema }),
  'monitoring.resolveObjection': channel({ access: allRoles, mutates: true, input: objectionResolveSchema, output: caseDetailSchema }),
  /** 回退: an eliminated case is monitored again (round + 1); its history stays. */
  'monitoring.reopen': channel({ access: allRoles, mutates: true, input: caseReopenSchema, output: caseDetailSchema }),
};
