import { z } from 'zod';
import { channel, roles } from './channel';
import { idSchema, password, requiredText, username, versionSeen } from './fields';

export const roleSchema = z.enum(roles, { error: '请选择角色' });

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const userRowSchema = sessionUserSchema.extend({
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** Sent back with an edit: a save against a newer version is refused (see fields.versionSeen). */
  version: z.number().int(),
});
export type UserRow = z.infer<typeof userRowSchema>;

export const usersChannels = {
  'users.me': channel({
    access: 'public',
    mutates: false,
    input: z.object({}),
    // mustChangePassword: signed in with a password an admin chose; the renderer asks for a new one.
    output: z.object({ user: sessionUserSchema.nullable(), locked: z.boolean(), mustChangePassword: z.boolean(), idleMinutes: z.number().int() }),
  }),
  'users.login': channel({
    access: 'public',
    mutates: true,
    // Its own transaction: a failed sign-in is counted (and audited) although the call is refused.
    ownTransaction: true,
    // Bounded before anything is looked up or logged: a failed sign-in writes the name it was given.
    input: z.object({
      username: z.string().trim().min(1, { error: '请填写登录名' }).max(32, { error: '登录名最多 32 位，请检查' }),
      password: z.string().min(1, { error: '请填写密码' }).max(128, { error: '密码不能超过 128 位' }),
    }),
    output: z.object({ user: sessionUserSchema, mustChangePassword: z.boolean() }),
  }),
  'users.unlock': channel({
    access: 'public',
    mutates: true,
    input: z.object({ password: z.string().min(1, { error: '请填写密码' }).max(128, { error: '密码不能超过 128 位' }) }),
    output: z.object({ user: sessionUserSchema }),
  }),
  /**
   * Someone is at the keyboard (typing a long form without saving): keeps the core's idle clock
   * from locking them mid-work. The renderer calls it now and then while there is activity.
   */
  'users.touch': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: z.object({}) }),
  /** The renderer's idle timer locks at once instead of waiting for the next call. */
  'users.lock': channel({ access: 'public', mutates: false, input: z.object({}), output: z.object({}) }),
  'users.logout': channel({ access: 'public', mutates: true, input: z.object({}), output: z.object({}) }),
  'users.changePassword': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ oldPassword: z.string().min(1, { error: '请填写原密码' }).max(128, { error: '原密码不正确' }), newPassword: password }),
    output: z.object({}),
  }),
  'users.list': channel({
    access: ['admin'],
    mutates: false,
    input: z.object({}),
    output: z.object({ rows: z.array(userRowSchema) }),
  }),
  'users.create': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({ username, displayName: requiredText('姓名', 20), role: roleSchema, password }),
    output: userRowSchema,
  }),
  'users.update': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({ id: idSchema, version: versionSeen, displayName: requiredText('姓名', 20), role: roleSchema, active: z.boolean() }),
    output: userRowSchema,
  }),
  'users.resetPassword': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({ id: idSchema, password }),
    output: z.object({}),
  }),
};
