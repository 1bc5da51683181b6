// Help measures of a generated case: ones that answer its risks, from the catalog.

import type { MeasureStatus } from '../../../shared/domain/monitoring';
import { addDays, daysBetween } from '../../../shared/lib/dates';
import { typicalFor } from './monitoringCatalog';
import type { MonitoringGenerator } from './monitoringGenerator';
import { between, minDate, yuan } from './monitoringTables';
import type { SeedCase, SeedMeasure } from './monitoringTypes';
import { intIn, pick } from './sampling';

export function measuresFor(gen: MonitoringGenerator, c: SeedCase, caseIndex: number): SeedMeasure[] {
  if (c.includedDate === null) return [];
  const rng = gen.rng;
  const A = gen.asOf;
  const included = c.includedDate;
  const planDue = c.planDueDate ?? addDays(included, 10);
  // Cases in (or through) risk elimination had every measure carried out before the nomination.
  const closing = c.status === 'eliminated' || c.activeWorkflow === 'elimination';
  const end = closing ? (c.steps.find((s) => s.workflow === 'elimination')?.date ?? A) : A;
  // A plan is due within the deadline: a just-included case may have none yet, and a few are late.
  if (!closing && ((planDue >= A && rng() < 0.5) || rng() < 0.02)) return [];
  const out: SeedMeasure[] = [];
  const caseRisks = c.risks.map((r) => r.riskType);
  // Occasionally one risk of an open case is still without a measure (the case page flags it).
  const uncovered = !closing && caseRisks.length > 1 && rng() < 0.04 ? caseRisks[caseRisks.length - 1] : null;
  for (const risk of caseRisks) {
    if (risk === uncovered) continue;
    const types = gen.catalog.filter((t) => t.riskTypes.includes(risk));
    if (types.length === 0) continue;
    const count = 2 + (rng() < 0.7 ? 1 : 0) + (rng() < 0.4 ? 1 : 0) + (rng() < 0.15 ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const type = pick(rng, types);
      const answers = [risk, ...caseRisks.filter((r) => r !== risk && type.riskTypes.includes(r) && rng() < 0.3)];
      // The first measures are planned within the plan deadline; later ones over the months after.
      const span = Math.max(1, daysBetween(included, end));
      const planned = k === 0 ? addDays(included, intIn(rng, 1, Math.max(1, daysBetween(included, planDue)))) : addDays(included, intIn(rng, 1, span));
      const doneOn = addDays(planned, intIn(rng, 5, 90));
      let status: MeasureStatus;
      let doneDate: string | null = null;
      if (closing) {
        status = k > 0 && rng() < 0.04 ? 'cancelled' : 'done';
        if (status === 'done') doneDate = minDate(doneOn, end);
      } else if (rng() < 0.04 && k > 0) {
        status = 'cancelled';
      } else if (planned > A) {
        status = 'planned';
      } else if (doneOn <= A && rng() < 0.85) {
        status = 'done';
        doneDate = doneOn;
      } else {
        status = rng() < 0.75 ? 'inProgress' : 'planned';
      }
      const typical = typicalFor(type);
      out.push({
        caseIndex,
        householdIndex: c.householdIndex,
        code: type.code,
        riskTypes: answers,
        responsibleUnit: typical.unit,
        helperName: c.helperName,
        plannedDate: minDate(planned, addDays(A, 60)),
        doneDate: doneDate !== null && doneDate < planned ? planned : doneDate,
        status,
        amountFen: type.hasAmount ? yuan(between(rng, typical.yuan[0], typical.yuan[1])) : null,
        note: status === 'cancelled' ? '情况变化，改为其他措施' : null,
      });
    }
  }
  out.sort((a, b) => (a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : 0));
  return out;
}
