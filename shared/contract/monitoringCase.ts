import { z } from 'zod';
import { householdKinds, householdStatuses } from '../domain/household';
import {
  caseStatuses,
  clueSources,
  eliminationMethods,
  monitoringCategories,
  riskTypes,
  stepKinds,
  stepOutcomes,
  visitCycles,
  workflows,
} from '../domain/monitoring';
import { categorySuggestionSchema, guaranteesSchema, stepDetailsOutput } from './monitoringDetails';

// Output shapes

export const caseSchema = z.object({
  id: z.string(),
  caseCode: z.string(),
  householdId: z.string(),
  status: z.enum(caseStatuses),
  category: z.enum(monitoringCategories).nullable(),
  suggestedCategory: z.enum(monitoringCategories).nullable(),
  /** Display name of who confirmed the category. */
  categoryConfirmedBy: z.string().nullable(),
  helperName: z.string().nullable(),
  helperPhone: z.string().nullable(),
  clueSource: z.enum(clueSources),
  clueDate: z.string(),
  clueNote: z.string().nullable(),
  /** Identification deadline (clue date + the deadline in force on the clue date). */
  deadlineDate: z.string(),
  includedDate: z.string().nullable(),
  planDueDate: z.string().nullable(),
  eliminatedDate: z.string().nullable(),
  eliminationMethod: z.enum(eliminationMethods).nullable(),
  rejectedDate: z.string().nullable(),
  rejectReason: z.string().nullable(),
  guarantees: guaranteesSchema,
  activeWorkflow: z.enum(workflows).nullable(),
  nextStep: z.enum(stepKinds).nullable(),
  round: z.number().int(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseOutput = z.infer<typeof caseSchema>;

export const caseHouseholdSchema = z.object({
  id: z.string(),
  householdCode: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  headName: z.string(),
  memberCount: z.number().int(),
  kind: z.enum(householdKinds),
  status: z.enum(householdStatuses),
  dibao: z.boolean(),
  tekun: z.boolean(),
  noLabor: z.boolean(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  helperName: z.string().nullable(),
  helperPhone: z.string().nullable(),
  visitCycle: z.enum(visitCycles).nullable(),
  lastVisitDate: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
});

export const caseRiskSchema = z.object({
  id: z.string(),
  riskType: z.enum(riskTypes),
  note: z.string().nullable(),
  /** Date the risk was added (from the row's creation time, office calendar day). */
  addedAt: z.string(),
  /** Set on removed risks only. */
  removedAt: z.string().nullable(),
  removeReason: z.string().nullable(),
});

export const caseStepSchema = z.object({
  id: z.string(),
  workflow: z.enum([...workflows, 'reopen']),
  round: z.number().int(),
  /** A StepKind, or 'reopen' on reopen rows. */
  step: z.string(),
  /** Chinese name of the step. */
  stepLabel: z.string(),
  date: z.string(),
  people: z.array(z.string()),
  outcome: z.enum(stepOutcomes),
  note: z.string().nullable(),
  details: stepDetailsOutput,
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type CaseStep = z.infer<typeof caseStepSchema>;

export const objectionSchema = z.object({
  id: z.string(),
  stepId: z.string(),
  receivedDate: z.string(),
  objector: z.string().nullable(),
  content: z.string(),
  resolution: z.string().nullable(),
  resolvedDate: z.string().nullable(),
});
export type Objection = z.infer<typeof objectionSchema>;

export const coverageSchema = z.object({
  riskType: z.enum(riskTypes),
  measureIds: z.array(z.string()),
  covered: z.boolean(),
  done: z.boolean(),
});

export const preconditionKeys = ['minMonths', 'income', 'guarantees', 'measures', 'labor'] as const;
export const preconditionSchema = z.object({
  key: z.enum(preconditionKeys),
  label: z.string(),
  met: z.boolean(),
  reason: z.string(),
});

export const eliminationCheckSchema = z.object({
  /** As of today. */
  preconditions: z.array(preconditionSchema),
  allMet: z.boolean(),
  /** First day the minimum monitoring time is over. */
  earliestDate: z.string(),
});

export const deadlinesSchema = z.object({
  /** identifying: the county decision is due by this date. */
  identification: z.object({ date: z.string(), daysLeft: z.number().int(), overdue: z.boolean() }).nullable(),
  /** monitoring: the help plan is due; `done` once any non-cancelled measure exists. */
  plan: z.object({ date: z.string(), daysLeft: z.number().int(), overdue: z.boolean(), done: z.boolean() }).nullable(),
  /** Open and eliminated cases: the household's next visit (households.next_visit_due). */
  visit: z.object({ date: z.string(), daysLeft: z.number().int(), overdue: z.boolean() }).nullable(),
});

export const workflowStateSchema = z.object({
  active: z.enum(workflows).nullable(),
  nextStep: z.enum(stepKinds).nullable(),
  nextStepLabel: z.string().nullable(),
  /** The next step is 乡镇审核 / 县级审定: only a reviewer or admin may record it. */
  nextStepNeedsReviewer: z.boolean(),
  /** monitoring, no workflow running, every precondition met: 村提名 may be recorded. */
  canStartElimination: z.boolean(),
  /** 公示天数 in force today, for the notice form (earliest end = start + days − 1). */
  noticeDays: z.number().int(),
  /** The current run's notice (after it is recorded), for the "not before the notice ended" hint. */
  noticeEndDate: z.string().nullable(),
  /** Objections of the current run still waiting for a resolution (they block the next step). */
  unresolvedObjections: z.number().int(),
  /** Why the case cannot be reopened (null when it can: an eliminated case, no other open case). */
  reopenBlockedReason: z.string().nullable(),
});

export const timelineKinds = ['status', 'step', 'objection', 'objectionResolved', 'visit', 'measurePlanned', 'measureDone', 'risk'] as const;
export const timelineEventSchema = z.object({
  date: z.string(),
  kind: z.enum(timelineKinds),
  /** Short Chinese title, e.g. "入户核实 通过" or "纳入监测". */
  title: z.string(),
  detail: z.string().nullable(),
  /** People who signed / took part, when the event has them. */
  people: z.array(z.string()),
  refId: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const caseDetailSchema = z.object({
  case: caseSchema,
  household: caseHouseholdSchema,
  risks: z.array(caseRiskSchema),
  removedRisks: z.array(caseRiskSchema),
  steps: z.array(caseStepSchema),
  objections: z.array(objectionSchema),
  coverage: z.array(coverageSchema),
  /** Present while the case is 监测中. */
  elimination: eliminationCheckSchema.nullable(),
  deadlines: deadlinesSchema,
  workflow: workflowStateSchema,
  suggestion: categorySuggestionSchema,
  /** Oldest first. */
  timeline: z.array(timelineEventSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
