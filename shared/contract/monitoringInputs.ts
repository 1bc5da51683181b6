import { z } from 'zod';
import { clueSources, monitoringCategories, riskTypes, stepKinds, stepOutcomes } from '../domain/monitoring';
import { idSchema, isoDate, optionalText, phone, reason, requiredText, versionSeen } from './fields';
import { guaranteesInputSchema, guaranteesPatchSchema, secureCheck, stepDetailsSchema } from './monitoringDetails';

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
