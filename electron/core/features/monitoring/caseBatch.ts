import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { savedThresholds } from '../../derived/thresholds';
import type { Thresholds } from '../../../../shared/domain/thresholds';
import type { CaseHouseholdRecord, CaseRecord, measuresOf, ObjectionRecord, RiskRecord, StepWithUser, visitsOf } from './repository';
import * as repo from './repository';
import { householdsWithPlace } from '../households/repository';

// The rows the case page is built from, for many cases at once. A batch of 100 printed forms read
// each case's rows with a dozen small queries, one round trip each (about 19 a form), and the
// round trips, not the queries, were most of the time. These read the same rows, in the same order
// per case, with one query per table for the whole batch: the single-case queries' own builders
// from repository.ts, filtered by `in` (tests/integration/paperBatch.test.ts checks the results are equal).

type Db = Kysely<DB> | Transaction<DB>;

export interface CaseRows {
  c: CaseRecord;
  h: CaseHouseholdRecord;
  risks: RiskRecord[];
  steps: StepWithUser[];
  objections: ObjectionRecord[];
  measures: Awaited<ReturnType<typeof measuresOf>>;
  visits: Awaited<ReturnType<typeof visitsOf>>;
  /** Every saved threshold year (what thresholdsOn reads). */
  thresholds: Thresholds[];
  /** The household's latest yearly income, as repository.latestIncome. */
  latestIncome: { year: number; per_capita_fen: number } | undefined;
}

/** SQLite limits bound parameters: ids go in slices well below it. */
export async function inSlices<T>(ids: readonly string[], load: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await load(ids.slice(i, i + 500))));
  return out;
}

/** Rows grouped by a key, each group in the order the query returned them. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The rows of every existing case among `ids` (a deleted or unknown id is left out). */
export async function loadCaseRows(db: Db, ids: readonly string[]): Promise<Map<string, CaseRows>> {
  const cases = await inSlices(ids, (s) => db.selectFrom('monitoring_cases').selectAll().where('id', 'in', s).where('deleted_at', 'is', null).execute());
  const caseIds = cases.map((c) => c.id);
  const householdIds = [...new Set(cases.map((c) => c.household_id))];
  const households = await inSlices(householdIds, (s) => householdsWithPlace(db).where('h.id', 'in', s).execute());
  const risks = await inSlices(caseIds, (s) => repo.risksInOrder(db).where('case_id', 'in', s).execute());
  const steps = await inSlices(caseIds, (s) => repo.stepsInOrder(db).where('s.case_id', 'in', s).execute());
  const objections = await inSlices(caseIds, (s) => repo.objectionsInOrder(db).where('case_id', 'in', s).execute());
  // Through ix_measures_case, as the single-case query: equal dates keep the same order.
  const measures = await inSlices(caseIds, (s) =>
    repo.caseMeasures(db).select('m.case_id').where('m.case_id', 'in', s).orderBy('m.case_id').orderBy('m.planned_date').execute(),
  );
  const visits = await inSlices(caseIds, (s) => repo.caseVisits(db).select('case_id').where('case_id', 'in', s).orderBy('case_id').orderBy('visit_date').execute());
  const incomes = await inSlices(householdIds, (s) => repo.incomesNewestFirst(db).select('household_id').where('household_id', 'in', s).execute());
  const thresholds = await savedThresholds(db);

  const householdById = new Map(households.map((h) => [h.id, h]));
  const risksBy = groupBy(risks, (r) => r.case_id);
  const stepsBy = groupBy(steps, (r) => r.case_id);
  const objectionsBy = groupBy(objections, (r) => r.case_id);
  const measuresBy = groupBy(measures, (r) => r.case_id);
  const visitsBy = groupBy(visits, (r) => r.case_id ?? '');
  const latestBy = new Map<string, { year: number; per_capita_fen: number }>();
  for (const i of incomes) if (!latestBy.has(i.household_id)) latestBy.set(i.household_id, { year: i.year, per_capita_fen: i.per_capita_fen });

  const out = new Map<string, CaseRows>();
  for (const c of cases) {
    const h = householdById.get(c.household_id);
    if (!h) continue;
    out.set(c.id, {
      c,
      h,
      risks: risksBy.get(c.id) ?? [],
      steps: stepsBy.get(c.id) ?? [],
      objections: objectionsBy.get(c.id) ?? [],
      measures: (measuresBy.get(c.id) ?? []).map(({ case_id: _caseId, ...m }) => m),
      visits: (visitsBy.get(c.id) ?? []).map(({ case_id: _caseId, ...v }) => v),
      thresholds,
      latestIncome: latestBy.get(c.household_id),
    });
  }
  return out;
}
