import { session } from 'electron';
import { permissionAllowed } from './permissions';

// Thin Electron glue for the permission policy in permissions.ts (tested there without Electron).
export function applyPermissionPolicy(appUrl: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(permissionAllowed(permission, details.requestingUrl || webContents.getURL(), appUrl));
  });
  ses.setPermissionCheckHandler((webContents, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? webContents?.getURL(), appUrl),
  );
}
