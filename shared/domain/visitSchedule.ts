import { addMonths, daysBetween } from '../lib/dates';
import type { HouseholdKind, HouseholdStatus } from './household';
import type { CaseStatus, VisitCycle } from './monitoring';
import type { Thresholds } from './thresholds';

// 走访频次 (DOMAIN §9): an open case is visited monthly, an eliminated-risk case every six months,
// a stable exited-poverty household yearly — the months come from the thresholds in force, never
// from code. Pure rules; the core stores the result on the household (core/derived/visitSchedule.ts).

export interface VisitCycleFacts {
  householdKind: HouseholdKind;
  householdStatus: HouseholdStatus;
  /** Status of the household's open case (识别中 / 监测中), null without one. */
  openCaseStatus: CaseStatus | null;
  /** Status of the household's latest case that was not rejected (a rejected clue changes nothing), null without one. */
  latestCaseStatus: CaseStatus | null;
}

/**
 * Why, and so how often, a household is visited:
 * - a closed household is not visited;
 * - an open case (识别中 or 监测中) ⇒ `openCase`;
 * - no open case and the latest case's risk eliminated ⇒ `eliminated`;
 * - an exited-poverty household without open or eliminated case ⇒ `stableExited`;
 * - a 监测户 on the register with no case recorded (data kept before the program) ⇒ `openCase`;
 * - otherwise (an ordinary household without a case) ⇒ null.
 */
export function visitCycleOf(f: VisitCycleFacts): VisitCycle | null {
  if (f.householdStatus === 'closed') return null;
  if (f.openCaseStatus === 'identifying' || f.openCaseStatus === 'monitoring') return 'openCase';
  if (f.latestCaseStatus === 'eliminated') return 'eliminated';
  if (f.householdKind === 'povertyExited') return 'stableExited';
  if (f.householdKind === 'monitored' && f.latestCaseStatus === null) return 'openCase';
  return null;
}

export function cycleMonths(cycle: VisitCycle, t: Pick<Thresholds, 'visitOpenMonths' | 'visitEliminatedMonths' | 'visitStableMonths'>): number {
  switch (cycle) {
    case 'openCase':
      return t.visitOpenMonths;
    case 'eliminated':
      return t.visitEliminatedMonths;
    case 'stableExited':
      return t.visitStableMonths;
  }
}

export interface NextVisitFacts {
  cycle: VisitCycle;
  lastVisitDate: string | null;
  /**
   * When the household entered this cycle: the case's inclusion date (its clue date while 识别中)
   * for `openCase`, the elimination date for `eliminated`, the household's registration date for
   * `stableExited`.
   */
  cycleStartDate: string;
}

/**
 * The date the counting starts from: the last visit, but never before the cycle started (a visit
 * made long before a case opened does not make the first monthly visit overdue on day one).
 */
export function visitBaseDate(f: Pick<NextVisitFacts, 'lastVisitDate' | 'cycleStartDate'>): string {
  if (f.lastVisitDate === null) return f.cycleStartDate;
  return f.lastVisitDate > f.cycleStartDate ? f.lastVisitDate : f.cycleStartDate;
}

/** Base date + the cycle's months (month-end days clamp: 31 Jan + 1 month = 28/29 Feb). */
export function nextVisitDue(
  f: NextVisitFacts,
  t: Pick<Thresholds, 'visitOpenMonths' | 'visitEliminatedMonths' | 'visitStableMonths'>,
): string {
  return addMonths(visitBaseDate(f), cycleMonths(f.cycle, t));
}

/** Days past due on `today` (0 when due today or later). */
export function overdueDays(nextDue: string | null, today: string): number {
  if (nextDue === null) return 0;
  return Math.max(0, daysBetween(nextDue, today));
}
