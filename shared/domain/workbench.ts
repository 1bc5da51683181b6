// The workbench's counting rules (issue 14), in one place so the core's SQL, the tests and the
// screen agree on what "due soon", "overdue" and "visited this quarter" mean.
import { addDays, addMonths, endOfMonth } from '../lib/dates';
import { quarterOf, quarterRange } from './quarter';

/**
 * How many days ahead a deadline counts as "about to fall due" on the workbench. It is an
 * attention window of the program, not a policy figure (the deadlines themselves come from the
 * yearly thresholds), so it is not a yearly setting.
 */
export const DUE_SOON_DAYS = 3;

export type DueState = 'overdue' | 'soon' | null;

/** A deadline on `today`: past it → overdue; today up to DUE_SOON_DAYS ahead → soon; else nothing. */
export function dueState(deadline: string | null | undefined, today: string): DueState {
  if (!deadline) return null;
  if (deadline < today) return 'overdue';
  if (deadline <= addDays(today, DUE_SOON_DAYS)) return 'soon';
  return null;
}

/** The last day still counted as "soon" (inclusive). */
export function dueSoonUntil(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}

/** A household's next visit: overdue before today; due this month up to the month's last day. */
export function visitDueState(nextVisitDue: string | null | undefined, today: string): 'overdue' | 'thisMonth' | null {
  if (!nextVisitDue) return null;
  if (nextVisitDue < today) return 'overdue';
  if (nextVisitDue <= endOfMonth(today)) return 'thisMonth';
  return null;
}

/** The quarter `today` falls in, as first and last day. */
export function currentQuarter(today: string): { from: string; to: string } {
  return quarterRange(quarterOf(today));
}

/**
 * Visit completion this quarter for a household on a visit cycle: it had to be visited in the
 * quarter when it was visited in it (a visit moves the due date on) or its next visit falls due
 * by the quarter's end; it is done when its last visit lies in the quarter.
 */
export function quarterVisit(
  h: { visitCycle: string | null; lastVisitDate: string | null; nextVisitDue: string | null },
  today: string,
): { due: boolean; done: boolean } {
  if (!h.visitCycle) return { due: false, done: false };
  const q = currentQuarter(today);
  const done = h.lastVisitDate !== null && h.lastVisitDate >= q.from && h.lastVisitDate <= today;
  const due = done || (h.nextVisitDue !== null && h.nextVisitDue <= q.to);
  return { due, done };
}

/** The 24 months ending with today's month, oldest first, as 'YYYY-MM'. */
export function trendMonths(today: string, n = 24): string[] {
  const first = addMonths(`${today.slice(0, 7)}-01`, -(n - 1));
  return Array.from({ length: n }, (_, i) => addMonths(first, i).slice(0, 7));
}
