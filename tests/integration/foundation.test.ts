import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { openDatabase } from '../../electron/core/db/open';
import { migrations } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations/types';
import { adminPassword, openTestOffice, setupInput, userPassword, type TestOffice } from './harness';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ledger-found-'));
  dirs.push(d);
  return d;
}
const offices: TestOffice[] = [];
async function office(): Promise<TestOffice> {
  const o = await openTestOffice();
  offices.push(o);
  return o;
}
afterEach(async () => {
  for (const o of offices.splice(0)) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the data file', () => {
  it('creates the schema from empty with the durable PRAGMAs, and re-opens without migrating or backing up', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    expect(first.backupFile).toBeNull();
    const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(first.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('synchronous')).toBe(2); // FULL
    await first.db.destroy();

    const again = await openDatabase({ dataDir });
    expect(again.applied).toEqual([]);
    expect(again.backupFile).toBeNull();
    await again.db.destroy();
    expect(readdirSync(dataDir)).not.toContain('backups');
  });

  it('copies a non-empty database into backups/ before migrating it, and the copy holds the old data', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    await sql`INSERT INTO audit_log (id, office_code, at, user_name, channel, entity, entity_id, summary, changes)
      VALUES ('a1', '350421101', '2026-01-01T00:00:00Z', 't', 'x.y', 'e', '1', 's', '[]')`.execute(first.db);
    await first.db.destroy();

    const addColumn: Migration = {
      name: '9999_test_column',
      async up(db: Kysely<unknown>) {
        await sql`ALTER TABLE households ADD COLUMN test_note TEXT`.execute(db);
      },
    };
    const second = await openDatabase({ dataDir, migrations: [...migrations, addColumn] });
    expect(second.applied).toEqual(['9999_test_column']);
    expect(second.backupFile).toMatch(/backups[\\/]before-migrate-.*9999_test_column\.sqlite$/);
    await second.db.destroy();

    // The backup is a complete database of the state before the migration.
    const backupDir = tempDir();
    const { copyFileSync } = await import('node:fs');
    copyFileSync(second.backupFile!, join(backupDir, 'ledger.sqlite'));
    const backup = await openDatabase({ dataDir: backupDir, migrations });
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(backup.db);
    expect(rows.rows[0]?.n).toBe(1);
    const cols = await sql<{ name: string }>`PRAGMA table_info(households)`.execute(backup.db);
    expect(cols.rows.map((c) => c.name)).not.toContain('test_note');
    await backup.db.destroy();
  });

  it('upgrades with a small page cache and its sorts on disk, then opens with the everyday settings', async () => {
    // A county's first opening after an upgrade held ~240 MB more than a steady start (issue 11.7):
    // the copy before migrating ran with the 64 MiB cache, the index rebuilds sorted in memory.
    const dataDir = tempDir();
    await (await openDatabase({ dataDir })).db.destroy();
    const seen: unknown[][] = [];
    const pragmas = async (db: Kysely<unknown>) =>
      Promise.all(['cache_size', 'temp_store'].map(async (name) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0]));
    const look: Migration = {
      name: '9997_look_at_the_pragmas',
      async up(db: Kysely<unknown>) {
        seen.push(await pragmas(db));
      },
    };
    const upgraded = await openDatabase({ dataDir, migrations: [...migrations, look] });
    expect(upgraded.applied).toEqual(['9997_look_at_the_pragmas']);
    expect(upgraded.backupFile).not.toBeNull();
    expect(seen).toEqual([[-8192, 1]]); // 8 MiB; 1 = FILE
    expect(await pragmas(upgraded.db as unknown as Kysely<unknown>)).toEqual([-65536, 2]); // 64 MiB; 2 = MEMORY
    await upgraded.db.destroy();
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const dataDir = tempDir();
    const broken: Migration = {
      name: '9998_broken',
      async up(db: Kysely<unknown>) {
        await sql`CREATE TABLE half_done (id TEXT)`.execute(db);
        await sql`THIS IS NOT SQL`.execute(db);
      },
    };
    await expect(openDatabase({ dataDir, migrations: [...migrations, broken] })).rejects.toThrow();
    const reopened = await openDatabase({ dataDir, migrations });
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'table'`.execute(reopened.db);
    expect(tables.rows.map((t) => t.name)).not.toContain('half_done');
    const done = await reopened.db.selectFrom('schema_migrations').select('name').execute();
    expect(done.map((d) => d.name)).toEqual(migrations.map((m) => m.name));
    await reopened.db.destroy();
  });

  it('refuses a file written by a newer program instead of guessing', async () => {
    const dataDir = tempDir();
    const opened = await openDatabase({ dataDir });
    await opened.db.insertInto('schema_migrations').values({ name: '9999_from_the_future', applied_at: 'x' }).execute();
    await opened.db.destroy();
    await expect(openDatabase({ dataDir })).rejects.toThrow(/更新版本/);
  });
});

describe('the sqlite3 dialect', () => {
  it('reports changes, keeps savepoints, and serialises concurrent transactions on one connection', async () => {
    const { db } = await openDatabase({ dataDir: tempDir() });
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`.execute(db);
    const k = db as unknown as Kysely<{ t: { id: number; v: string } }>;
    const inserted = await k.insertInto('t').values([{ id: 1, v: 'a' }, { id: 2, v: 'b' }]).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    expect(inserted.insertId).toBe(2n);
    const updated = await k.updateTable('t').set({ v: 'z' }).where('id', '<=', 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);

    const trx = await k.startTransaction().execute();
    await trx.insertInto('t').values({ id: 3, v: 'kept' }).execute();
    const sp = await trx.savepoint('sp1').execute();
    await sp.insertInto('t').values({ id: 4, v: 'dropped' }).execute();
    const back = await sp.rollbackToSavepoint('sp1').execute();
    await back.commit().execute();
    expect((await k.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2, 3]);

    // Two transactions started together both complete, one after the other, with no SQLITE_BUSY.
    await Promise.all(
      [10, 20].map((base) =>
        k.transaction().execute(async (tx) => {
          for (let i = 0; i < 5; i++) await tx.insertInto('t').values({ id: base + i, v: 'x' }).execute();
        }),
      ),
    );
    expect((await k.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(13);

    // A failed transaction leaves nothing behind.
    await expect(
      k.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ id: 99, v: 'gone' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await k.selectFrom('t').select('id').where('id', '=', 99).executeTakeFirst()).toBeUndefined();
    await db.destroy();
  });
});

describe('first-run setup and signing in', () => {
  it('sets up once, with a clear refusal the second time and field messages for bad codes', async () => {
    const o = await office();
    expect((await o.call('settings.status', {})).office?.townshipName).toBe('城关乡');
    expect(o.villages.map((v) => [v.name, v.groups.map((g) => g.name)])).toEqual([
      ['坪埠村', ['一组', '二组', '三组']],
      ['旦上村', ['一组', '二组']],
    ]);
    expect((await o.fail('settings.setup', setupInput)).code).toBe('ALREADY_CONFIGURED');

    const fresh = await openTestOffice({ setup: false });
    offices.push(fresh);
    const bad = await fresh.fail('settings.setup', { ...setupInput, townshipCode: '350499101' });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.fields?.townshipCode).toMatch(/前 6 位/);
    expect(bad.fields?.['villages.0.code']).toMatch(/前 9 位/);
    expect((await fresh.fail('users.login', { username: 'admin', password: 'x' })).code).toBe('NOT_CONFIGURED');
  });

  it('refuses a wrong password, logs the attempt, and makes a guesser wait after five misses', async () => {
    const o = await office();
    const s = 'guess';
    const e = await o.fail('users.login', { username: 'admin', password: 'wrong1' }, s);
    expect(e).toEqual({ code: 'BAD_CREDENTIALS', message: '登录名或密码不正确，请重新输入' });
    for (let i = 0; i < 4; i++) await o.fail('users.login', { username: 'admin', password: 'wrong' }, s);
    expect((await o.fail('users.login', { username: 'admin', password: adminPassword }, s)).message).toMatch(/1 分钟后再试/);
    o.clock.advanceMinutes(2);
    expect((await o.call('users.login', { username: 'ADMIN', password: adminPassword }, s)).user.role).toBe('admin');
    const log = await o.call('audit.list', { channel: 'users.login' });
    // One audit row for the burst; the five misses are counted in login_failures.
    expect(log.rows.filter((r) => r.summary.startsWith('登录失败')).length).toBe(1);
    const burst = await o.core.db.selectFrom('login_failures').select(['name_key', 'failures']).execute();
    expect(burst).toEqual([{ name_key: 'admin', failures: 5 }]);
  });

  it('locks an idle session; only the password opens it again', async () => {
    const o = await office();
    await o.call('settings.updateOffice', { countyName: '明溪县', townshipName: '城关乡', phone: '', idleMinutes: 10 });
    o.clock.advanceMinutes(11);
    expect((await o.fail('households.list', {})).code).toBe('LOCKED');
    expect((await o.call('users.me', {})).locked).toBe(true);
    expect((await o.fail('users.unlock', { password: 'nope' })).code).toBe('BAD_CREDENTIALS');
    await o.call('users.unlock', { password: adminPassword });
    expect((await o.call('households.list', {})).total).toBe(0);

    // Someone typing without saving stays signed in: the renderer's keep-alive counts as activity,
    // but merely asking who is signed in does not.
    o.clock.advanceMinutes(8);
    await o.call('users.touch', {});
    o.clock.advanceMinutes(8);
    expect((await o.call('households.list', {})).total).toBe(0);
    o.clock.advanceMinutes(8);
    await o.call('users.me', {});
    o.clock.advanceMinutes(3);
    expect((await o.fail('households.list', {})).code).toBe('LOCKED');
  });
});

describe('roles are enforced by the core', () => {
  it('a clerk cannot manage users, settings or read the audit log; a reviewer reads the log only', async () => {
    const o = await office();
    const clerk = await o.loginAs('clerk');
    const reviewer = await o.loginAs('reviewer');
    const newUser = { username: 'x1', displayName: '某某', role: 'clerk', password: userPassword };
    for (const [channel, input] of [
      ['users.list', {}],
      ['users.create', newUser],
      ['settings.updateOffice', { countyName: 'a', townshipName: 'b', phone: '', idleMinutes: 5 }],
      ['settings.saveVillage', { name: '新村', code: '350421101009', groups: [{ name: '一组' }] }],
      ['audit.list', {}],
    ] as const) {
      const e = await o.fail(channel, input, clerk);
      expect([channel, e.code]).toEqual([channel, 'FORBIDDEN']);
      expect(e.message).toContain('录入员');
    }
    expect((await o.call('audit.list', {}, reviewer)).total).toBeGreaterThan(0);
    expect((await o.fail('users.create', newUser, reviewer)).code).toBe('FORBIDDEN');
    expect((await o.fail('households.list', {}, 'nobody')).code).toBe('NOT_SIGNED_IN');
  });

  it('keeps at least one active administrator and signs out a user whose role changed', async () => {
    const o = await office();
    const me = (await o.call('users.me', {})).user!;
    const e = await o.fail('users.update', { id: me.id, displayName: '林主任', role: 'clerk', active: true });
    expect(e.code).toBe('RULE');
    const clerk = await o.loginAs('clerk');
    const clerkUser = (await o.call('users.me', {}, clerk)).user!;
    await o.call('users.update', { id: clerkUser.id, displayName: clerkUser.displayName, role: 'reviewer', active: true });
    expect((await o.fail('households.list', {}, clerk)).code).toBe('NOT_SIGNED_IN');
  });
});

describe('the audit trail', () => {
  it('records who changed what, before and after, and cannot be altered by anyone', async () => {
    const o = await office();
    const created = await o.call('users.create', { username: 'wang', displayName: '王会计', role: 'clerk', password: userPassword });
    await o.call('users.update', { id: created.id, displayName: '王敏', role: 'clerk', active: true });
    const log = await o.call('audit.list', { entityId: created.id });
    expect(log.rows.map((r) => r.channel)).toEqual(['users.update', 'users.create']);
    expect(log.rows[0]).toMatchObject({ userName: '林主任', changes: [{ field: 'displayName', before: '王会计', after: '王敏' }] });
    expect(JSON.stringify(log.rows)).not.toMatch(/scrypt|password_hash/);

    await expect(sql`UPDATE audit_log SET summary = 'x'`.execute(o.core.db)).rejects.toThrow(/不可修改/);
    await expect(sql`DELETE FROM audit_log`.execute(o.core.db)).rejects.toThrow(/不可删除/);
    const writers = Object.keys(channels).filter((c) => c.startsWith('audit.'));
    expect(writers).toEqual(['audit.list']);
    expect(channels['audit.list'].mutates).toBe(false);
  });

  it('filters by calendar day on this PC\'s clock', async () => {
    const o = await office();
    o.clock.set(new Date(2026, 2, 12, 7, 30).toISOString()); // 07:30 local time on 12 March
    await o.call('users.unlock', { password: adminPassword }); // two days "passed": the session locked
    await o.call('users.create', { username: 'early', displayName: '早班', role: 'clerk', password: userPassword });
    const on = (from: string, to: string) => o.call('audit.list', { from, to, channel: 'users.create' }).then((r) => r.total);
    expect(await on('2026-03-12', '2026-03-12')).toBe(1);
    expect(await on('2026-03-11', '2026-03-11')).toBe(0);
    expect(await on('2026-03-13', '2026-03-20')).toBe(0);
  });

  it('writes the audit row in the same transaction: a refused change leaves neither data nor log', async () => {
    const o = await office();
    const before = (await o.call('audit.list', {})).total;
    await o.fail('users.create', { username: 'admin', displayName: '重名', role: 'clerk', password: userPassword });
    expect((await o.call('audit.list', {})).total).toBe(before);
  });
});
