// A batch of forms (打印一批 and the bench's 100 识别审批表): every case's facts and signatures read
// with one query per table for the whole batch, instead of some twenty round trips a form. The
// forms are built by the same code from the same rows (tests/integration/paperBatch.test.ts).
import { sql } from 'kysely';
import type { FormKind } from '../../../../../shared/domain/paper';
import type { HandlerContext } from '../../../context';
import { detail as caseDetail } from '../../monitoring/service';
import { groupBy, inSlices, loadCaseRows } from '../../monitoring/caseBatch';
import { getOffice } from '../../settings/repository';
import { signaturesOfRecords } from '../repository';
import { assembleFacts, type FactsCache } from './facts';
import { buildForm, type BuiltForm } from './index';

/** Reads the facts of `caseIds` into `cache` (a case already there, or not found, is left alone). */
export async function prefetchFacts(ctx: HandlerContext, caseIds: readonly string[], cache: FactsCache): Promise<void> {
  const ids = caseIds.filter((id) => !cache.has(id));
  if (ids.length === 0) return;
  const db = ctx.db;
  const rows = await loadCaseRows(db, ids);
  const householdIds = [...new Set([...rows.values()].map((r) => r.h.id))];
  const caseIdsFound = [...rows.keys()];
  const members = await inSlices(householdIds, (s) =>
    db
      .selectFrom('members')
      .selectAll()
      .where('household_id', 'in', s)
      .where('deleted_at', 'is', null)
      .orderBy('household_id')
      .orderBy(sql`status = 'current'`, 'desc')
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  );
  const incomes = await inSlices(householdIds, (s) =>
    db.selectFrom('incomes').selectAll().where('household_id', 'in', s).where('deleted_at', 'is', null).orderBy('household_id').orderBy('year', 'desc').execute(),
  );
  const measures = await inSlices(caseIdsFound, (s) =>
    db
      .selectFrom('measures as m')
      .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
      .selectAll('m')
      .select(['t.name as type_name', 't.family as type_family', 't.has_amount as type_has_amount'])
      .where('m.deleted_at', 'is', null)
      .where('m.case_id', 'in', s)
      .orderBy('m.planned_date')
      .orderBy('m.id')
      .execute(),
  );
  const office = await getOffice(db);
  const membersBy = groupBy(members, (m) => m.household_id);
  const incomesBy = groupBy(incomes, (i) => i.household_id);
  const measuresBy = groupBy(measures, (m) => m.case_id);
  const today = ctx.today();
  for (const [id, r] of rows) {
    const detail = await caseDetail(db, id, today, r);
    cache.set(id, Promise.resolve(assembleFacts(detail, office, membersBy.get(r.h.id) ?? [], incomesBy.get(r.h.id) ?? [], r.thresholds, measuresBy.get(id) ?? [])));
  }
}

/** Builds one form of `kind` for each case, in order; `each` hears of every form built. */
export async function buildForms(
  ctx: HandlerContext,
  kind: Exclude<FormKind, 'form.visit'>,
  caseIds: readonly string[],
  each?: (form: BuiltForm, index: number) => void,
): Promise<BuiltForm[]> {
  const cache: FactsCache = new Map();
  await prefetchFacts(ctx, caseIds, cache);
  const signatures = groupBy(
    (await inSlices(caseIds, (s) => signaturesOfRecords(ctx.db, s))).filter((r) => r.form_kind === kind),
    (r) => r.record_id,
  );
  const forms: BuiltForm[] = [];
  for (const [i, id] of caseIds.entries()) {
    const form = await buildForm(ctx, kind, id, cache, signatures.get(id) ?? []);
    forms.push(form);
    each?.(form, i);
  }
  return forms;
}
