import { z } from 'zod';
import { householdKinds } from '../domain/household';
import {
  eliminationMethods,
  guaranteeKeys,
  guaranteeStatuses,
  monitoringCategories,
  negativeListItems,
  negativeListLabels,
  type NegativeListItem,
} from '../domain/monitoring';
import { isoDate, optionalText, requiredText } from './fields';

function objectOf<K extends string, T extends z.ZodType>(keys: readonly K[], field: (k: K) => T): z.ZodObject<Record<K, T>> {
  return z.object(Object.fromEntries(keys.map((k) => [k, field(k)])) as Record<K, T>);
}

// Guarantees (两不愁三保障及饮水安全)

export const guaranteeCheckSchema = z.object({
  status: z.enum(guaranteeStatuses, { error: '请选择有保障或有风险' }),
  note: optionalText('说明', 200, 'multi'),
});
export const secureCheck = { status: 'secure' as const, note: null };

/** Input: every key optional, defaulting to 有保障 with no note. */
export const guaranteesInputSchema = objectOf(guaranteeKeys, () => guaranteeCheckSchema.default(secureCheck));
/** Input for an update: only the keys given change. */
export const guaranteesPatchSchema = objectOf(guaranteeKeys, () => guaranteeCheckSchema.optional());

export const guaranteesSchema = objectOf(guaranteeKeys, () =>
  z.object({ status: z.enum(guaranteeStatuses), note: z.string().nullable() }),
);
export type GuaranteesOutput = z.infer<typeof guaranteesSchema>;

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

export const stepDetailsOutput = z.object({
  negativeList: z.record(z.string(), z.boolean()).optional(),
  specialDecision: z.object({ date: z.string(), note: z.string() }).nullable().optional(),
  notice: z.object({ startDate: z.string(), endDate: z.string(), place: z.string() }).optional(),
  eliminationMethod: z.enum(eliminationMethods).optional(),
  /** reopen rows: why the case was reopened. */
  reason: z.string().optional(),
});

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
