import type { ReactNode } from 'react';
import { roleLabels, type Role } from '../../../shared/contract';
import { NoAccess } from '../components/PageStates';
import { hasRole, useSession } from '../api/session';

/** Shows "无权访问" instead of a page the signed-in role may not use (the core refuses it anyway). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!hasRole(user, roles)) return <NoAccess roleLabel={roleLabels[user.role]} />;
  return children;
}
