import { sql, type Kysely, type Transaction } from 'kysely';
import type { HouseholdKind, HouseholdStatus } from '../../../shared/domain/household';
import type { CaseStatus, VisitCycle } from '../../../shared/domain/monitoring';
import { thresholdsInForce, type Thresholds } from '../../../shared/domain/thresholds';
import { nextVisitDue, visitBaseDate, visitCycleOf } from '../../../shared/domain/visitSchedule';
import type { HandlerContext } from '../context';
import type { DB } from '../db/schema';
import { savedThresholds } from './thresholds';

type Db = Kysely<DB> | Transaction<DB>;

// The visit schedule lives on the household (visit_cycle, last_visit_date, next_visit_due) so the
// 待办 page reads one indexed range. These functions keep it in step; they change derived columns
// only (no updated_at, no audit line of their own: the change that moved the schedule is audited).

interface ScheduleFacts {
  kind: string;
  status: string;
  /** Registration date of the household (created_at's date). */
  createdDate: string;
  openCase: { status: string; clueDate: string; includedDate: string | null } | null;
  /** Latest case that was not rejected (by clue date, then creation). */
  latestCase: { status: string; eliminatedDate: string | null } | null;
  lastVisitDate: string | null;
}

export interface ComputedSchedule {
  visit_cycle: VisitCycle | null;
  last_visit_date: string | null;
  next_visit_due: string | null;
}

export function computeSchedule(f: ScheduleFacts, saved: readonly Thresholds[]): ComputedSchedule {
  const cycle = visitCycleOf({
    householdKind: f.kind as HouseholdKind,
    householdStatus: f.status as HouseholdStatus,
    openCaseStatus: (f.openCase?.status ?? null) as CaseStatus | null,
    latestCaseStatus: (f.latestCase?.status ?? null) as CaseStatus | null,
  });
  if (cycle === null) return { visit_cycle: null, last_visit_date: f.lastVisitDate, next_visit_due: null };
  let cycleStartDate: string;
  if (cycle === 'openCase') cycleStartDate = f.openCase ? (f.openCase.includedDate ?? f.openCase.clueDate) : f.createdDate;
  else if (cycle === 'eliminated') cycleStartDate = f.latestCase?.eliminatedDate ?? f.createdDate;
  else cycleStartDate = f.createdDate;
  const base = visitBaseDate({ lastVisitDate: f.lastVisitDate, cycleStartDate });
  const due = nextVisitDue({ cycle, lastVisitDate: f.lastVisitDate, cycleStartDate }, thresholdsInForce(saved, base));
  return { visit_cycle: cycle, last_visit_date: f.lastVisitDate, next_visit_due: due };
}

const openStatuses = ['identifying', 'monitoring'];

/** A case reopened (回退) is visited monthly again from the reopening, not from its first inclusion. */
function monitoredSince(c: { included_date: string | null; reopened_date: string | null }): string | null {
  if (c.reopened_date && (!c.included_date || c.reopened_date > c.included_date)) return c.reopened_date;
  return c.included_date;
}

type ScheduleCase = Parameters<typeof monitoredSince>[0] & { status: string; clue_date: string; eliminated_date: string | null };

/** A household's facts from its row, its open and latest cases and its last visit (one household or all of them). */
function factsOf(h: { kind: string; status: string; created_at: string }, open: ScheduleCase | null, latest: ScheduleCase | null, lastVisitDate: string | null): ScheduleFacts {
  return {
    kind: h.kind,
    status: h.status,
    createdDate: h.created_at.slice(0, 10),
    openCase: open ? { status: open.status, clueDate: open.clue_date, includedDate: monitoredSince(open) } : null,
    latestCase: latest ? { status: latest.status, eliminatedDate: latest.eliminated_date } : null,
    lastVisitDate,
  };
}

/**
 * The schedule of a household registered just now, before it has a case or a visit: what
 * refreshing it after the INSERT would set, so a bulk writer can write it with the row.
 */
export function newHouseholdSchedule(h: { kind: string; status: string; created_at: string }, saved: readonly Thresholds[]): ComputedSchedule {
  return computeSchedule(factsOf(h, null, null, null), saved);
}

/** The cases a schedule reads (not deleted, not rejected), with the date of their last reopening; one household's or every household's. */
function scheduleCases(db: Db) {
  return db
    .selectFrom('monitoring_cases')
    .select(['status', 'clue_date', 'included_date', 'eliminated_date'])
    .select((eb) =>
      eb
        .selectFrom('case_steps')
        .select((s) => s.fn.max('step_date').as('d'))
        .whereRef('case_steps.case_id', '=', 'monitoring_cases.id')
        .where('case_steps.workflow', '=', 'reopen')
        .where('case_steps.deleted_at', 'is', null)
        .as('reopened_date'),
    )
    .where('deleted_at', 'is', null)
    .where('status', '<>', 'rejected');
}

/**
 * Recomputes one household's visit schedule (visit_cycle, last_visit_date, next_visit_due) from
 * its kind, its cases and its visits, with the visit frequencies in force. Called in the same
 * transaction by every change that can move it: a visit, a case opening, inclusion, elimination,
 * reopening, a household's kind or status changing.
 */
export async function refreshVisitSchedule(tx: Transaction<DB>, _ctx: HandlerContext, householdId: string): Promise<void> {
  const h = await tx
    .selectFrom('households')
    .select(['kind', 'status', 'created_at', 'visit_cycle', 'last_visit_date', 'next_visit_due'])
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (!h) return;
  const cases = await scheduleCases(tx)
    .where('household_id', '=', householdId)
    .orderBy('clue_date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const open = cases.find((c) => openStatuses.includes(c.status)) ?? null;
  const latest = cases[0] ?? null;
  const visit = await tx
    .selectFrom('visits')
    .select((eb) => eb.fn.max('visit_date').as('last'))
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const next = computeSchedule(factsOf(h, open, latest, visit?.last ?? null), await savedThresholds(tx));
  if (next.visit_cycle === h.visit_cycle && next.last_visit_date === h.last_visit_date && next.next_visit_due === h.next_visit_due) return;
  await tx.updateTable('households').set(next).where('id', '=', householdId).execute();
}

/**
 * Recomputes every household's schedule in one pass (thresholds saved, first use after the
 * upgrade, a seed): three reads, the rules in memory, and one UPDATE of the rows that changed.
 */
export async function refreshAllVisitSchedules(tx: Transaction<DB>, _ctx: HandlerContext): Promise<void> {
  await refreshAllSchedulesIn(tx);
}

/** Same as refreshAllVisitSchedules, for callers without a handler context (seed, migrations of data). Returns rows changed. */
export async function refreshAllSchedulesIn(db: Db): Promise<number> {
  const saved = await savedThresholds(db);
  const households = await db
    .selectFrom('households')
    .select(['id', 'kind', 'status', 'created_at', 'visit_cycle', 'last_visit_date', 'next_visit_due'])
    .execute();
  const cases = await scheduleCases(db)
    .select(['household_id', 'created_at'])
    .orderBy('household_id')
    .orderBy('clue_date')
    .orderBy('created_at')
    .execute();
  const visits = await db
    .selectFrom('visits')
    .select(['household_id', (eb) => eb.fn.max('visit_date').as('last')])
    .where('deleted_at', 'is', null)
    .groupBy('household_id')
    .execute();

  const openByHousehold = new Map<string, (typeof cases)[number]>();
  const latestByHousehold = new Map<string, (typeof cases)[number]>();
  for (const c of cases) {
    latestByHousehold.set(c.household_id, c); // ordered ascending: the last one wins
    if (openStatuses.includes(c.status)) openByHousehold.set(c.household_id, c);
  }
  const lastVisit = new Map(visits.map((v) => [v.household_id, v.last]));

  const changed: (ComputedSchedule & { id: string })[] = [];
  for (const h of households) {
    const open = openByHousehold.get(h.id) ?? null;
    const latest = latestByHousehold.get(h.id) ?? null;
    const next = computeSchedule(factsOf(h, open, latest, lastVisit.get(h.id) ?? null), saved);
    if (next.visit_cycle !== h.visit_cycle || next.last_visit_date !== h.last_visit_date || next.next_visit_due !== h.next_visit_due) {
      changed.push({ id: h.id, ...next });
    }
  }
  // One statement per chunk: the changed rows travel as one JSON parameter.
  const chunk = 5000;
  for (let i = 0; i < changed.length; i += chunk) {
    const json = JSON.stringify(changed.slice(i, i + chunk));
    await sql`
      UPDATE households SET
        visit_cycle = j.visit_cycle,
        last_visit_date = j.last_visit_date,
        next_visit_due = j.next_visit_due
      FROM (
        SELECT json_extract(value, '$.id') AS id,
               json_extract(value, '$.visit_cycle') AS visit_cycle,
               json_extract(value, '$.last_visit_date') AS last_visit_date,
               json_extract(value, '$.next_visit_due') AS next_visit_due
        FROM json_each(${json})
      ) AS j
      WHERE households.id = j.id`.execute(db);
  }
  return changed.length;
}

/** Databases whose schedules were brought up to date in this process (once after the upgrade). */
const checked = new WeakSet<object>();

/**
 * Households registered before the visit schedule existed (or written by an import) have none:
 * the first visits / measures read in a process recomputes every schedule once (only rows that
 * differ are written), then the services keep them current.
 */
export async function ensureVisitSchedules(ctx: HandlerContext): Promise<void> {
  if (checked.has(ctx.db)) return;
  await ctx.mutate(async (tx) => {
    await refreshAllSchedulesIn(tx);
  });
  checked.add(ctx.db);
}
