// The window asks Electron for permissions (camera, notifications, geolocation, …) only if a page
// tries to use them; the program needs none but writing to the clipboard (copy buttons). Everything
// else, and anything asked by a page that is not the program's own, is denied.
import { isAppPage } from './appUrl';

const allowed = new Set(['clipboard-sanitized-write']);

/** The answer for a permission request or check from `requestingUrl`. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined | null, appUrl: string): boolean {
  return allowed.has(permission) && isAppPage(requestingUrl, appUrl);
}
