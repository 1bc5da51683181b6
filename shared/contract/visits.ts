import { z } from 'zod';
import { householdKinds } from '../domain/household';
import { guaranteeKeys, guaranteeStatuses, visitCycles, visitKinds } from '../domain/monitoring';
import { channel, type ChannelDef } from './channel';
import { incomeSaveSchema } from './income';
import { idSchema, isoDate, optionalText, paging, requiredText } from './fields';

// 走访 / 回访 (DOMAIN §9). Each household's schedule is kept on the household: the cycle (why it
// is visited: open case monthly, eliminated case half-yearly, stable exited household yearly, with
// the frequencies of the thresholds in force), the last visit and the next due date.
// After a visit the renderer invalidates visits.forHousehold, visits.due, monitoring.get,
// monitoring.list, monitoring.forHousehold (and income.* when an income was saved).

const allRoles = ['admin', 'reviewer', 'clerk'] as const;

const guaranteeCheckInput = z.object({
  status: z.enum(guaranteeStatuses, { error: '请选择有保障或有风险' }),
  note: optionalText('说明', 200, 'multi'),
});
/** The six checks of 两不愁三保障及饮水安全, all answered. */
export const visitGuaranteesInputSchema = z.object(
  Object.fromEntries(guaranteeKeys.map((k) => [k, guaranteeCheckInput])) as Record<(typeof guaranteeKeys)[number], typeof guaranteeCheckInput>,
);
const guaranteeCheckOutput = z.object({ status: z.enum(guaranteeStatuses), note: z.string().nullable() });
export const visitGuaranteesSchema = z.object(
  Object.fromEntries(guaranteeKeys.map((k) => [k, guaranteeCheckOutput])) as Record<(typeof guaranteeKeys)[number], typeof guaranteeCheckOutput>,
);

export const visitScheduleSchema = z.object({
  /** null: the household is not on a visit cycle (closed, or an ordinary household without a case). */
  cycle: z.enum(visitCycles).nullable(),
  /** Months between visits for this cycle, from the thresholds in force (null without a cycle). */
  cycleMonths: z.number().int().nullable(),
  lastVisitDate: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
  /** next visit due before today. */
  overdue: z.boolean(),
  /** Days past the due date (0 when not overdue). */
  overdueDays: z.number().int(),
});
export type VisitSchedule = z.infer<typeof visitScheduleSchema>;

export const visitSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  visitDate: z.string(),
  visitors: z.array(z.string()),
  kind: z.enum(visitKinds),
  findings: z.string(),
  /** The guarantees check made at this visit, when one was made. */
  guarantees: visitGuaranteesSchema.nullable(),
  /** The income year saved with this visit, when income was updated. */
  incomeYear: z.number().int().nullable(),
  createdAt: z.string(),
  /** Display name of the user who recorded it. */
  recordedBy: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

/** Either a household's visits, or the visits recorded against one case (its household's schedule too). */
export const visitsForHouseholdInputSchema = z
  .object({ householdId: idSchema.optional(), caseId: idSchema.optional() })
  .refine((v) => (v.householdId === undefined) !== (v.caseId === undefined), { error: '请指定农户或监测对象（二选一）' });

export const visitCreateSchema = z.object({
  householdId: idSchema,
  /** Defaults to the household's open case, else (on the eliminated cycle) its latest eliminated case. */
  caseId: idSchema.optional(),
  /** Not in the future. */
  visitDate: isoDate,
  visitors: z
    .array(requiredText('走访人', 20))
    .min(1, { error: '请至少填写一名走访人' })
    .max(10, { error: '走访人最多 10 名' }),
  kind: z.enum(visitKinds, { error: '请选择走访类型' }).default('routine'),
  findings: requiredText('走访情况', 1000),
  /** When given and the household has an open case, the case's guarantees become these (audited). */
  guarantees: visitGuaranteesInputSchema.optional(),
  /** Optional income update, saved through income.save's rules (household taken from the visit). */
  income: incomeSaveSchema.omit({ householdId: true }).optional(),
});
export type VisitCreateInput = z.input<typeof visitCreateSchema>;

export const visitMonthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 年-月，例如 2026-05' });

export const dueRowSchema = z.object({
  householdId: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  kind: z.enum(householdKinds),
  villageId: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  /** The open case's helper, else the household's 帮扶责任人. */
  helperName: z.string().nullable(),
  /** The household's open case, if any. */
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  cycle: z.enum(visitCycles),
  lastVisitDate: z.string().nullable(),
  nextVisitDue: z.string(),
  /** Days past due as of today (0 when due today or later). */
  overdueDays: z.number().int(),
});
export type DueRow = z.infer<typeof dueRowSchema>;

export const visitsDueInputSchema = z.object({
  /** Month 'YYYY-MM'; default: the current month. Lists every visit due by the month's last day. */
  month: visitMonthField.optional(),
  villageId: z.string().optional(),
  /** Exact helper name (open case's helper, else the household's); '' = households without a helper. */
  helperName: z.string().trim().max(20).optional(),
  /** all (default) | overdue only | due in the month and not yet overdue. */
  show: z.enum(['all', 'overdue', 'upcoming']).default('all'),
  ...paging,
});
export type VisitsDueInput = z.input<typeof visitsDueInputSchema>;

const dueCounts = { due: z.number().int(), overdue: z.number().int() };

export const visitsDueSchema = z.object({
  month: z.string(),
  /** Last day of the month: rows are due on or before it. */
  monthEnd: z.string(),
  today: z.string(),
  /** Rows matching the filters (before paging), and how many of them are overdue. */
  total: z.number().int(),
  overdueTotal: z.number().int(),
  /** Overdue first (longest overdue first), then by due date, household code. */
  rows: z.array(dueRowSchema),
  /**
   * Facet counts over the month list (`show` and paging ignored): byVillage applies the helper
   * filter but not the village filter, byHelper the village filter but not the helper filter, so
   * the page can list every village and helper. `due` = households due by month end (overdue
   * included), `overdue` = those past due today. Ordered by village sort order / helper name.
   */
  byVillage: z.array(z.object({ villageId: z.string(), name: z.string(), ...dueCounts })),
  /** helperName null = no helper recorded. */
  byHelper: z.array(z.object({ helperName: z.string().nullable(), ...dueCounts })),
});
export type VisitsDue = z.infer<typeof visitsDueSchema>;

export const visitsChannels = {
  'visits.forHousehold': channel({
    access: 'signedIn',
    mutates: false,
    input: visitsForHouseholdInputSchema,
    output: z.object({
      householdId: z.string(),
      /** Newest first. */
      visits: z.array(visitSchema),
      schedule: visitScheduleSchema,
    }),
  }),
  'visits.create': channel({
    access: allRoles,
    mutates: true,
    input: visitCreateSchema,
    output: z.object({ visit: visitSchema, schedule: visitScheduleSchema }),
  }),
  'visits.due': channel({
    access: 'signedIn',
    mutates: false,
    input: visitsDueInputSchema,
    output: visitsDueSchema,
  }),
} satisfies Record<string, ChannelDef>;
