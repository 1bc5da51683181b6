import type { Kysely, Transaction } from 'kysely';
import type { Office, Village } from '../../../../shared/contract/settings';
import type { DB } from '../../db/schema';

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
