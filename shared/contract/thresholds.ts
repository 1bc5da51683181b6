import { z } from 'zod';
import { deadlineUnits } from '../domain/thresholds';
import { channel } from './channel';
import { isoDate, versionSeenOrNone } from './fields';

// Yearly thresholds (DOMAIN §5): each year's values are entered by an admin and stay in force
// until a later year's are entered. Money is integer fen (the form types 元).

const MAX_LINE_FEN = 10_000_000; // 100,000 元: far above any county's line, catches a slip of the decimal point

function int(label: string, min: number, max: number, unit: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能少于 ${min} ${unit}` })
    .max(max, { error: `${label}不能超过 ${max} ${unit}` });
}

function fen(label: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(1, { error: `${label}应大于 0 元` })
    .max(MAX_LINE_FEN, { error: `${label}不能超过 ${MAX_LINE_FEN / 100} 元，请检查小数点` });
}

function dateList(label: string) {
  return z
    .array(isoDate)
    .max(60, { error: `${label}最多 60 天` })
    .default([])
    .transform((ds) => [...new Set(ds)].sort());
}

export const thresholdsFields = {
  year: int('年度', 2000, 2100, '年'),
  monitoringLineFen: fen('防止返贫监测范围'),
  eliminationFloorFen: fen('风险消除收入底线'),
  periodStartMonth: int('收入测算周期起始月', 1, 12, '月'),
  noticeDays: int('公示天数', 1, 60, '天'),
  identificationDeadlineDays: int('识别时限', 1, 120, '天'),
  identificationDeadlineUnit: z.enum(deadlineUnits, { error: '请选择识别时限按自然日还是工作日计算' }),
  planDeadlineDays: int('帮扶计划时限', 1, 120, '天'),
  minMonitoringMonths: int('最短监测时间', 0, 60, '个月'),
  visitOpenMonths: int('监测中走访间隔', 1, 24, '个月'),
  visitEliminatedMonths: int('风险已消除户走访间隔', 1, 24, '个月'),
  visitStableMonths: int('稳定脱贫户走访间隔', 1, 36, '个月'),
  holidays: dateList('法定节假日'),
  makeupWorkdays: dateList('调休上班日'),
};

/** The rules between fields; the core checks the same again (messages sit beside the field). */
export function thresholdsProblems(t: {
  monitoringLineFen: number;
  eliminationFloorFen: number;
  visitOpenMonths: number;
  visitEliminatedMonths: number;
  visitStableMonths: number;
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}): Record<string, string> {
  const out: Record<string, string> = {};
  if (t.eliminationFloorFen > t.monitoringLineFen) {
    out.eliminationFloorFen = '风险消除收入底线不能高于防止返贫监测范围，请核对两项金额';
  }
  if (t.visitOpenMonths > t.visitEliminatedMonths) {
    out.visitOpenMonths = '监测中户的走访间隔不能长于风险已消除户，请核对走访频次';
  } else if (t.visitEliminatedMonths > t.visitStableMonths) {
    out.visitEliminatedMonths = '风险已消除户的走访间隔不能长于稳定脱贫户，请核对走访频次';
  }
  const both = t.holidays.filter((d) => t.makeupWorkdays.includes(d));
  if (both.length > 0) {
    out.makeupWorkdays = `${both.join('、')} 同时列为节假日和调休上班日，请只保留一处`;
  }
  return out;
}

export const thresholdsInputSchema = z.object({ ...thresholdsFields, version: versionSeenOrNone }).superRefine((t, ctx) => {
  for (const [path, message] of Object.entries(thresholdsProblems(t))) ctx.addIssue({ code: 'custom', path: [path], message });
});
export type ThresholdsInput = z.input<typeof thresholdsInputSchema>;

export const thresholdsSchema = z.object({
  year: z.number().int(),
  monitoringLineFen: z.number().int(),
  eliminationFloorFen: z.number().int(),
  periodStartMonth: z.number().int(),
  noticeDays: z.number().int(),
  identificationDeadlineDays: z.number().int(),
  identificationDeadlineUnit: z.enum(deadlineUnits),
  planDeadlineDays: z.number().int(),
  minMonitoringMonths: z.number().int(),
  visitOpenMonths: z.number().int(),
  visitEliminatedMonths: z.number().int(),
  visitStableMonths: z.number().int(),
  holidays: z.array(z.string()),
  makeupWorkdays: z.array(z.string()),
});

export const thresholdYearSchema = thresholdsSchema.extend({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type ThresholdYear = z.infer<typeof thresholdYearSchema>;

export const thresholdsInForceSchema = thresholdsSchema.extend({ source: z.enum(['saved', 'default']) });

export const thresholdsChannels = {
  /**
   * Saved years newest first; the values in force today ('default' until an admin saved a year
   * covering today: the UI asks to check them); the suggested defaults for the current year.
   */
  'thresholds.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({
      today: z.string(),
      saved: z.array(thresholdYearSchema),
      inForce: thresholdsInForceSchema,
      suggested: thresholdsSchema,
    }),
  }),
  /**
   * Creates or replaces one year's values (admin). Open cases' deadlines and households' visit
   * due dates are recomputed in the same transaction.
   */
  'thresholds.save': channel({
    access: ['admin'],
    mutates: true,
    input: thresholdsInputSchema,
    output: thresholdYearSchema,
  }),
};

/** Field names as the form and the audit log show them. */
export const thresholdFieldLabels: Readonly<Record<keyof typeof thresholdsFields, string>> = {
  year: '年度',
  monitoringLineFen: '防止返贫监测范围（人均纯收入）',
  eliminationFloorFen: '风险消除收入底线',
  periodStartMonth: '收入测算周期起始月',
  noticeDays: '公示天数',
  identificationDeadlineDays: '识别时限',
  identificationDeadlineUnit: '识别时限计算方式',
  planDeadlineDays: '帮扶计划时限（纳入后天数）',
  minMonitoringMonths: '风险消除前最短监测时间（月）',
  visitOpenMonths: '监测中户走访间隔（月）',
  visitEliminatedMonths: '风险已消除户走访间隔（月）',
  visitStableMonths: '稳定脱贫户走访间隔（月）',
  holidays: '法定节假日（工作日以外）',
  makeupWorkdays: '调休上班日',
};
