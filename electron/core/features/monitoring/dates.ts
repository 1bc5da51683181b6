import type { Transaction } from 'kysely';
import { identificationDeadline, planDueDate, thresholdsInForce } from '../../../../shared/domain/thresholds';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { savedThresholds } from '../../derived/thresholds';
import * as repo from './repository';

/**
 * Recomputes the identification deadline and the help-plan due date of every open case from the
 * thresholds in force on the clue date and on the inclusion date. Called by thresholds.save in
 * its transaction (the admin's save is the audited change; these dates are derived from it).
 */
export async function refreshOpenCaseDates(tx: Transaction<DB>, _ctx: HandlerContext): Promise<void> {
  const saved = await savedThresholds(tx);
  for (const c of await repo.openCasesForDates(tx)) {
    const deadline = identificationDeadline(c.clue_date, thresholdsInForce(saved, c.clue_date));
    const planDue = c.included_date ? planDueDate(c.included_date, thresholdsInForce(saved, c.included_date)) : null;
    if (deadline !== c.deadline_date || planDue !== c.plan_due_date) {
      await repo.updateCase(tx, c.id, { deadline_date: deadline, plan_due_date: planDue });
    }
  }
}
