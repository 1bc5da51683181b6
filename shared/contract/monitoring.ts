import { z } from 'zod';
import { householdKinds, householdStatuses } from '../domain/household';
import {
  caseStatuses,
  clueSources,
  eliminationMethods,
  guaranteeKeys,
  guaranteeStatuses,
  monitoringCategories,
  negativeListItems,
  negativeListLabels,
  riskTypes,
  stepKinds,
  stepOutcomes,
  visitCycles,
  workflows,
  type NegativeListItem,
} from '../domain/monitoring';
import { channel } from './channel';
import { idSchema, isoDate, optionalText, paging, phone, reason, requiredText, versionSeen } from './fields';

// 监测对象 (DOMAIN §6–8): cases, the identification and elimination workflows, notice objections,
// 回退. Every mutation returns the whole case page (`caseDetailSchema`), so a form can show the
// result without a second round trip; the renderer still invalidates the monitoring queries and
// visits.due / visits.forHousehold (a status change moves the visit schedule).

const allRoles = ['admin', 'reviewer', 'clerk'] as const;

function objectOf<K extends string, T extends z.ZodType>(keys: readonly K[], field: (k: K) => T): z.ZodObject<Record<K, T>> {
  return z.object(Object.fromEntries(keys.map((k) => [k, field(k)])) as Record<K, T>);
}

// ---------------------------------------------------------------------------------------------
// Guarantees (两不愁三保障及饮水安全)

export const guaranteeCheckSchema = z.object({
  status: z.enum(guaranteeStatuses, { error: '请选择有保障或有风险' }),
  note: optionalText('说明', 200, 'multi'),
});
const secureCheck = { status: 'secure' as const, note: null };

/** Input: every key optional, defaulting to 有保障 with no note. */
export const guaranteesInputSchema = objectOf(guaranteeKeys, () => guaranteeCheckSchema.default(secureCheck));
/** Input for an update: only the keys given change. */
export const guaranteesPatchSchema = objectOf(guaranteeKeys, () => guaranteeCheckSchema.optional());

export const guaranteesSchema = objectOf(guaranteeKeys, () =>
  z.object({ status: z.enum(guaranteeStatuses), note: z.string().nullable() }),
);
export type GuaranteesOutput = z.infer<typeof guaranteesSchema>;

// ---------------------------------------------------------------------------------------------
// Step details (what each step records besides date, people, outcome and note)

/** 不予认定情形 at the identification 入户核实: every item answered, true = the household hits it. */
export const negativeListSchema = objectOf(negativeListItems, (k: NegativeListItem) =>
  z.boolean({ error: `请逐项核查负面清单：${negativeListLabels[k]}` }),
);
export type NegativeListAnswers = z.infer<typeof negativeListSchema>;

/** The village assembly's special decision that lets a negative-list hit pass (村民代表大会特别决定). */
export const specialDecisionSchema = z.object({
  date: isoDate,
  note: requiredText('特别决定内容', 300, 'multi'),
});

export const noticeDetailsSchema = z.object({
  startDate: isoDate,
  endDate: isoDate,
  place: requiredText('公示地点', 100),
});

/**
 * Flat on purpose (one form, the fields the chosen step needs): the core says which are required.
 *  - homeCheck (identification): negativeList, and specialDecision when any item is hit;
 *  - notice: notice;
 *  - countyDecision (elimination, passed): eliminationMethod.
 */
export const stepDetailsSchema = z
  .object({
    negativeList: negativeListSchema.optional(),
    specialDecision: specialDecisionSchema.nullable().optional(),
    notice: noticeDetailsSchema.optional(),
    eliminationMethod: z.enum(eliminationMethods, { error: '请选择风险消除方式' }).optional(),
  })
  .default({});
export type StepDetailsInput = z.input<typeof stepDetailsSchema>;

const stepDetailsOutput = z.object({
  negativeList: z.record(z.string(), z.boolean()).optional(),
  specialDecision: z.object({ date: z.string(), note: z.string() }).nullable().optional(),
  notice: z.object({ startDate: z.string(), endDate: z.string(), place: z.string() }).optional(),
  eliminationMethod: z.enum(eliminationMethods).optional(),
  /** reopen rows: why the case was reopened. */
  reason: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// Category suggestion

export const categorySuggestionSchema = z.object({
  /** null when there is no income to judge by. */
  category: z.enum(monitoringCategories).nullable(),
  /** One Chinese sentence: the figures and the rule that gave the suggestion. */
  reason: z.string(),
  incomeYear: z.number().int().nullable(),
  perCapitaFen: z.number().int().nullable(),
  monitoringLineFen: z.number().int().nullable(),
  householdKind: z.enum(householdKinds),
});
export type CategorySuggestion = z.infer<typeof categorySuggestionSchema>;

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Inputs of the mutations

/** Absent = leave as is (open: take the household's); '' or null = none. No default, unlike optionalText. */
const helperNameField = optionalText('帮扶联系人', 20).unwrap().optional();
const helperPhoneField = phone.unwrap().optional();

const riskList = z
  .array(z.enum(riskTypes, { error: '请选择风险类型' }))
  .min(1, { error: '请至少选择一种风险类型' })
  .max(riskTypes.length)
  .refine((a) => new Set(a).size === a.length, { error: '风险类型重复，请每种只选一次' });

export const caseOpenSchema = z.object({
  householdId: idSchema,
  clueSource: z.enum(clueSources, { error: '请选择线索来源' }),
  /** Not in the future (checked by the core). */
  clueDate: isoDate,
  clueNote: optionalText('线索说明', 300, 'multi'),
  risks: riskList,
  /** Absent = the household's 帮扶责任人. */
  helperName: helperNameField,
  helperPhone: helperPhoneField,
  guarantees: guaranteesInputSchema.default({
    food: secureCheck,
    clothing: secureCheck,
    education: secureCheck,
    medical: secureCheck,
    housing: secureCheck,
    water: secureCheck,
  }),
});
export type CaseOpenInput = z.input<typeof caseOpenSchema>;

export const caseUpdateSchema = z.object({
  id: idSchema,
  version: versionSeen,
  /** A person confirms (or corrects) the category; the core records who. */
  category: z.enum(monitoringCategories, { error: '请选择监测对象类别' }).optional(),
  addRisks: z
    .array(z.object({ riskType: z.enum(riskTypes, { error: '请选择风险类型' }), note: optionalText('风险说明', 200, 'multi') }))
    .default([]),
  /** Removal is kept (soft delete) with its reason. */
  removeRisks: z.array(z.object({ riskType: z.enum(riskTypes), reason })).default([]),
  guarantees: guaranteesPatchSchema.optional(),
  helperName: helperNameField,
  helperPhone: helperPhoneField,
});
export type CaseUpdateInput = z.input<typeof caseUpdateSchema>;

/** The case fields a person edits, as a refused (stale) save names them. */
export const caseEditFieldLabels = {
  category: '监测对象类别',
  risks: '风险类型',
  guarantees: '两不愁三保障及饮水安全',
  helperName: '帮扶联系人',
  helperPhone: '帮扶联系人电话',
} as const;

export const stepRecordSchema = z.object({
  id: idSchema,
  step: z.enum(stepKinds, { error: '请选择步骤' }),
  /** Not before the previous step, not in the future (checked by the core). */
  date: isoDate,
  /** Who took part / signs, each "姓名" or "姓名（职务）" (shared/domain/participants); 入户核实 needs two investigators. */
  people: z.array(requiredText('参与人员', 40)).min(1, { error: '请填写参与人员（签字人）' }).max(50),
  outcome: z.enum(stepOutcomes, { error: '请选择结果' }),
  /** Required when the outcome is 不通过 (the reason). */
  note: optionalText('说明', 500, 'multi'),
  details: stepDetailsSchema,
});
export type StepRecordInput = z.input<typeof stepRecordSchema>;

export const objectionAddSchema = z.object({
  /** The case id; the objection attaches to the notice of the running workflow. */
  id: idSchema,
  receivedDate: isoDate,
  objector: optionalText('异议人', 30),
  content: requiredText('异议内容', 500, 'multi'),
});

export const objectionResolveSchema = z.object({
  /** The objection's id. */
  id: idSchema,
  resolvedDate: isoDate,
  resolution: requiredText('核实处理结果', 500, 'multi'),
});

export const caseReopenSchema = z.object({
  id: idSchema,
  /** Date the risk returned (not before the elimination date, not in the future). */
  date: isoDate,
  reason,
});

// ---------------------------------------------------------------------------------------------

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
