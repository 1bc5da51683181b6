import { parentPort } from 'node:worker_threads';
import { printFontCssBytes } from './fontCss';

// The print font's thread (fontThread.ts says why): it cuts the font for the page it is sent and
// answers with the @font-face rules' bytes. Built as its own entry (out/main/printFontWorker.js,
// see electron.vite.config.ts).

export type FontRequest = { id: number; texts: string[] };
export type FontAnswer = { id: number; css: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (m: FontRequest) => {
    try {
      // A copy goes back, handed over rather than copied again by postMessage: the bytes stay in
      // this thread's cache of recent cuts (fontCss.ts).
      const css = new Uint8Array(printFontCssBytes(m.texts));
      port.postMessage({ id: m.id, css } satisfies FontAnswer, [css.buffer]);
    } catch (err) {
      port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies FontAnswer);
    }
  });
}
