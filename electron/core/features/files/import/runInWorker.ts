import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type ErrorCode } from '../../../../../shared/lib/result';
import { cancelledError } from '../../../jobs';
import { parseSource, type AnyParsed, type ParseInput, type ProgressFn } from './parse';
import type { WorkerMessage } from './worker';
import { ResultAssembler } from './resultTransfer';

// Where the worker's code is: the built program has out/main/importWorker.js beside the bundle (or
// one folder up from a shared chunk); running from source (tsx, vitest) starts worker.ts with
// tsx's require hook (tsx is a devDependency; the built program never needs it). `LEDGER_IMPORT_IN_THREAD=1` (or no worker file at all) parses in this thread.
// The worker runs under a heap ceiling (`workerHeapLimitMb`; `LEDGER_IMPORT_WORKER_HEAP_MB` sets
// another, for tests and for a machine short of memory): whatever fails inside it — an exception,
// running out of memory — ends the worker and reaches the caller as a Chinese AppError.

export interface WorkerEntry {
  file: string;
  /** Running from source: start the .ts through tsx's require hook. */
  source: boolean;
}

export function importWorkerEntry(): WorkerEntry | null {
  for (const file of [join(__dirname, 'importWorker.js'), join(__dirname, '..', 'importWorker.js')]) {
    if (existsSync(file)) return { file, source: false };
  }
  const source = join(__dirname, 'worker.ts');
  if (existsSync(source)) return { file: source, source: true };
  return null;
}

/**
 * The worker's heap ceiling. A file that needs more (a damaged or hostile one; a real national
 * export of 100,000 people needs well under half) stops the worker alone — without a ceiling a
 * worker that runs out of memory takes the whole process (the desktop's main process) with it.
 */
export const workerHeapLimitMb = 512;

/** What the parent says when the worker fails in a way it could not report itself. */
export function workerFailure(err: unknown, limitMb = workerHeapLimitMb): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(
      'RULE',
      `读取这个文件需要的内存超出了程序的上限（${limitMb} MB），已停止读取，数据未改动。文件可能已损坏或过大：请在 WPS 或 Excel 中打开并另存为 .xlsx，或拆分成几个较小的文件后再导入`,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', `读取文件的后台线程出错（${message.slice(0, 200)}），已停止读取，数据未改动。请重试；如仍出错，请把文件另存为 .xlsx 后再导入`);
}

export function toAppError(e: { code: string; message: string; fields?: Record<string, string> }): AppError {
  const code: ErrorCode = (errorCodes as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'INTERNAL';
  return new AppError(code, e.message, e.fields);
}

/** Parses the file in a worker thread; aborting `signal` terminates the worker. */
export async function parseInWorker(input: ParseInput, onProgress: ProgressFn, signal: AbortSignal): Promise<AnyParsed> {
  const entry = process.env.LEDGER_IMPORT_IN_THREAD === '1' ? null : importWorkerEntry();
  if (!entry) return parseSource(input, onProgress, signal);
  if (signal.aborted) throw cancelledError();
  return new Promise<AnyParsed>((resolve, reject) => {
    const limitMb = Number(process.env.LEDGER_IMPORT_WORKER_HEAP_MB) || workerHeapLimitMb;
    const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: limitMb } };
    const worker = entry.source
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry.file)});`, { ...options, eval: true })
      : new Worker(entry.file, options);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      finish(() => reject(cancelledError()));
      void worker.terminate();
    };
    signal.addEventListener('abort', onAbort);
    const assembler = new ResultAssembler();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.message);
      else if (m.type === 'chunk') {
        assembler.add(m);
        worker.postMessage('taken');
      } else if (m.type === 'done') {
        finish(() => resolve(assembler.finish(m.result as AnyParsed)));
        void worker.terminate();
      } else {
        finish(() => reject(toAppError(m.error)));
        void worker.terminate();
      }
    });
    // An uncaught exception or running out of memory in the worker ends the worker, never this process.
    worker.on('error', (err) => finish(() => reject(workerFailure(err, limitMb))));
    worker.on('exit', (code) =>
      finish(() => reject(new AppError('INTERNAL', `读取文件的后台线程意外退出（${code}），数据未改动，请重试`))),
    );
  });
}
