import type { Kysely, Selectable, Transaction } from 'kysely';
import type { UserRow } from '../../../../shared/contract/users';
import type { DB, UserTable } from '../../db/schema';

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
