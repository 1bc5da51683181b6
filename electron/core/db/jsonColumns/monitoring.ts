import { z } from 'zod';
import { eliminationMethods, guaranteeStatuses, riskTypes, type GuaranteeCheck, type GuaranteeKey, type RiskType } from '../../../../shared/domain/monitoring';
import { jsonColumn } from './codec';

// JSON columns of monitoring: thresholds, cases, steps, visits and measures (0002_monitoring).

const dates = z.array(z.string());
/** 0002: DEFAULT '[]'; the thresholds form writes the dates it was given. */
export const thresholdHolidays = jsonColumn('threshold_years', 'holidays', '监测标准的节假日', dates);
export const thresholdMakeupWorkdays = jsonColumn('threshold_years', 'makeup_workdays', '监测标准的调休工作日', dates);

const secure: GuaranteeCheck = { status: 'secure', note: null };
const check = z
  .object({ status: z.enum(guaranteeStatuses), note: z.string().nullable().optional() })
  .transform((g): GuaranteeCheck => ({ status: g.status, note: g.note ? g.note : null }));
/**
 * The six checks. The program writes all six, but a key missing reads as 有保障 and an empty note
 * as none, as the readers before this module did, so nothing once readable stops reading.
 */
const slot = check.optional().transform((g) => g ?? secure);
const guaranteeShape: Record<GuaranteeKey, typeof slot> = { food: slot, clothing: slot, education: slot, medical: slot, housing: slot, water: slot };
const guarantees = z.object(guaranteeShape);
export const caseGuarantees = jsonColumn('monitoring_cases', 'guarantees', '监测案件的两不愁三保障', guarantees);
/** null when the visit did not check them (the column is nullable; the caller reads null itself). */
export const visitGuarantees = jsonColumn('visits', 'guarantees', '走访记录的两不愁三保障核查', guarantees);

const names = z.array(z.string());
export const stepPeople = jsonColumn('case_steps', 'people', '监测办理步骤的参与人员', names);

/**
 * A step's own facts. Written by the steps (negativeList, specialDecision, notice,
 * eliminationMethod), by 回退 (reason, eliminatedDate, eliminationMethod — null when the case had
 * none) and by the import (imported: the file and its lines). Unknown keys are kept.
 */
const stepDetails = z.looseObject({
  negativeList: z.record(z.string(), z.boolean()).optional(),
  specialDecision: z.object({ date: z.string(), note: z.string() }).nullable().optional(),
  notice: z.object({ startDate: z.string(), endDate: z.string(), place: z.string().default('') }).optional(),
  eliminationMethod: z
    .enum(eliminationMethods)
    .nullable()
    .optional()
    .transform((m) => m ?? undefined),
  reason: z.string().optional(),
  eliminatedDate: z.string().nullable().optional(),
  imported: z.object({ fileName: z.string(), sha256: z.string(), lines: z.array(z.number()) }).optional(),
});
/** What a writer of case_steps.details may store. */
export type StoredStepDetails = z.input<typeof stepDetails>;
export const stepDetailsColumn = jsonColumn('case_steps', 'details', '监测办理步骤的详情', stepDetails);

/** Names as a JSON array; an early version stored the visitors as text, names split by 、 or a comma. */
export const visitVisitors = jsonColumn('visits', 'visitors', '走访记录的走访人', z.array(z.unknown()).transform((v) => v.map(String)), {
  legacyText: (text) =>
    text
      .split(/[、,，]/)
      .map((s) => s.trim())
      .filter(Boolean),
});

/** Risk types in the stored order; a type the program no longer knows is dropped, as before. */
const risks = z.array(z.string()).transform((v) => v.filter((r): r is RiskType => (riskTypes as readonly string[]).includes(r)));
export const measureTypeRisks = jsonColumn('measure_types', 'risk_types', '帮扶措施目录的风险类型', risks);
export const measureRisks = jsonColumn('measures', 'risk_types', '帮扶措施的风险类型', risks);
