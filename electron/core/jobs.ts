import { AppError, type AppErrorShape } from '../../shared/lib/result';
import type { JobSnapshot } from '../../shared/contract/jobs';
import { uuidv7 } from './ids';

/** What a running job gets: a way to report progress and a signal that says the clerk cancelled. */
export interface JobControl {
  report(done: number, total: number, message: string): void;
  readonly signal: AbortSignal;
  /** Throws the cancellation error if the clerk pressed 取消; call it between units of work. */
  throwIfCancelled(): void;
}

interface JobEntry {
  snapshot: JobSnapshot;
  ownerKey: string;
  controller: AbortController;
  finished: Promise<JobSnapshot>;
  endedMs: number | null;
}

/** How long a finished job's result stays readable (the window polls, then reads the result). */
const keepFinishedMs = 60 * 60_000;

export function cancelledError(): AppError {
  return new AppError('CONFLICT', '操作已取消，数据未改动');
}

/**
 * Long work (an import, an export, a batch print) runs as a job: the channel that starts it returns
 * a job id at once, and the window polls `jobs.get` for progress and the result. Polling works the
 * same in the Electron window and the browser host, and survives a slow or busy core.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly logError: (err: unknown) => void = (err) => console.error(err),
  ) {}

  /** Starts `run` at once; `ownerKey` (the session) is the only one who may read or cancel it. */
  start<T>(kind: string, ownerKey: string, run: (control: JobControl) => Promise<T>): string {
    this.prune();
    const id = uuidv7(this.now());
    const controller = new AbortController();
    const snapshot: JobSnapshot = { id, kind, status: 'running', done: 0, total: 0, message: '准备中…', error: null, result: null };
    const control: JobControl = {
      report: (done, total, message) => {
        if (snapshot.status !== 'running') return;
        snapshot.done = done;
        snapshot.total = total;
        snapshot.message = message;
      },
      signal: controller.signal,
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelledError();
      },
    };
    const entry: JobEntry = { snapshot, ownerKey, controller, endedMs: null, finished: Promise.resolve(snapshot) };
    entry.finished = (async () => {
      try {
        // A tick first, so the starting channel has returned the id before any work happens.
        await new Promise((r) => setImmediate(r));
        const result = await run(control);
        if (controller.signal.aborted) {
          snapshot.status = 'cancelled';
          snapshot.message = '已取消';
        } else {
          snapshot.status = 'done';
          snapshot.result = result as unknown;
          if (snapshot.total > 0) snapshot.done = snapshot.total;
          // A finished job must not read as still at work ("正在写入…" under a full bar).
          if (snapshot.message.startsWith('正在') || snapshot.message === '准备中…') snapshot.message = '已完成';
        }
      } catch (err) {
        if (controller.signal.aborted) {
          snapshot.status = 'cancelled';
          snapshot.message = '已取消，数据未改动';
        } else {
          snapshot.status = 'failed';
          snapshot.error = toShape(err, this.logError);
          snapshot.message = snapshot.error.message;
        }
      }
      entry.endedMs = this.now();
      return snapshot;
    })();
    this.jobs.set(id, entry);
    return id;
  }

  get(id: string, ownerKey: string): JobSnapshot {
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerKey !== ownerKey) throw new AppError('NOT_FOUND', '找不到这项任务（可能已过期），请重新操作');
    return { ...entry.snapshot };
  }

  cancel(id: string, ownerKey: string): JobSnapshot {
    const entry = this.jobs.get(id);
    if (!entry || entry.ownerKey !== ownerKey) throw new AppError('NOT_FOUND', '找不到这项任务（可能已过期），请重新操作');
    if (entry.snapshot.status === 'running') {
      entry.controller.abort();
      entry.snapshot.message = '正在取消…';
    }
    return { ...entry.snapshot };
  }

  /** Resolves when the job ends (the command line and tests wait on it instead of polling). */
  async wait(id: string): Promise<JobSnapshot> {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', '找不到这项任务');
    return { ...(await entry.finished) };
  }

  /** True while any job runs: closing the database then would break it. */
  busy(): boolean {
    return [...this.jobs.values()].some((e) => e.snapshot.status === 'running');
  }

  /**
   * Cancels every running job of `kind` and resolves when they have stopped: for work that picks
   * up again by itself at the next start (the search keys' catch-up), before closing the database.
   */
  async cancelKind(kind: string): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.snapshot.kind === kind && e.snapshot.status === 'running');
    for (const e of running) e.controller.abort();
    await Promise.all(running.map((e) => e.finished));
  }

  async waitAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((e) => e.finished));
  }

  private prune(): void {
    const cutoff = this.now() - keepFinishedMs;
    for (const [id, entry] of this.jobs) if (entry.endedMs !== null && entry.endedMs < cutoff) this.jobs.delete(id);
  }
}

function toShape(err: unknown, logError: (err: unknown) => void): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_FULL|ENOSPC/.test(message)) return { code: 'INTERNAL', message: '磁盘空间不足，操作未完成。请清理磁盘后重试' };
  logError(err);
  return { code: 'INTERNAL', message: `程序内部错误，操作未完成，请重试；如仍出错请联系技术支持（${message.slice(0, 120)}）` };
}
