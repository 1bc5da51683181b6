import { z } from 'zod';
import { householdKinds } from '../domain/household';
import { monitoringCategories, riskTypes } from '../domain/monitoring';
import { channel, type ChannelDef } from './channel';
import { jobStartedSchema } from './jobs';
import { printResultSchema } from './print';

// 月报 (issue 14 item 2): the figures of a month by village as of the month's end (rules in
// shared/domain/monthlyReport.ts), stored with their hash when reported so a reprint is the same
// paper after later changes.

const monthSchema = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 年-月，例如 2026-11' });

const countsOf = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), z.number().int());

export const monthRowSchema = z.object({
  households: countsOf(householdKinds),
  householdTotal: z.number().int(),
  population: z.number().int(),
  newClues: z.number().int(),
  includedInMonth: z.number().int(),
  eliminatedInMonth: z.number().int(),
  includedInYear: z.number().int(),
  eliminatedInYear: z.number().int(),
  identifying: z.number().int(),
  monitoring: z.number().int(),
  openByCategory: countsOf(monitoringCategories),
  identificationOverdue: z.number().int(),
  planOverdue: z.number().int(),
  monitoringWithMeasure: z.number().int(),
  risksByType: countsOf(riskTypes),
  visitedInMonth: z.number().int(),
  visitedInQuarter: z.number().int(),
});

/** What a month's report holds (and what is stored, hashed, when it is reported). */
export const monthlyFiguresSchema = z.object({
  month: z.string(),
  /** The month's last day: every figure is as of this day. */
  asOf: z.string(),
  county: z.string(),
  township: z.string(),
  villages: z.array(z.object({ villageId: z.string(), code: z.string(), name: z.string(), row: monthRowSchema })),
  total: monthRowSchema,
});
export type MonthlyFigures = z.infer<typeof monthlyFiguresSchema>;

export const monthlyReportSchema = z.object({
  id: z.string(),
  month: z.string(),
  /** 填报人 (the user who made it) and when. */
  filledBy: z.string(),
  madeAt: z.string(),
  /** The stored figures' SHA-256 (hex) and the short code printed on the paper. */
  sha256: z.string(),
  contentCode: z.string(),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;

const idInput = z.object({ id: z.string().min(1, { error: '缺少月报编号' }) });

export const monthlyReportChannels = {
  /** The month's figures computed now (not stored). */
  'reports.monthlyPreview': channel({ access: 'signedIn', mutates: false, input: z.object({ month: monthSchema }), output: monthlyFiguresSchema }),
  /** Computes the month's figures and stores them as reported (who, when, hash). */
  'reports.monthlyMake': channel({ access: 'signedIn', mutates: true, input: z.object({ month: monthSchema }), output: monthlyReportSchema }),
  'reports.monthlyList': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: z.object({ reports: z.array(monthlyReportSchema) }) }),
  /** A stored report's figures, checked against its hash. */
  'reports.monthlyGet': channel({ access: 'signedIn', mutates: false, input: idInput, output: z.object({ report: monthlyReportSchema, figures: monthlyFiguresSchema }) }),
  /** Prints the stored copy (never recomputed). */
  'reports.monthlyPrint': channel({ access: 'signedIn', mutates: true, input: idInput, output: printResultSchema }),
  /** The stored copy as .xlsx (A4 page setup) → job; result `exportResultSchema`. */
  // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
  'reports.monthlyExport': channel({ access: 'signedIn', mutates: true, ownTransaction: true, input: idInput, output: jobStartedSchema }),
} satisfies Record<string, ChannelDef>;
