import { z } from 'zod';
import { householdKinds } from '../domain/household';
import { caseStatuses, monitoringCategories, riskTypes } from '../domain/monitoring';
import { channel, type ChannelDef } from './channel';
import { monthlyReportChannels } from './monthlyReport';

// 工作台 (issue 14): the month's to-dos, the township's key figures (and each village's), and the
// numbers behind the charts. One read; every figure comes from indexed queries in the core.

export const todoSchema = z.object({
  /** Stable name of the to-do source, e.g. 'identification.overdue'. */
  key: z.string(),
  /** What is counted, in words (识别超过时限未办结). */
  label: z.string(),
  count: z.number().int(),
  /** How many of them are the signed-in user's (they are the 帮扶联系人); null when not personal. */
  mine: z.number().int().nullable(),
  /** The ledger page that lists exactly these (path and query string); null when there is none for this user. */
  route: z.string().nullable(),
  /** The same list narrowed to the user's own items. */
  mineRoute: z.string().nullable(),
  /** overdue: past a deadline; due: falls due soon; notice: worth knowing. */
  tone: z.enum(['overdue', 'due', 'notice']),
});
export type Todo = z.infer<typeof todoSchema>;

const countsOf = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), z.number().int());

export const figuresSchema = z.object({
  /** Households in the ledger (not closed), by kind. */
  households: countsOf(householdKinds),
  householdTotal: z.number().int(),
  /** People in those households. */
  population: z.number().int(),
  /** Monitoring cases by status (every case not deleted). */
  casesByStatus: countsOf(caseStatuses),
  /** Open cases (识别中 + 监测中) by category; uncategorised ones (still 识别中) are not counted here. */
  openByCategory: countsOf(monitoringCategories),
  /** Cases 纳入 (included) and 消除 (eliminated) this calendar year. */
  includedThisYear: z.number().int(),
  eliminatedThisYear: z.number().int(),
  /** Risks of the open cases, by type. */
  risksByType: countsOf(riskTypes),
  /** 监测中 cases, and those with at least one help measure that is not cancelled. */
  monitoringCases: z.number().int(),
  monitoringWithMeasure: z.number().int(),
  /** Households that had to be visited this quarter, and those visited. */
  visitsDueThisQuarter: z.number().int(),
  visitsDoneThisQuarter: z.number().int(),
  /** Mean per-capita net income (fen) of the 监测户 with an income record, this income year and the year before. */
  incomeYear: z.number().int(),
  perCapitaFen: z.number().int().nullable(),
  perCapitaPrevFen: z.number().int().nullable(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const workbenchSchema = z.object({
  today: z.string(),
  /** The current quarter's first and last day (visit completion). */
  quarter: z.object({ from: z.string(), to: z.string() }),
  /** "Mine" first (by how many are mine), then in the core's order. */
  todos: z.array(todoSchema),
  township: figuresSchema,
  /** One entry per village, in the office's village order. */
  villages: z.array(z.object({ villageId: z.string(), name: z.string(), figures: figuresSchema })),
  /** New (纳入) and eliminated (消除) cases per month, the 24 months ending this month. */
  trend: z.array(z.object({ month: z.string(), included: z.number().int(), eliminated: z.number().int() })),
});
export type Workbench = z.infer<typeof workbenchSchema>;

export const reportsChannels = {
  'reports.workbench': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: workbenchSchema }),
  ...monthlyReportChannels,
} satisfies Record<string, ChannelDef>;
