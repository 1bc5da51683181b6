import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The program as it ships, for the benches that measure memory: the built browser host
// (out/main/web.js) on an office folder, driven over HTTP as the page drives it. Its peak memory is
// the kernel's high-water mark of the host's RSS (VmHWM, worker threads included), which
// `resetPeak` sets back to the current RSS (Linux), so that a figure covers one piece of work.
// From source under tsx, the loader and its source maps add about 90 MB that no office runs.

export interface JobSnapshot {
  status: string;
  result?: unknown;
  error?: { message: string };
}

export interface BuiltHost {
  pid: number;
  /** POSTs a body to a path of the host (the upload) and returns the reply's data. */
  send(path: string, body: BodyInit, type: string): Promise<unknown>;
  call<T>(channel: string, input: unknown): Promise<T>;
  /** Waits for a job and returns how it ended. */
  finished(jobId: string): Promise<JobSnapshot>;
  peakRssMb(): number;
  resetPeak(): void;
  stop(): Promise<void>;
}

let built = false;

/** Builds the program once per bench run, starts its host on `officeDir` and signs in. */
export async function startBuiltHost(officeDir: string, login: { username: string; password: string }): Promise<BuiltHost> {
  if (!built) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
  const web = join(__dirname, '..', '..', 'out', 'main', 'web.js');
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the host (main thread and workers) for the profile notes.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const host = spawn(process.execPath, [...prof, web, '--data', officeDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = host.pid!;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (host.exitCode !== null) return resolve();
      host.once('exit', () => resolve());
      host.kill('SIGTERM');
    });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      host.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
        if (url) resolve(url);
      });
      host.on('exit', (code) => reject(new Error(`浏览器方式启动失败（退出码 ${code}）：${out.slice(-300)}`)));
    });
    let cookie = '';
    const send = async (path: string, body: BodyInit, type: string): Promise<unknown> => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type, origin: base, cookie }, body });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      const reply = (await res.json()) as { ok: true; data: unknown } | { ok: false; error: { message: string } };
      if (!reply.ok) throw new Error(`${path}：${reply.error.message}`);
      return reply.data;
    };
    const call = <T>(channel: string, input: unknown) => send(`/api/${channel}`, JSON.stringify(input), 'application/json') as Promise<T>;
    const finished = async (jobId: string): Promise<JobSnapshot> => {
      for (;;) {
        const s = await call<JobSnapshot>('jobs.get', { jobId });
        if (s.status !== 'running' && s.status !== 'queued') return s;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await call('users.login', login);
    return {
      pid,
      send,
      call,
      finished,
      peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
      // 5 resets VmHWM to the current RSS.
      resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
      stop,
    };
  } catch (err) {
    host.kill('SIGKILL');
    throw err;
  }
}
