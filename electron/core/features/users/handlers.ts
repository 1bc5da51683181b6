import { AppError } from '../../../../shared/lib/result';
import type { SessionUser } from '../../../../shared/contract/users';
import type { Role } from '../../../../shared/contract';
import { roleLabels } from '../../../../shared/contract';
import type { HandlerContext } from '../../context';
import type { FeatureHandlers } from '../../handler';
import { newRowMeta, touched } from '../../rows';
import { hashPassword, verifyPassword } from './password';
import { countActiveAdmins, findById, findByUsername, listUsers, toUserRow } from './repository';

// Guessing passwords at the keyboard: after this many misses in a row a login name waits a minute.
const maxFailures = 5;
const lockoutMs = 60_000;
const failures = new Map<string, { count: number; untilMs: number }>();

function sessionUser(u: { id: string; username: string; display_name: string; role: string }): SessionUser {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role };
}

async function recordFailure(ctx: HandlerContext, key: string, username: string): Promise<never> {
  const nowMs = ctx.clock.now().getTime();
  const f = failures.get(key) ?? { count: 0, untilMs: 0 };
  f.count++;
  if (f.count >= maxFailures) f.untilMs = nowMs + lockoutMs;
  failures.set(key, f);
  await ctx.mutate((_tx, audit) =>
    audit.record({ entity: 'user', entityId: username, summary: `登录失败：${username}（第 ${f.count} 次）` }),
  );
  if (f.count >= maxFailures) throw new AppError('BAD_CREDENTIALS', `连续输错 ${maxFailures} 次，请 1 分钟后再试`);
  throw new AppError('BAD_CREDENTIALS', '登录名或密码不正确，请重新输入');
}

function checkThrottle(ctx: HandlerContext, key: string): void {
  const f = failures.get(key);
  if (f && f.untilMs > ctx.clock.now().getTime()) {
    throw new AppError('BAD_CREDENTIALS', `连续输错 ${maxFailures} 次，请 1 分钟后再试`);
  }
}

async function requireUserRow(ctx: HandlerContext, id: string) {
  const row = await findById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', '找不到该用户，可能已被删除，请刷新列表');
  return row;
}

export const usersHandlers = {
  'users.me': async (_input, ctx) => {
    const office = await ctx.db.selectFrom('office').select('idle_minutes').executeTakeFirst();
    return { user: ctx.session.user, locked: ctx.session.locked, idleMinutes: office?.idle_minutes ?? 15 };
  },

  'users.login': async ({ username, password }, ctx) => {
    await ctx.officeCode();
    const key = username.toLowerCase();
    checkThrottle(ctx, key);
    const row = await findByUsername(ctx.db, username);
    if (!row || !(await verifyPassword(password, row.password_hash))) return recordFailure(ctx, key, username);
    if (row.active !== 1) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
    failures.delete(key);
    const user = sessionUser(row);
    ctx.session.user = user;
    ctx.session.locked = false;
    ctx.session.lastActiveMs = ctx.clock.now().getTime();
    await ctx.mutate(async (tx, audit) => {
      await tx.updateTable('users').set({ last_login_at: ctx.nowIso() }).where('id', '=', row.id).execute();
      await audit.record({ entity: 'user', entityId: row.id, summary: `${user.displayName}（${user.username}）登录` });
    });
    return { user };
  },

  'users.unlock': async ({ password }, ctx) => {
    const user = ctx.requireUser();
    const key = `unlock:${user.id}`;
    const row = await findById(ctx.db, user.id);
    if (!row || row.active !== 1) {
      ctx.session.user = null;
      throw new AppError('NOT_SIGNED_IN', '账号已停用或不存在，请重新登录');
    }
    if (!(await verifyPassword(password, row.password_hash))) {
      const f = failures.get(key) ?? { count: 0, untilMs: 0 };
      f.count++;
      failures.set(key, f);
      if (f.count >= maxFailures) {
        failures.delete(key);
        ctx.session.user = null;
        ctx.session.locked = false;
        throw new AppError('NOT_SIGNED_IN', `解锁密码连续输错 ${maxFailures} 次，已退出登录，请重新登录`);
      }
      throw new AppError('BAD_CREDENTIALS', '密码不正确，请重新输入');
    }
    failures.delete(key);
    ctx.session.locked = false;
    ctx.session.lastActiveMs = ctx.clock.now().getTime();
    return { user };
  },

  // The dispatcher already counted the call as activity; nothing else to do.
  'users.touch': async () => ({}),

  'users.lock': async (_input, ctx) => {
    if (ctx.session.user) ctx.session.locked = true;
    return {};
  },

  'users.logout': async (_input, ctx) => {
    const user = ctx.session.user;
    if (user) {
      await ctx.mutate((_tx, audit) => audit.record({ entity: 'user', entityId: user.id, summary: `${user.displayName}（${user.username}）退出登录` }));
    }
    ctx.session.user = null;
    ctx.session.locked = false;
    return {};
  },

  'users.changePassword': async ({ oldPassword, newPassword }, ctx) => {
    const user = ctx.requireUser();
    const row = await requireUserRow(ctx, user.id);
    if (!(await verifyPassword(oldPassword, row.password_hash))) {
      throw new AppError('BAD_CREDENTIALS', '原密码不正确', { oldPassword: '原密码不正确' });
    }
    const hash = await hashPassword(newPassword);
    await ctx.mutate(async (tx, audit) => {
      await tx.updateTable('users').set({ password_hash: hash, ...touched(ctx) }).where('id', '=', user.id).execute();
      await audit.record({ entity: 'user', entityId: user.id, summary: `${user.displayName}修改了自己的密码` });
    });
    return {};
  },

  'users.list': async (_input, ctx) => ({ rows: (await listUsers(ctx.db)).map(toUserRow) }),

  'users.create': async (input, ctx) => {
    if (await findByUsername(ctx.db, input.username)) {
      throw new AppError('CONFLICT', `登录名"${input.username}"已被使用，请换一个`, { username: '登录名已被使用' });
    }
    const hash = await hashPassword(input.password);
    const meta = await newRowMeta(ctx);
    const row = { ...meta, username: input.username, display_name: input.displayName, role: input.role, password_hash: hash, active: 1, last_login_at: null };
    await ctx.mutate(async (tx, audit) => {
      await tx.insertInto('users').values(row).execute();
      await audit.record({
        entity: 'user',
        entityId: row.id,
        summary: `新增用户 ${input.displayName}（${input.username}，${roleLabels[input.role]}）`,
        after: { username: input.username, displayName: input.displayName, role: input.role, active: true },
      });
    });
    return toUserRow(row);
  },

  'users.update': async (input, ctx) => {
    const before = await requireUserRow(ctx, input.id);
    const demotes = before.role === 'admin' && before.active === 1 && (input.role !== 'admin' || !input.active);
    if (demotes && (await countActiveAdmins(ctx.db, input.id)) === 0) {
      throw new AppError('RULE', '至少要保留一名在用的管理员：请先把另一位用户设为管理员');
    }
    const beforeView = { displayName: before.display_name, role: before.role, active: before.active === 1 };
    const afterView = { displayName: input.displayName, role: input.role, active: input.active };
    const updated = await ctx.mutate(async (tx, audit) => {
      await tx
        .updateTable('users')
        .set({ display_name: input.displayName, role: input.role, active: input.active ? 1 : 0, ...touched(ctx) })
        .where('id', '=', input.id)
        .execute();
      await audit.record({ entity: 'user', entityId: input.id, summary: `修改用户 ${input.displayName}（${before.username}）`, before: beforeView, after: afterView });
      return findById(tx, input.id);
    });
    if (before.role !== input.role || !input.active) ctx.signOutUser(input.id);
    return toUserRow(updated!);
  },

  'users.resetPassword': async ({ id, password }, ctx) => {
    const row = await requireUserRow(ctx, id);
    const hash = await hashPassword(password);
    await ctx.mutate(async (tx, audit) => {
      await tx.updateTable('users').set({ password_hash: hash, ...touched(ctx) }).where('id', '=', id).execute();
      await audit.record({ entity: 'user', entityId: id, summary: `重置 ${row.display_name}（${row.username}）的密码` });
    });
    if (id !== ctx.requireUser().id) ctx.signOutUser(id);
    return {};
  },
} satisfies FeatureHandlers<'users'>;
