import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Office, Village } from '../../../../shared/contract/settings';
import type { AuditLogTable, DB, OfficeTable, VillageGroupTable, VillageTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function getOffice(db: Db): Promise<(Office & { id: string }) | null> {
  const o = await db.selectFrom('office').selectAll().where('deleted_at', 'is', null).executeTakeFirst();
  if (!o) return null;
  return {
    id: o.id,
    countyName: o.county_name,
    countyCode: o.county_code,
    townshipName: o.township_name,
    townshipCode: o.township_code,
    phone: o.phone,
    idleMinutes: o.idle_minutes,
    version: o.version,
  };
}

/** The office row's version and last writer, read inside a save's transaction. */
export function officeVersion(db: Db, id: string) {
  return db.selectFrom('office').select(['version', 'updated_at', 'updated_by']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Villages in their set order, each with its groups; deleted ones are left out. */
export async function listVillages(db: Db): Promise<Village[]> {
  const villages = await db
    .selectFrom('villages')
    .select(['id', 'code', 'name', 'version'])
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const groups = await db
    .selectFrom('village_groups')
    .select(['id', 'name', 'village_id'])
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .execute();
  return villages.map((v) => ({
    ...v,
    groups: groups.filter((g) => g.village_id === v.id).map((g) => ({ id: g.id, name: g.name })),
  }));
}

export async function updateOffice(db: Db, id: string, values: Updateable<OfficeTable>): Promise<void> {
  await db.updateTable('office').set(values).where('id', '=', id).execute();
}

/** The living village that holds a village code (a code belongs to one village only), or undefined. */
export function findVillageByCode(db: Db, code: string) {
  return db.selectFrom('villages').select(['id', 'name']).where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findVillage(db: Db, id: string) {
  return db.selectFrom('villages').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Every village row, deleted ones included: a new village's place at the end of the list. */
export async function countVillageRows(db: Db): Promise<number> {
  const count = await db.selectFrom('villages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function insertVillage(db: Db, row: Insertable<VillageTable>): Promise<void> {
  await db.insertInto('villages').values(row).execute();
}

export async function updateVillage(db: Db, id: string, values: Updateable<VillageTable>): Promise<void> {
  await db.updateTable('villages').set(values).where('id', '=', id).execute();
}

/** A group renamed or added changes the village as its form shows it: its version moves on. */
export async function bumpVillageVersion(db: Db, id: string): Promise<void> {
  await db.updateTable('villages').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** One village's living groups (unordered, as stored). */
export function listVillageGroups(db: Db, villageId: string) {
  return db.selectFrom('village_groups').select(['id', 'name']).where('village_id', '=', villageId).where('deleted_at', 'is', null).execute();
}

export async function insertVillageGroup(db: Db, row: Insertable<VillageGroupTable>): Promise<void> {
  await db.insertInto('village_groups').values(row).execute();
}

export async function updateVillageGroup(db: Db, id: string, values: Updateable<VillageGroupTable>): Promise<void> {
  await db.updateTable('village_groups').set(values).where('id', '=', id).execute();
}

/** Households (in the register or cancelled, not deleted) that still point at a village. */
export async function countVillageHouseholds(db: Db, villageId: string): Promise<number> {
  const used = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('village_id', '=', villageId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(used.n);
}

export async function insertOffice(db: Db, row: Insertable<OfficeTable>): Promise<void> {
  await db.insertInto('office').values(row).execute();
}

/**
 * The first-run audit row, written directly: the audit writer takes the office code from the saved
 * office and the user from the session, and at setup neither exists yet.
 */
export async function insertSetupAudit(db: Db, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}
