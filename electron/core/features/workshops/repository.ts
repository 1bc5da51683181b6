import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB, EmploymentSpellTable, WorkshopCheckTable, WorkshopTable } from '../../db/schema';

// 就业帮扶车间 rows: the workshop with its village, its checks, and the spells of its staff.

type Db = Kysely<DB> | Transaction<DB>;

export type WorkshopRecord = Selectable<WorkshopTable> & { village_name: string; last_check_on: string | null };

function withVillage(db: Db) {
  return db
    .selectFrom('workshops as w')
    .innerJoin('villages as v', 'v.id', 'w.village_id')
    .selectAll('w')
    .select('v.name as village_name')
    .select((eb) =>
      eb
        .selectFrom('workshop_checks as c')
        .select(sql<string>`max(c.checked_on)`.as('m'))
        .whereRef('c.workshop_id', '=', 'w.id')
        .where('c.deleted_at', 'is', null)
        .as('last_check_on'),
    )
    .where('w.deleted_at', 'is', null);
}

export function findWorkshop(db: Db, id: string): Promise<WorkshopRecord | undefined> {
  return withVillage(db).where('w.id', '=', id).executeTakeFirst();
}

export function listWorkshops(db: Db, f: { villageId?: string | undefined; state?: string | undefined }): Promise<WorkshopRecord[]> {
  let q = withVillage(db);
  if (f.villageId !== undefined) q = q.where('w.village_id', '=', f.villageId);
  if (f.state !== undefined) q = q.where('w.state', '=', f.state);
  return q.orderBy('v.sort_order').orderBy('v.code').orderBy('w.name').orderBy('w.id').execute();
}

export function findByCreditCode(db: Db, code: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('workshops').select(['id', 'name']).where('credit_code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertWorkshop(db: Db, row: Insertable<WorkshopTable>): Promise<void> {
  await db.insertInto('workshops').values(row).execute();
}

export async function updateWorkshop(db: Db, id: string, values: Updateable<WorkshopTable>): Promise<void> {
  await db.updateTable('workshops').set(values).where('id', '=', id).execute();
}

export async function insertCheck(db: Db, row: Insertable<WorkshopCheckTable>): Promise<void> {
  await db.insertInto('workshop_checks').values(row).execute();
}

export function checks(db: Db, workshopId: string) {
  return db
    .selectFrom('workshop_checks')
    .selectAll()
    .where('workshop_id', '=', workshopId)
    .where('deleted_at', 'is', null)
    .orderBy('checked_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export type StaffSpellRecord = Selectable<EmploymentSpellTable> & {
  member_name: string;
  household_code: string;
  household_kind: string;
  village_name: string;
};

/** Spells at the workshops, optionally only those touching `year`, oldest first. */
export function staffSpells(db: Db, workshopIds: readonly string[], year?: number): Promise<StaffSpellRecord[]> {
  if (workshopIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('employment_spells as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .innerJoin('households as h', 'h.id', 's.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .selectAll('s')
    .select(['m.name as member_name', 'h.household_code', 'h.kind as household_kind', 'v.name as village_name'])
    .where('s.deleted_at', 'is', null)
    .where('s.workshop_id', 'in', workshopIds);
  if (year !== undefined) {
    q = q.where('s.start_date', '<=', `${year}-12-31`).where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', `${year}-01-01`)]));
  }
  return q.orderBy('s.start_date').orderBy('s.id').execute();
}

/** Open spells today per workshop. */
export async function staffNow(db: Db, today: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('employment_spells')
    .select(['workshop_id', sql<number>`count(DISTINCT member_id)`.as('n')])
    .where('deleted_at', 'is', null)
    .where('workshop_id', 'is not', null)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .groupBy('workshop_id')
    .execute();
  return new Map(rows.map((r) => [r.workshop_id!, Number(r.n)]));
}

export function officeNames(db: Db) {
  return db.selectFrom('office').select(['county_name', 'township_name']).where('deleted_at', 'is', null).executeTakeFirst();
}
