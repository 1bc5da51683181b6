import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { UserRow } from '../../../../shared/contract/users';
import type { DB, LoginFailureTable, UserTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export function findByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().where('deleted_at', 'is', null).orderBy('created_at').execute();
}

export function countActiveAdmins(db: Db, exceptId?: string) {
  let q = db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, values: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

// The office's minutes before the screen locks, if set up. Read here rather than through settings'
// repository: settings imports this feature, and features may not import each other in a circle.
export async function officeIdleMinutes(db: Db): Promise<number | undefined> {
  const office = await db.selectFrom('office').select('idle_minutes').executeTakeFirst();
  return office?.idle_minutes;
}

/** The latest burst of failed sign-ins for a login name that is still running (its last failure at or after `since`). */
export function findFailureBurst(db: Db, nameKey: string, since: string) {
  return db
    .selectFrom('login_failures')
    .select(['id', 'failures'])
    .where('name_key', '=', nameKey)
    .where('last_at', '>=', since)
    .orderBy('last_at', 'desc')
    .executeTakeFirst();
}

export async function updateFailureBurst(db: Db, id: string, values: Updateable<LoginFailureTable>): Promise<void> {
  await db.updateTable('login_failures').set(values).where('id', '=', id).execute();
}

export async function insertFailureBurst(db: Db, row: Insertable<LoginFailureTable>): Promise<void> {
  await db.insertInto('login_failures').values(row).execute();
}

export function toUserRow(u: Selectable<UserTable>): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    version: u.version,
    role: u.role,
    active: u.active === 1,
    createdAt: u.created_at,
    lastLoginAt: u.last_login_at,
  };
}
