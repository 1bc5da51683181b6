// Visits to the generated households at the frequencies of DOMAIN §9.

import type { Guarantees, VisitKind } from '../../../shared/domain/monitoring';
import { addDays, addMonths } from '../../../shared/lib/dates';
import type { MonitoringGenerator } from './monitoringGenerator';
import { findingsText, minDate, secureGuarantees } from './monitoringTables';
import type { HouseholdFacts, SeedCase, SeedVisit } from './monitoringTypes';
import { intIn, pick } from './sampling';

export function allVisits(gen: MonitoringGenerator, cases: readonly SeedCase[]): SeedVisit[] {
  const rng = gen.rng;
  const A = gen.asOf;
  const out: SeedVisit[] = [];
  const caseOf = new Map<number, number>();
  cases.forEach((c, i) => caseOf.set(c.householdIndex, i));

  const push = (f: HouseholdFacts, caseIndex: number | null, date: string, kind: VisitKind, text: readonly string[], guarantees: Guarantees | null, helper: string) => {
    const month = date.slice(5, 7);
    const year = Number(date.slice(0, 4));
    // The year-end visit of a case household records the year's income.
    const incomeYear = caseIndex !== null && (month === '12' || month === '01') && rng() < 0.5 ? (month === '12' ? year : year - 1) : null;
    out.push({
      householdIndex: f.index,
      caseIndex,
      date,
      visitors: gen.team(f, helper, rng() < 0.5 ? 1 : 2),
      kind,
      findings: pick(rng, text),
      guarantees,
      incomeYear: incomeYear !== null && gen.years.includes(incomeYear) ? incomeYear : null,
    });
  };

  /** A visit every `months` from `start` until `until`, a few days either side of the due day. */
  const cycle = (from: string, until: string, months: number, lapse: boolean, each: (date: string, n: number) => void) => {
    let due = addMonths(from, months);
    const stopBy = lapse ? addDays(A, -intIn(rng, 25, 70)) : A;
    const last = minDate(until, stopBy);
    let n = 0;
    for (let guard = 0; guard < 200; guard++) {
      const date = addDays(due, -intIn(rng, 0, months > 1 ? 20 : 8));
      if (date > last) break;
      each(date, n++);
      due = addMonths(date, months);
    }
  };

  for (const f of gen.facts) {
    const ci = caseOf.get(f.index);
    const c = ci === undefined ? null : cases[ci]!;
    if (c && c.status !== 'rejected') {
      const helper = c.helperName ?? gen.helperOf(f);
      const lapse = rng() < 0.08;
      if (c.status === 'identifying') {
        if (rng() < 0.5) push(f, ci!, minDate(addDays(c.clueDate, intIn(rng, 0, 3)), A), 'routine', findingsText.identifying, null, helper);
        continue;
      }
      const included = c.includedDate!;
      const openUntil = c.eliminatedDate ?? A;
      const months = gen.t(included).visitOpenMonths;
      cycle(included, openUntil, months, c.status === 'monitoring' && lapse, (date, n) => {
        const evaluation = n % 3 === 2;
        push(f, ci!, date, evaluation ? 'evaluation' : 'routine', evaluation ? findingsText.evaluation : findingsText.open, c.guarantees, helper);
      });
      if (c.status === 'eliminated') {
        const elim = c.eliminatedDate!;
        cycle(elim, A, gen.t(elim).visitEliminatedMonths, lapse, (date) => push(f, ci!, date, 'return', findingsText.eliminatedReturn, secureGuarantees(), helper));
      }
      continue;
    }
    if (f.h.kind === 'povertyExited') {
      // Stable exited households: one visit a year, usually at the spring or autumn screening.
      const helper = gen.helperOf(f);
      for (const year of gen.years) {
        if (year === gen.year && rng() < 0.12) continue; // not yet visited this year
        const autumn = rng() < 0.5;
        const date = autumn ? addDays(`${year}-09-01`, intIn(rng, 0, 75)) : addDays(`${year}-03-01`, intIn(rng, 0, 75));
        if (date > A) continue;
        push(f, null, date, rng() < 0.6 ? 'screening' : 'routine', findingsText.stable, rng() < 0.4 ? secureGuarantees() : null, helper);
      }
    }
  }
  out.sort((a, b) => a.householdIndex - b.householdIndex || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}
