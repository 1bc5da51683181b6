import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

const root = resolve(__dirname, '..', '..');
const webEntry = join(root, 'out', 'main', 'web.js');

/** One browser host process on a temp data folder; `restart()` stops it and starts it again on the same folder. */
export class Host {
  private child: ChildProcess | null = null;
  url = '';
  /** Set by `setClock`: the host's "now" follows this file (see electron/web/testClock.ts). */
  private clockFile: string | null = null;
  constructor(readonly dataDir: string) {}

  /**
   * Moves the host's clock to `iso` (a date means 10:00 that day, Beijing time). Call before
   * `start()` to start on that day, or any time after to jump forward.
   */
  setClock(iso: string): void {
    this.clockFile ??= join(mkdtempSync(join(tmpdir(), 'ledger-clock-')), 'now.txt');
    writeFileSync(this.clockFile, iso.length === 10 ? `${iso}T10:00:00+08:00` : iso);
  }

  async start(): Promise<string> {
    if (!existsSync(webEntry)) throw new Error('out/main/web.js is missing: run `npm run build` first');
    const child = spawn(process.execPath, [webEntry, '--data', this.dataDir, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: this.clockFile ? { ...process.env, LEDGER_TEST_CLOCK_FILE: this.clockFile } : process.env,
    });
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[0]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)));
    });
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    this.child = null;
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }
}

export const test = base.extend<{ host: Host }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    const host = new Host(dataDir);
    await host.start();
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
