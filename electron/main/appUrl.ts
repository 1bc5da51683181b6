// Which page may call the core over IPC: exactly the program's own page — the built index.html
// (file://…/renderer/index.html) or, in development, the dev server's origin. A `file://` prefix
// is not enough: any local HTML file a frame navigated to would pass it. Plain functions (no
// electron import) so they can be tested without Electron.

/** True when `frameUrl` is the app page `appUrl` (ignoring the #/route the renderer keeps). */
export function isAppPage(frameUrl: string | undefined | null, appUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.host === app.host && frame.pathname === app.pathname && frame.search === '';
  }
  // The dev server: its own origin only (http://localhost:5173), any of its module paths.
  return (app.protocol === 'http:' || app.protocol === 'https:') && frame.origin === app.origin;
}
