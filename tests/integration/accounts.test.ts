import { afterEach, describe, expect, it } from 'vitest';
import { scryptCallCount, hashPassword, setPasswordCostForTests } from '../../electron/core/features/users/password';
import { adminPassword, openTestOffice, setupInput, userPassword, type TestOffice } from './harness';

// Issue 16 #8–#12: sign-in under attack — parallel guesses, timing, huge names, parallel setups,
// and sessions that end when a password changes.
const opened: TestOffice[] = [];
async function office(setup = true): Promise<TestOffice> {
  const o = await openTestOffice({ setup });
  opened.push(o);
  return o;
}
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

describe('signing in under attack', () => {
  it('refuses the right password sent together with 40 wrong ones (counted before the check)', async () => {
    const o = await office();
    const guesses = Array.from({ length: 40 }, (_, i) => o.core.invoke('users.login', { username: 'admin', password: `wrong${i}` }, `g${i}`));
    const right = o.core.invoke('users.login', { username: 'admin', password: adminPassword }, 'attacker');
    const results = await Promise.all([...guesses, right]);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    const last = results[40]!;
    expect(!last.ok && last.error.message).toMatch(/1 分钟后再试/);
    // Only the first five were checked; the other attempts were refused unchecked.
    const failures = await o.core.db.selectFrom('login_failures').select('failures').executeTakeFirstOrThrow();
    expect(failures.failures).toBe(5);
  });

  it('limits one client across many login names', async () => {
    const o = await office();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => o.core.invoke('users.login', { username: `nobody${i}`, password: 'x' }, 'one-window')),
    );
    const messages = results.map((r) => (r.ok ? 'ok' : r.error.message));
    expect(messages.slice(10).every((m) => /本窗口输错次数过多/.test(m))).toBe(true);
    expect(await o.core.invoke('users.login', { username: 'admin', password: adminPassword }, 'one-window')).toMatchObject({ ok: false });
    expect(await o.core.invoke('users.login', { username: 'admin', password: adminPassword }, 'other-window')).toMatchObject({ ok: true });
  });

  it('hashes against a dummy for an unknown name, so it costs as much as a real one', async () => {
    const o = await office();
    await o.fail('users.login', { username: 'nobody', password: 'warm-up' }, 's1');
    const before = scryptCallCount();
    await o.fail('users.login', { username: 'nobody2', password: 'whatever1' }, 's2');
    expect(scryptCallCount() - before).toBe(1);
    const known = scryptCallCount();
    await o.fail('users.login', { username: 'admin', password: 'whatever1' }, 's3');
    expect(scryptCallCount() - known).toBe(1);
  });

  it('refuses a 51 MiB login name at the contract and stores nothing of it', async () => {
    const o = await office();
    const auditBefore = await o.core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const e = await o.fail('users.login', { username: 'a'.repeat(51 * 1024 * 1024), password: 'x' }, 's');
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/登录名最多 32 位/);
    const auditAfter = await o.core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    expect(await o.core.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
  });

  it('records a burst of failures for one name as one audit row with a count', async () => {
    const o = await office();
    for (let i = 0; i < 3; i++) await o.fail('users.login', { username: 'x'.repeat(32), password: 'bad' }, `c${i}`);
    const log = await o.call('audit.list', { channel: 'users.login' });
    expect(log.rows.filter((r) => r.summary.startsWith('登录失败'))).toHaveLength(1);
    const rows = await o.core.db.selectFrom('login_failures').select(['name_key', 'failures']).execute();
    expect(rows).toEqual([{ name_key: 'x'.repeat(32), failures: 3 }]);
    o.clock.advanceMinutes(20);
    await o.fail('users.login', { username: 'x'.repeat(32), password: 'bad' }, 'later');
    await o.call('users.unlock', { password: adminPassword });
    const again = await o.call('audit.list', { channel: 'users.login' });
    expect(again.rows.filter((r) => r.summary.startsWith('登录失败'))).toHaveLength(2);
  });

  it('upgrades an old, cheaper hash at the next correct sign-in', async () => {
    const o = await office();
    setPasswordCostForTests({ N: 2 ** 12, r: 8, p: 1 });
    const weak = await hashPassword(adminPassword);
    setPasswordCostForTests({ N: 2 ** 14, r: 8, p: 1 });
    await o.core.db.updateTable('users').set({ password_hash: weak }).where('username', '=', 'admin').execute();
    await o.call('users.login', { username: 'admin', password: adminPassword }, 'fresh');
    const row = await o.core.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect((await o.call('users.login', { username: 'admin', password: adminPassword }, 'again')).user.username).toBe('admin');
  });
});

describe('setup is once', () => {
  it('five simultaneous setups create exactly one office and one administrator', async () => {
    const o = await office(false);
    const results = await Promise.all(Array.from({ length: 5 }, () => o.core.invoke('settings.setup', setupInput, 'first-run')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'ALREADY_CONFIGURED')).toHaveLength(4);
    const offices = await o.core.db.selectFrom('office').select('id').execute();
    const admins = await o.core.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    expect(offices).toHaveLength(1);
    expect(admins).toHaveLength(1);
  });
});

describe('sessions end when a password changes', () => {
  it('changing one’s own password signs out the other sessions of that user, not this one', async () => {
    const o = await office();
    const clerk = await o.loginAs('clerk');
    await o.call('users.login', { username: 'clerk1', password: userPassword }, 'clerk-elsewhere');
    await o.call('users.changePassword', { oldPassword: userPassword, newPassword: 'NewPass99' }, clerk);
    expect((await o.call('users.me', {}, clerk)).user?.username).toBe('clerk1');
    expect((await o.call('users.me', {}, 'clerk-elsewhere')).user).toBeNull();
  });

  it('an admin’s reset signs out every session of that user', async () => {
    const o = await office();
    const clerk = await o.loginAs('clerk');
    const id = (await o.call('users.list', {})).rows.find((u) => u.username === 'clerk1')!.id;
    await o.call('users.resetPassword', { id, password: 'Reset1234' });
    expect((await o.call('users.me', {}, clerk)).user).toBeNull();
    // The admin resetting their own password keeps this session but ends the others.
    await o.call('users.login', { username: 'admin', password: adminPassword }, 'admin-elsewhere');
    const adminId = (await o.call('users.me', {})).user!.id;
    await o.call('users.resetPassword', { id: adminId, password: 'Reset1234' });
    expect((await o.call('users.me', {})).user?.username).toBe('admin');
    expect((await o.call('users.me', {}, 'admin-elsewhere')).user).toBeNull();
  });
});

// Issue 15 #11: a password an admin chose (new account, reset) is changed at the first sign-in.
describe('a password an admin chose', () => {
  it('a new account may only change its password (or sign out) until it has done so', async () => {
    const o = await office();
    await o.call('users.create', { username: 'wang', displayName: '王会计', role: 'clerk', password: userPassword });
    const login = await o.call('users.login', { username: 'wang', password: userPassword }, 'wang');
    expect(login.mustChangePassword).toBe(true);
    expect((await o.call('users.me', {}, 'wang')).mustChangePassword).toBe(true);
    const refused = await o.fail('households.list', {}, 'wang');
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/请先修改密码/);
    await o.call('users.changePassword', { oldPassword: userPassword, newPassword: 'Mine12345' }, 'wang');
    expect((await o.call('users.me', {}, 'wang')).mustChangePassword).toBe(false);
    expect((await o.call('households.list', {}, 'wang')).total).toBe(0);
    // Changed once, it stays changed at the next sign-in.
    expect((await o.call('users.login', { username: 'wang', password: 'Mine12345' }, 'wang2')).mustChangePassword).toBe(false);
  });

  it("an admin's reset forces a change again; the first admin and an admin's own reset do not", async () => {
    const o = await office();
    expect((await o.call('users.me', {})).mustChangePassword).toBe(false);
    const clerk = await o.loginAs('clerk');
    const me = (await o.call('users.me', {}, clerk)).user!;
    expect((await o.call('households.list', {}, clerk)).total).toBe(0);
    await o.call('users.resetPassword', { id: me.id, password: 'Reset1234' });
    const again = await o.call('users.login', { username: me.username, password: 'Reset1234' }, 'clerk-again');
    expect(again.mustChangePassword).toBe(true);
    expect((await o.fail('households.list', {}, 'clerk-again')).message).toMatch(/请先修改密码/);
    await o.call('users.logout', {}, 'clerk-again');
    const adminId = (await o.call('users.me', {})).user!.id;
    await o.call('users.resetPassword', { id: adminId, password: 'Reset1234' });
    expect((await o.call('users.login', { username: 'admin', password: 'Reset1234' }, 'admin2')).mustChangePassword).toBe(false);
  });
});
