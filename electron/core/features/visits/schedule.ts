import type { Transaction } from 'kysely';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';

/**
 * Recomputes one household's visit schedule (visit_cycle, last_visit_date, next_visit_due) from
 * its kind, its cases and its visits, with the visit frequencies in force. Called in the same
 * transaction by every change that can move it: a visit, a case opening, inclusion, elimination,
 * reopening, a household's kind or status changing.
 */
export async function refreshVisitSchedule(_tx: Transaction<DB>, _ctx: HandlerContext, _householdId: string): Promise<void> {
  // Implemented with the visits feature.
}
