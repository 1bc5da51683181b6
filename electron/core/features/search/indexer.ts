import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { householdKeys, memberKeys } from './keys';

// Keeps search_keys in step with households and members. The write paths call reindexHousehold
// in the same transaction as the change. Triggers (migration 0022) note in search_dirty every
// household whose searchable columns were written; a rebuild clears its note, so catchUpSearchKeys
// only reads what is left (data written by the seed, the import or outside the program), not
// every record at every start. A county's import leaves 30,000 households noted: their keys are
// built after its commit, a chunk at a time (catchUp.ts), not inside its transaction.

type Db = Kysely<DB> | Transaction<DB>;

interface Row {
  key: string;
  kind: 'household' | 'member';
  record_id: string;
  household_id: string;
}

async function insertKeys(db: Db, rows: Row[]): Promise<void> {
  // One JSON text a statement: binding every column of every key through the query builder cost a
  // quarter more (a county's import writes about 660,000 keys).
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = JSON.stringify(rows.slice(i, i + 2000).map((r) => [r.key, r.kind, r.record_id, r.household_id]));
    await sql`INSERT INTO search_keys (key, kind, record_id, household_id)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(${batch})`.execute(db);
  }
}

/** Rebuilds the keys of the given households and all their members. */
export async function reindexHouseholds(db: Db, householdIds: readonly string[]): Promise<void> {
  for (let i = 0; i < householdIds.length; i += 500) {
    const ids = householdIds.slice(i, i + 500);
    await db.deleteFrom('search_keys').where('household_id', 'in', ids).execute();
    await db.deleteFrom('search_dirty').where('household_id', 'in', ids).execute();
    const [households, members] = await Promise.all([
      db.selectFrom('households').select(['id', 'household_code', 'head_name', 'phone']).where('id', 'in', ids).where('deleted_at', 'is', null).execute(),
      db
        .selectFrom('members')
        .select(['id', 'household_id', 'name', 'id_number', 'phone'])
        .where('household_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute(),
    ]);
    const rows: Row[] = [];
    for (const h of households) {
      for (const key of householdKeys(h)) rows.push({ key, kind: 'household', record_id: h.id, household_id: h.id });
    }
    for (const m of members) {
      for (const key of memberKeys(m)) rows.push({ key, kind: 'member', record_id: m.id, household_id: m.household_id });
    }
    await insertKeys(db, rows);
  }
}

export function reindexHousehold(db: Db, householdId: string): Promise<void> {
  return reindexHouseholds(db, [householdId]);
}

/** The household of a member, then its keys rebuilt. */
export async function reindexMember(db: Db, memberId: string): Promise<void> {
  const m = await db.selectFrom('members').select('household_id').where('id', '=', memberId).executeTakeFirst();
  if (m) await reindexHouseholds(db, [m.household_id]);
}

/** Rebuilds the keys of every household noted in search_dirty, or of the first `limit` of them. Returns how many. */
export async function catchUpSearchKeys(db: Db, limit?: number): Promise<number> {
  let q = db.selectFrom('search_dirty').select('household_id');
  if (limit !== undefined) q = q.limit(limit);
  const ids = (await q.execute()).map((r) => r.household_id);
  if (ids.length > 0) await reindexHouseholds(db, ids);
  return ids.length;
}

/** How many households' keys wait to be rebuilt (their names, ID numbers and codes are found all the same: service.ts). */
export async function searchKeysBehind(db: Db): Promise<number> {
  const row = await db.selectFrom('search_dirty').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
