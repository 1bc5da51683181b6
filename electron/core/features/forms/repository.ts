import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, SignatureTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export type SignatureRecord = Selectable<SignatureTable>;

/** Every signature row of one form (all blocks, superseded ones included), oldest first. */
export function signaturesOf(db: Db, formKind: string, recordId: string): Promise<SignatureRecord[]> {
  return db
    .selectFrom('signatures')
    .selectAll()
    .where('record_id', '=', recordId)
    .where('form_kind', '=', formKind)
    .where('deleted_at', 'is', null)
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
}

/** Every signature row of several records (a case and its visits), for the status view. */
export function signaturesOfRecords(db: Db, recordIds: readonly string[]): Promise<SignatureRecord[]> {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('signatures')
    .selectAll()
    .where('record_id', 'in', recordIds)
    .where('deleted_at', 'is', null)
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
}

export function findSignature(db: Db, id: string): Promise<SignatureRecord | undefined> {
  return db.selectFrom('signatures').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertSignature(db: Db, row: Insertable<SignatureTable>): Promise<void> {
  await db.insertInto('signatures').values(row).execute();
}

export async function updateSignature(db: Db, id: string, values: Updateable<SignatureTable>): Promise<void> {
  await db.updateTable('signatures').set(values).where('id', '=', id).execute();
}

/** Open cases waiting at a workflow step (optionally in one village), by case code. */
export function casesAtStep(db: Db, workflow: string, step: string, villageId: string | undefined) {
  let q = db
    .selectFrom('monitoring_cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .select(['c.id', 'c.case_code', 'h.household_code', 'h.head_name', 'v.name as village_name'])
    .where('c.deleted_at', 'is', null)
    .where('c.status', 'in', ['identifying', 'monitoring'])
    .where('c.active_workflow', '=', workflow)
    .where('c.next_step', '=', step);
  if (villageId !== undefined) q = q.where('h.village_id', '=', villageId);
  return q.orderBy('v.sort_order').orderBy('c.case_code').execute();
}

/** The case's visits, oldest first. */
export function visitIdsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('visits')
    .select(['id', 'visit_date'])
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('visit_date')
    .orderBy('id')
    .execute();
}
