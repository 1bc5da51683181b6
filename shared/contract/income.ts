import { z } from 'zod';
import { incomeCategories, incomeCategoryLabels, type IncomeCategory } from '../domain/income';
import { declineCauses } from '../domain/monitoring';
import { channel } from './channel';
import { idSchema, optionalText, versionSeenOrNone } from './fields';

// Yearly household income (DOMAIN §4). The clerk enters the categories in 元 (the form converts
// to fen); net and per-capita income are computed by shared/domain/income.ts, never typed.

const MAX_AMOUNT_FEN = 10_000_000_000; // 1 亿元 per category: a slip of the decimal point, not an income

function fen(label: string) {
  return z
    .number({ error: `请填写${label}（没有请填 0）` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(0, { error: `${label}不能为负数；支出请填在对应的支出项` })
    .max(MAX_AMOUNT_FEN, { error: `${label}金额过大，请检查小数点` })
    .default(0);
}

const amountFields = Object.fromEntries(incomeCategories.map((c) => [c, fen(incomeCategoryLabels[c])])) as Record<
  IncomeCategory,
  ReturnType<typeof fen>
>;

export const incomeYearField = z
  .number({ error: '请填写年度' })
  .int({ error: '年度应为整数' })
  .min(2000, { error: '年度不能早于 2000 年' })
  .max(2100, { error: '年度不能晚于 2100 年' });

export const incomeSaveSchema = z.object({
  householdId: idSchema,
  year: incomeYearField,
  /** The version of the year's record the form loaded; null when the year had no record yet. */
  version: versionSeenOrNone,
  /** 家庭人口数 for this year's accounting; a new year takes the household's current member count, an existing year keeps its own. */
  memberCount: z
    .number()
    .int({ error: '家庭人口数应为整数' })
    .min(1, { error: '家庭人口数至少为 1' })
    .max(50, { error: '家庭人口数不能超过 50' })
    .optional(),
  ...amountFields,
  /** Required when per-capita income is below last year's; ignored (stored empty) otherwise. */
  declineCause: z.enum(declineCauses, { error: '请选择减收原因' }).nullable().default(null),
  note: optionalText('备注', 200, 'multi'),
});
export type IncomeSaveInput = z.input<typeof incomeSaveSchema>;

/** A year's income fields as a refused (stale) save names them. */
export const incomeEditFieldLabels: Readonly<Record<string, string>> = {
  memberCount: '家庭人口数',
  ...incomeCategoryLabels,
  netIncomeFen: '家庭纯收入',
  perCapitaFen: '人均纯收入',
  declineCause: '减收原因',
  note: '备注',
};

const changeSchema = z.object({
  previousFen: z.number().int(),
  currentFen: z.number().int(),
  changeFen: z.number().int(),
  changePct: z.number().nullable(),
});

const amountsOutput = Object.fromEntries(incomeCategories.map((c) => [c, z.number().int()])) as Record<IncomeCategory, z.ZodNumber>;

export const incomeYearSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  year: z.number().int(),
  memberCount: z.number().int(),
  ...amountsOutput,
  transferFen: z.number().int(),
  netIncomeFen: z.number().int(),
  perCapitaFen: z.number().int(),
  declineCause: z.enum(declineCauses).nullable(),
  note: z.string().nullable(),
  /** The monitoring line in force for this year, and whether per-capita income is within it. */
  monitoringLineFen: z.number().int(),
  eliminationFloorFen: z.number().int(),
  lineSource: z.enum(['saved', 'default']),
  withinLine: z.boolean(),
  /** Last year (year − 1) beside this one; null when there is no record for last year. */
  previous: z
    .object({
      year: z.number().int(),
      memberCount: z.number().int(),
      ...amountsOutput,
      transferFen: z.number().int(),
      netIncomeFen: z.number().int(),
      perCapitaFen: z.number().int(),
    })
    .nullable(),
  /** Per category and in total; null without last year's record. */
  comparison: z
    .object({
      categories: z.object(Object.fromEntries(incomeCategories.map((c) => [c, changeSchema])) as Record<IncomeCategory, typeof changeSchema>),
      transfer: changeSchema,
      netIncome: changeSchema,
      perCapita: changeSchema,
    })
    .nullable(),
  /** 减收: per-capita income below last year's. */
  decline: z.boolean(),
  /** A decline still without a cause (e.g. last year was corrected upwards afterwards). */
  declineMissingCause: z.boolean(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type IncomeYear = z.infer<typeof incomeYearSchema>;

const causeCounts = z.object(Object.fromEntries(declineCauses.map((c) => [c, z.number().int()])) as Record<(typeof declineCauses)[number], z.ZodNumber>);

export const incomeSummaryRowSchema = z.object({
  villageId: z.string().nullable(),
  villageName: z.string(),
  /** Households with a record this year. */
  recorded: z.number().int(),
  /** Households with a record both this year and last year. */
  compared: z.number().int(),
  /** Of those, households whose per-capita income fell. */
  declined: z.number().int(),
  /** declined / compared (0–1); null when nothing could be compared. */
  declineShare: z.number().nullable(),
  byCause: causeCounts,
  /** Falling households whose record has no cause yet. */
  withoutCause: z.number().int(),
});
export type IncomeSummaryRow = z.infer<typeof incomeSummaryRowSchema>;

export const incomeChannels = {
  /** Every year's record of one household, newest first, each beside last year's. */
  'income.forHousehold': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ householdId: idSchema }),
    output: z.object({
      householdId: z.string(),
      householdStatus: z.string(),
      /** Members on the register today: the default 家庭人口数 for a new year. */
      currentMemberCount: z.number().int(),
      years: z.array(incomeYearSchema),
      /** True when today's thresholds are still the suggested defaults (nothing saved by an admin). */
      thresholdsAreDefaults: z.boolean(),
    }),
  }),
  /** Creates or corrects one household's income for one year; identical values write nothing. */
  'income.save': channel({
    access: ['admin', 'reviewer', 'clerk'],
    mutates: true,
    input: incomeSaveSchema,
    output: incomeYearSchema,
  }),
  /** 减收 summary: per village and the township total, this year against last year. */
  'income.summary': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ year: incomeYearField, villageId: z.string().optional() }),
    output: z.object({
      year: z.number().int(),
      previousYear: z.number().int(),
      rows: z.array(incomeSummaryRowSchema),
      total: incomeSummaryRowSchema,
    }),
  }),
};
