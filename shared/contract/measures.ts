import { z } from 'zod';
import { caseStatuses, measureStatuses, riskTypes } from '../domain/monitoring';
import { channel, type ChannelDef } from './channel';
import { cleanText, idSchema, isoDate, optionalText, requiredText, versionSeen, type TextLines } from './fields';

// 帮扶措施 (DOMAIN §10): the measure catalog (resources/measure-catalog.json, loaded into
// measure_types on first use and then edited by the admin; never deleted, only switched off) and
// each case's plan (一户一方案). Coverage rule: every open risk of the case needs at least one
// measure (not cancelled) that answers it — `measures.forCase` returns it per risk.
// After a measure mutation the renderer invalidates measures.forCase, monitoring.get,
// monitoring.list and monitoring.forHousehold.

const allRoles = ['admin', 'reviewer', 'clerk'] as const;

/** Families of the catalog (DOMAIN §10, §15); the catalog's data names one per type. */
export const measureFamilies = [
  'industry',
  'employment',
  'finance',
  'health',
  'education',
  'socialSecurity',
  'housing',
  'drinkingWater',
  'aspiration',
  'pairing',
  'social',
  'livingConditions',
  'other',
] as const;
export type MeasureFamily = (typeof measureFamilies)[number];
export const measureFamilyLabels: Readonly<Record<MeasureFamily, string>> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  finance: '金融帮扶',
  health: '健康帮扶',
  education: '教育帮扶',
  socialSecurity: '综合保障',
  housing: '住房安全',
  drinkingWater: '饮水安全',
  aspiration: '扶志扶智',
  pairing: '结对帮扶',
  social: '社会帮扶',
  livingConditions: '生产生活条件改善',
  other: '其他帮扶',
};

/** Case statuses whose plan may still change (an eliminated or rejected case's plan is history). */
export const measureEditableCaseStatuses = ['identifying', 'monitoring'] as const;

/** 措施类型代码: letters, digits, '-' (the catalog uses e.g. CY01 产业, JY02 就业). */
export const measureTypeCodeField = z
  .string({ error: '请填写措施代码' })
  .trim()
  .regex(/^[A-Za-z0-9-]{2,20}$/, { error: '措施代码用 2–20 位字母、数字或 -，例如 CY09' });

const amountFen = z
  .number({ error: '请填写金额' })
  .int({ error: '金额最多保留两位小数（精确到分）' })
  .min(0, { error: '金额不能为负数' })
  .max(10_000_000_000, { error: '金额过大，请检查小数点' });

const riskList = z.array(z.enum(riskTypes, { error: '请选择风险类型' }));

// ---------------------------------------------------------------------------------------------
// Catalog

export const measureTypeSchema = z.object({
  code: z.string(),
  family: z.enum(measureFamilies),
  name: z.string(),
  /** The risks a measure of this type answers (DOMAIN §10: illness → health, schooling → education …). */
  riskTypes: z.array(z.enum(riskTypes)),
  /** Money moves (subsidy, loan, benefit): the measure records an amount in fen. */
  hasAmount: z.boolean(),
  sortOrder: z.number().int(),
  /** Switched-off types stay on existing measures but are not offered for new ones. */
  active: z.boolean(),
  /** Measures (not cancelled, on any case) using this type. */
  usedCount: z.number().int(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
});
export type MeasureType = z.infer<typeof measureTypeSchema>;

/**
 * Admin edit of the catalog. `code` of an existing type edits it (name, family, risks, amount,
 * on/off); a new code, or no code, adds a type (a missing code is generated from the family).
 * Types are never deleted: switch them off with `active: false`.
 */
export const measureTypeSaveSchema = z.object({
  code: measureTypeCodeField.optional(),
  family: z.enum(measureFamilies, { error: '请选择措施类别' }),
  name: requiredText('措施名称', 40),
  riskTypes: riskList.min(1, { error: '请至少选择一种对应的风险类型' }),
  hasAmount: z.boolean().default(false),
  active: z.boolean().default(true),
  version: versionSeen,
});
export type MeasureTypeSaveInput = z.input<typeof measureTypeSaveSchema>;

// ---------------------------------------------------------------------------------------------
// A case's measures

export const measureSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  householdId: z.string(),
  measureTypeCode: z.string(),
  /** From the catalog; the code itself when the type is unknown (never expected). */
  typeName: z.string(),
  family: z.enum(measureFamilies),
  hasAmount: z.boolean(),
  /** The case's risks this measure answers. */
  riskTypes: z.array(z.enum(riskTypes)),
  responsibleUnit: z.string(),
  helperName: z.string().nullable(),
  plannedDate: z.string(),
  doneDate: z.string().nullable(),
  status: z.enum(measureStatuses),
  amountFen: z.number().int().nullable(),
  note: z.string().nullable(),
  /** Reason given when the measure was cancelled (null otherwise). */
  cancelReason: z.string().nullable(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Measure = z.infer<typeof measureSchema>;

export const measureCoverageSchema = z.object({
  riskType: z.enum(riskTypes),
  /** Measures (not cancelled) answering this risk. */
  measureIds: z.array(z.string()),
  covered: z.boolean(),
  /** Covered, and every answering measure 已落实. */
  done: z.boolean(),
});

export const casePlanSchema = z.object({
  caseId: z.string(),
  householdId: z.string(),
  caseStatus: z.enum(caseStatuses),
  /** Measures may be added or changed (case 识别中 or 监测中). */
  editable: z.boolean(),
  /** The case's open risks, in vocabulary order. */
  openRisks: z.array(z.enum(riskTypes)),
  /** Case helper (帮扶联系人), else the household's; the default helper of a new measure. */
  defaultHelperName: z.string().nullable(),
  /** Inclusion date + plan deadline; null before inclusion. */
  planDueDate: z.string().nullable(),
  /** Plan due date passed and some open risk still has no measure. */
  planOverdue: z.boolean(),
  /** Planned date order, oldest first; cancelled ones included (shown struck through). */
  measures: z.array(measureSchema),
  coverage: z.array(measureCoverageSchema),
});
export type CasePlan = z.infer<typeof casePlanSchema>;

export const measureCreateSchema = z.object({
  caseId: idSchema,
  measureTypeCode: measureTypeCodeField,
  /**
   * The case's open risks this measure answers. Absent: the type's risks that are open on the case
   * (refused with a message when there are none). Given: each must be an open risk of the case.
   */
  riskTypes: riskList.optional(),
  responsibleUnit: requiredText('责任单位', 50),
  helperName: optionalText('帮扶责任人', 20),
  plannedDate: isoDate,
  /** Only for types with an amount (hasAmount); refused otherwise. */
  amountFen: amountFen.nullable().optional(),
  note: optionalText('备注', 200, 'multi'),
});
export type MeasureCreateInput = z.input<typeof measureCreateSchema>;

function optionalPatchText(label: string, max: number, lines: TextLines = 'single') {
  return cleanText(label, lines)
    .pipe(z.string().trim().max(max, { error: `${label}不能超过 ${max} 个字` }))
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
}

/**
 * Edits and status changes of one measure; absent keys stay as they are.
 * Status moves forward only: 计划中 → 落实中 → 已落实 (计划中 → 已落实 allowed), and 计划中 / 落实中 → 已取消.
 * 已落实 needs `doneDate` (not in the future; before the planned date is allowed); 已取消 needs
 * `cancelReason`. A cancelled measure cannot be edited; a done one only its done date, amount and note.
 */
export const measureUpdateSchema = z
  .object({
    id: idSchema,
    version: versionSeen,
    status: z.enum(measureStatuses, { error: '请选择措施状态' }).optional(),
    doneDate: isoDate.optional(),
    cancelReason: requiredText('取消原因', 200, 'multi').optional(),
    measureTypeCode: measureTypeCodeField.optional(),
    riskTypes: riskList.min(1, { error: '请至少选择一种风险类型' }).optional(),
    responsibleUnit: requiredText('责任单位', 50).optional(),
    helperName: optionalPatchText('帮扶责任人', 20),
    plannedDate: isoDate.optional(),
    amountFen: amountFen.nullable().optional(),
    note: optionalPatchText('备注', 200, 'multi'),
  })
  .superRefine((m, ctx) => {
    if (m.status === 'done' && m.doneDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['doneDate'], message: '标记已落实时请填写落实日期' });
    }
    if (m.status === 'cancelled' && m.cancelReason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: '取消措施请填写原因' });
    }
  });
export type MeasureUpdateInput = z.input<typeof measureUpdateSchema>;

/** The measure fields a person edits, as a refused (stale) save names them. */
export const measureEditFieldLabels = {
  status: '措施状态',
  doneDate: '落实日期',
  cancelReason: '取消原因',
  measureTypeCode: '措施类型',
  riskTypes: '针对的风险',
  responsibleUnit: '责任单位',
  helperName: '帮扶责任人',
  plannedDate: '计划日期',
  amountFen: '金额',
  note: '备注',
} as const;

export const measuresChannels = {
  /** The whole catalog, active and switched-off types, in family and sort order. */
  'measures.catalog': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({ types: z.array(measureTypeSchema) }),
  }),
  'measures.saveType': channel({
    access: ['admin'],
    mutates: true,
    input: measureTypeSaveSchema,
    output: measureTypeSchema,
  }),
  'measures.forCase': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ caseId: idSchema }),
    output: casePlanSchema,
  }),
  'measures.create': channel({
    access: allRoles,
    mutates: true,
    input: measureCreateSchema,
    output: measureSchema,
  }),
  'measures.update': channel({
    access: allRoles,
    mutates: true,
    input: measureUpdateSchema,
    output: measureSchema,
  }),
} satisfies Record<string, ChannelDef>;
