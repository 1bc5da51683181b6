import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { savedThresholds } from '../../derived/thresholds';
import type { Thresholds } from '../../../../shared/domain/thresholds';
import type { CaseHouseholdRecord, CaseRecord, ObjectionRecord, RiskRecord, StepWithUser } from './repository';
import { caseMeasureColumns, type measuresOf, type visitsOf } from './repository';

// The rows the case page is built from, for many cases at once. A batch of 100 printed forms read
// each case's rows with a dozen small queries, one round trip each (about 19 a form), and the
// round trips, not the queries, were most of the time. These read the same rows, in the same order
// per case, with one query per table for the whole batch (see repository.ts for the single-case
// queries they mirror; tests/integration/paperBatch.test.ts checks the results are equal).

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
  const households = await inSlices(householdIds, (s) =>
    db
      .selectFrom('households as h')
      .innerJoin('villages as v', 'v.id', 'h.village_id')
      .innerJoin('village_groups as g', 'g.id', 'h.group_id')
      .selectAll('h')
      .select(['v.name as village_name', 'g.name as group_name'])
      .where('h.id', 'in', s)
      .where('h.deleted_at', 'is', null)
      .execute(),
  );
  const risks = await inSlices(caseIds, (s) => db.selectFrom('case_risks').selectAll().where('case_id', 'in', s).orderBy('created_at').orderBy('id').execute());
  const steps = await inSlices(caseIds, (s) =>
    db
      .selectFrom('case_steps as s')
      .leftJoin('users as u', 'u.id', 's.updated_by')
      .selectAll('s')
      .select('u.display_name as recorded_by_name')
      .where('s.case_id', 'in', s)
      .where('s.deleted_at', 'is', null)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute(),
  );
  const objections = await inSlices(caseIds, (s) =>
    db.selectFrom('notice_objections').selectAll().where('case_id', 'in', s).where('deleted_at', 'is', null).orderBy('received_date').orderBy('created_at').execute(),
  );
  const measures = await inSlices(caseIds, (s) =>
    db
      .selectFrom('measures as m')
      .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
      .select(['m.case_id', ...caseMeasureColumns])
      .where('m.case_id', 'in', s)
      .where('m.deleted_at', 'is', null)
      // Through ix_measures_case, as the single-case query: equal dates keep the same order.
      .orderBy('m.case_id')
      .orderBy('m.planned_date')
      .execute(),
  );
  const visits = await inSlices(caseIds, (s) =>
    db
      .selectFrom('visits')
      .select(['case_id', 'id', 'visit_date', 'visitors', 'kind', 'findings'])
      .where('case_id', 'in', s)
      .where('deleted_at', 'is', null)
      .orderBy('case_id')
      .orderBy('visit_date')
      .execute(),
  );
  const incomes = await inSlices(householdIds, (s) =>
    db.selectFrom('incomes').select(['household_id', 'year', 'per_capita_fen']).where('household_id', 'in', s).where('deleted_at', 'is', null).orderBy('year', 'desc').execute(),
  );
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
