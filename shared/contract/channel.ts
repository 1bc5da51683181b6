import type { z } from 'zod';

export const roles = ['admin', 'reviewer', 'clerk'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Readonly<Record<Role, string>> = {
  admin: '管理员',
  reviewer: '审核人',
  clerk: '录入员',
};

/**
 * Who may call a channel. `public` works before sign-in (setup, login); `signedIn` needs an
 * unlocked session; a role list needs one of those roles. The core enforces it, not the UI.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /**
   * Mutating channels run in one transaction with their audit rows: the dispatcher opens it and
   * the handler (every service it calls) writes in it, so a failure anywhere leaves nothing written.
   */
  readonly mutates: boolean;
  /**
   * A mutating channel whose handler must open its own transactions instead (the dispatcher does
   * not wrap it): it starts a job or a restore that outlives the call, copies the committed
   * database, or keeps a record of a refusal. Each use says why beside the declaration.
   */
  readonly ownTransaction?: true;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export function mayCall(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signedIn') return true;
  return access.includes(role);
}
