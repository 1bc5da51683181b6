import { AppError } from '../../../../shared/lib/result';
import type { SessionUser } from '../../../../shared/contract/users';
import type { OutputOf, ParsedInputOf, Role } from '../../../../shared/contract';
import { roleLabels } from '../../../../shared/contract';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { AttemptLimiter } from './attempts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';
import * as repo from './repository';
import { refuseStaleSave } from '../../staleSave';

const userFieldLabels = { displayName: '姓名', role: '角色', active: '在用' } as const;

// Guessing passwords at the keyboard: after this many misses in a row a login name waits a minute.
// One client (a window, a browser session) may miss a few more times across names.
const maxFailures = 5;
const maxClientFailures = 10;
const lockoutMs = 60_000;
// A burst of failures for one name writes one audit row; the rest are counted in login_failures.
const burstGapMs = 15 * 60_000;

interface Limiters {
  names: AttemptLimiter;
  clients: AttemptLimiter;
  unlock: AttemptLimiter;
}
// Per data folder: tests (and a restore) may run several cores in one process.
const limiters = new Map<string, Limiters>();

function limitersFor(ctx: HandlerContext): Limiters {
  let l = limiters.get(ctx.dataDir);
  if (!l) {
    l = {
      names: new AttemptLimiter(maxFailures, lockoutMs),
      clients: new AttemptLimiter(maxClientFailures, lockoutMs),
      unlock: new AttemptLimiter(Number.MAX_SAFE_INTEGER, 0),
    };
    limiters.set(ctx.dataDir, l);
  }
  return l;
}

const lockedOut = () => new AppError('BAD_CREDENTIALS', `连续输错 ${maxFailures} 次，请 1 分钟后再试`);

function sessionUser(u: { id: string; username: string; display_name: string; role: string }): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role };
}

/** Counts a failed sign-in: a new burst gets one audit row, a running one only a higher count. */
async function recordFailure(ctx: HandlerContext, nameKey: string, username: string): Promise<void> {
  const now = ctx.nowIso();
  const since = new Date(ctx.clock.now().getTime() - burstGapMs).toISOString();
  await ctx.mutate(async (tx, audit) => {
    const burst = await repo.findFailureBurst(tx, nameKey, since);
    if (burst) {
      await repo.updateFailureBurst(tx, burst.id, { failures: burst.failures + 1, last_at: now, updated_at: now });
      return;
    }
    // Nobody is signed in: the row is written by the program itself.
    const meta = await newRowMeta(ctx, 'system');
    await repo.insertFailureBurst(tx, { ...meta, name_key: nameKey, first_at: now, last_at: now, failures: 1 });
    await audit.record({
      entity: 'user',
      entityId: nameKey,
      summary: `登录失败：${username}（${burstGapMs / 60_000} 分钟内的再次失败只计次数，不再逐条记录）`,
    });
  });
}

async function requireUserRow(ctx: HandlerContext, id: string) {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', '找不到该用户，可能已被删除，请刷新列表');
  return row;
}


export async function me(ctx: HandlerContext): Promise<OutputOf<'users.me'>> {
  const idleMinutes = await repo.officeIdleMinutes(ctx.db);
  return { user: ctx.session.user, locked: ctx.session.locked, mustChangePassword: ctx.session.mustChangePassword, idleMinutes: idleMinutes ?? 15 };
}

export async function login(ctx: HandlerContext, { username, password }: ParsedInputOf<'users.login'>): Promise<OutputOf<'users.login'>> {
  await ctx.officeCode();
  const l = limitersFor(ctx);
  const nameKey = username.toLowerCase();
  const clientKey = ctx.session.key;
  const nowMs = ctx.clock.now().getTime();
  // Counted before the password is checked, with no await in between (see AttemptLimiter).
  if (!l.names.begin(nameKey, nowMs)) throw lockedOut();
  if (!l.clients.begin(clientKey, nowMs)) throw new AppError('BAD_CREDENTIALS', '本窗口输错次数过多，请 1 分钟后再试');
  const row = await repo.findByUsername(ctx.db, username);
  // An unknown name is checked against a dummy hash, so it answers as slowly as a real one.
  const matches = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !matches) {
    await recordFailure(ctx, nameKey, username);
    if (l.names.count(nameKey) >= maxFailures) throw lockedOut();
    throw new AppError('BAD_CREDENTIALS', '登录名或密码不正确，请重新输入');
  }
  l.names.succeeded(nameKey);
  l.clients.succeeded(clientKey);
  if (row.active !== 1) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
  // A hash from an older, cheaper cost is replaced now that the password is at hand.
  const upgraded = needsRehash(row.password_hash) ? await hashPassword(password) : null;
  const user = sessionUser(row);
  ctx.session.user = user;
  ctx.session.locked = false;
  ctx.session.mustChangePassword = row.must_change_password === 1;
  ctx.session.lastActiveMs = ctx.clock.now().getTime();
  await ctx.mutate(async (tx, audit) => {
    await repo.updateUser(tx, row.id, { last_login_at: ctx.nowIso(), ...(upgraded ? { password_hash: upgraded } : {}) });
    await audit.record({ entity: 'user', entityId: row.id, summary: `${user.displayName}（${user.username}）登录` });
  });
  return { user, mustChangePassword: ctx.session.mustChangePassword };
}

export async function unlock(ctx: HandlerContext, { password }: ParsedInputOf<'users.unlock'>): Promise<OutputOf<'users.unlock'>> {
  const user = ctx.requireUser();
  const key = `unlock:${user.id}`;
  const row = await repo.findById(ctx.db, user.id);
  if (!row || row.active !== 1) {
    ctx.session.user = null;
    throw new AppError('NOT_SIGNED_IN', '账号已停用或不存在，请重新登录');
  }
  const limiter = limitersFor(ctx).unlock;
  // Counted before the check (parallel guesses cannot all pass); the fifth miss signs out.
  limiter.begin(key, ctx.clock.now().getTime());
  if (limiter.count(key) > maxFailures) {
    ctx.session.user = null;
    ctx.session.locked = false;
    throw new AppError('NOT_SIGNED_IN', `解锁密码连续输错 ${maxFailures} 次，已退出登录，请重新登录`);
  }
  if (!(await verifyPassword(password, row.password_hash))) {
    if (limiter.count(key) >= maxFailures) {
      limiter.succeeded(key);
      ctx.session.user = null;
      ctx.session.locked = false;
      throw new AppError('NOT_SIGNED_IN', `解锁密码连续输错 ${maxFailures} 次，已退出登录，请重新登录`);
    }
    throw new AppError('BAD_CREDENTIALS', '密码不正确，请重新输入');
  }
  if (!ctx.session.user) throw new AppError('NOT_SIGNED_IN', '请重新登录');
  limiter.succeeded(key);
  ctx.session.locked = false;
  ctx.session.lastActiveMs = ctx.clock.now().getTime();
  return { user };
}

// The dispatcher already counted the call as activity; nothing else to do.
export async function touch(): Promise<OutputOf<'users.touch'>> {
  return {};
}

export async function lock(ctx: HandlerContext): Promise<OutputOf<'users.lock'>> {
  if (ctx.session.user) ctx.session.locked = true;
  return {};
}

export async function logout(ctx: HandlerContext): Promise<OutputOf<'users.logout'>> {
  const user = ctx.session.user;
  if (user) {
    await ctx.mutate((_tx, audit) => audit.record({ entity: 'user', entityId: user.id, summary: `${user.displayName}（${user.username}）退出登录` }));
  }
  ctx.session.user = null;
  ctx.session.locked = false;
  return {};
}

export async function changePassword(ctx: HandlerContext, { oldPassword, newPassword }: ParsedInputOf<'users.changePassword'>): Promise<OutputOf<'users.changePassword'>> {
  const user = ctx.requireUser();
  const row = await requireUserRow(ctx, user.id);
  if (!(await verifyPassword(oldPassword, row.password_hash))) {
    throw new AppError('BAD_CREDENTIALS', '原密码不正确', { oldPassword: '原密码不正确' });
  }
  const hash = await hashPassword(newPassword);
  await ctx.mutate(async (tx, audit) => {
    await repo.updateUser(tx, user.id, { password_hash: hash, must_change_password: 0, ...touched(ctx) });
    await audit.record({ entity: 'user', entityId: user.id, summary: `${user.displayName}修改了自己的密码` });
  });
  // Whoever knew the old password elsewhere is out; this window stays signed in.
  ctx.signOutUser(user.id, ctx.session.key);
  ctx.session.mustChangePassword = false;
  return {};
}

export async function list(ctx: HandlerContext): Promise<OutputOf<'users.list'>> {
  return { rows: (await repo.listUsers(ctx.db)).map(repo.toUserRow) };
}

export async function create(ctx: HandlerContext, input: ParsedInputOf<'users.create'>): Promise<OutputOf<'users.create'>> {
  if (await repo.findByUsername(ctx.db, input.username)) {
    throw new AppError('CONFLICT', `登录名"${input.username}"已被使用，请换一个`, { username: '登录名已被使用' });
  }
  const hash = await hashPassword(input.password);
  const meta = await newRowMeta(ctx);
  const row = { ...meta, username: input.username, display_name: input.displayName, role: input.role, password_hash: hash, active: 1, last_login_at: null, version: 1, must_change_password: 1 };
  await ctx.mutate(async (tx, audit) => {
    await repo.insertUser(tx, row);
    await audit.record({
      entity: 'user',
      entityId: row.id,
      summary: `新增用户 ${input.displayName}（${input.username}，${roleLabels[input.role]}）`,
      after: { username: input.username, displayName: input.displayName, role: input.role, active: true },
    });
  });
  return repo.toUserRow(row);
}

export async function update(ctx: HandlerContext, input: ParsedInputOf<'users.update'>): Promise<OutputOf<'users.update'>> {
  const before = await requireUserRow(ctx, input.id);
  const demotes = before.role === 'admin' && before.active === 1 && (input.role !== 'admin' || !input.active);
  if (demotes && (await repo.countActiveAdmins(ctx.db, input.id)) === 0) {
    throw new AppError('RULE', '至少要保留一名在用的管理员：请先把另一位用户设为管理员');
  }
  const beforeView = { displayName: before.display_name, role: before.role, active: before.active === 1 };
  const afterView = { displayName: input.displayName, role: input.role, active: input.active };
  const updated = await ctx.mutate(async (tx, audit) => {
    const current = await repo.findById(tx, input.id);
    const differing = (Object.keys(userFieldLabels) as (keyof typeof userFieldLabels)[])
      .filter((k) => current && (k === 'displayName' ? current.display_name : k === 'role' ? current.role : current.active === 1) !== afterView[k])
      .map((k) => ({ path: k, label: userFieldLabels[k] }));
    if (differing.length > 0) await refuseStaleSave(tx, current, input.version, ctx.clock.now(), differing);
    await repo.updateUser(tx, input.id, { display_name: input.displayName, role: input.role, active: input.active ? 1 : 0, ...touched(ctx) });
    await audit.record({ entity: 'user', entityId: input.id, summary: `修改用户 ${input.displayName}（${before.username}）`, before: beforeView, after: afterView });
    return repo.findById(tx, input.id);
  });
  if (before.role !== input.role || !input.active) ctx.signOutUser(input.id);
  return repo.toUserRow(updated!);
}

export async function resetPassword(ctx: HandlerContext, { id, password }: ParsedInputOf<'users.resetPassword'>): Promise<OutputOf<'users.resetPassword'>> {
  const row = await requireUserRow(ctx, id);
  const hash = await hashPassword(password);
  // The admin now knows the password: its owner picks a new one at the next sign-in. An admin
  // resetting their own password chose it for themselves.
  const mustChange = id === ctx.requireUser().id ? 0 : 1;
  await ctx.mutate(async (tx, audit) => {
    await repo.updateUser(tx, id, { password_hash: hash, must_change_password: mustChange, ...touched(ctx) });
    await audit.record({ entity: 'user', entityId: id, summary: `重置 ${row.display_name}（${row.username}）的密码` });
  });
  // Every session of that user ends (for the admin's own account: every other session).
  ctx.signOutUser(id, ctx.session.key);
  return {};
}
