import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { printFontCssBytes } from './fontCss';
import { keepLoadedMs, releasePrintFonts } from './fontSubset';
import type { FontAnswer, FontRequest } from './fontWorker';

// The print font is cut on a thread of its own. On the program's thread the cut (a 500-household
// page: its characters, two faces, their base64 and its garbage, 3–6 ms on this machine) held up
// every other request while it ran, and it grows with the page; there the cut overlaps only the
// rows' statements, so a print is not faster for it, the program's thread is freer. The thread
// keeps the faces and its cache of recent cuts; it is let go a while after the last print, as the
// fonts were (fontSubset.ts). Should it fail to start or die, the print cuts the font on this
// thread instead, and so do the prints after a thread that failed by itself (it would fail again,
// each time after its start-up).

type Pending = { resolve: (css: Buffer) => void; reject: (err: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let idle: ReturnType<typeof setTimeout> | null = null;
let broken = false;

function entry(): { file: string; source: boolean } | null {
  if (broken || process.env.LEDGER_PRINT_FONT_IN_THREAD === '1') return null;
  for (const file of [join(__dirname, 'printFontWorker.js'), join(__dirname, '..', 'printFontWorker.js')]) {
    if (existsSync(file)) return { file, source: false };
  }
  const source = join(__dirname, 'fontWorker.ts');
  return existsSync(source) ? { file: source, source: true } : null;
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function started(): Worker | null {
  if (worker) return worker;
  const e = entry();
  if (!e) return null;
  const w = e.source ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(e.file)});`, { eval: true }) : new Worker(e.file);
  w.on('message', (m: FontAnswer) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(Buffer.from(m.css.buffer, m.css.byteOffset, m.css.byteLength));
  });
  w.on('error', (err) => {
    broken = true;
    failAll(err);
  });
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('打印字体线程已退出'));
  });
  // Between prints it keeps nothing alive (the command line, the tests).
  w.unref();
  worker = w;
  return w;
}

function letGoLater(): void {
  if (idle) clearTimeout(idle);
  idle = setTimeout(stopPrintFontThread, keepLoadedMs);
  idle.unref();
}

/**
 * Ends the font's thread now (after the idle time; in tests), and lets go of what this thread kept
 * for prints: the page buffer (render.ts) and a font cut here when the thread could not.
 */
export function stopPrintFontThread(): void {
  if (idle) clearTimeout(idle);
  idle = null;
  const w = worker;
  worker = null;
  if (w) void w.terminate();
  releasePrintFonts();
}

/** Whether the font's thread is running now (for the tests). */
export function printFontThreadRunning(): boolean {
  return worker !== null;
}

/**
 * Starts the thread and reads the font ahead of a print (~0.3 s on a quiet two-core machine); the
 * program pays it at the first print after a pause. The bench calls it before timing prints.
 */
export async function warmPrintFontThread(): Promise<void> {
  await printFontCssBytesOffThread(['乡村振兴台账 0123456789']);
}

/**
 * The @font-face rules of the print font cut to the characters of the texts (printFontCssBytes),
 * from the font's thread; on this thread when that cannot be had.
 */
export async function printFontCssBytesOffThread(texts: readonly string[]): Promise<Buffer> {
  const w = started();
  if (w) {
    letGoLater();
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, texts: [...texts] } satisfies FontRequest);
      }).finally(() => {
        if (pending.size === 0) w.unref();
      });
    } catch (err) {
      // The print goes on with the cut on this thread; what went wrong is told for the log.
      console.error(err);
    }
  }
  return printFontCssBytes(texts);
}
