import { createContext, useContext } from 'react';
import type { Role } from '../../../shared/contract';
import type { Office } from '../../../shared/contract/settings';
import type { SessionUser } from '../../../shared/contract/users';

export interface Session {
  user: SessionUser;
  office: Office | null;
  idleMinutes: number;
  /** Locks now (user menu 锁定, idle timer). */
  lock: () => void;
  /** Signs out and returns to the login page. */
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only pages inside the frame call this. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession 只能在登录后的页面中使用');
  return session;
}

export function hasRole(user: SessionUser, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}
