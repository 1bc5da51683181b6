import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type ErrorCode } from '../../../../../shared/lib/result';
import { cancelledError } from '../../../jobs';
import { parseImportFile, type ParsedFile, type ParseInput, type ProgressFn } from './parse';
import type { WorkerMessage } from './worker';

// Where the worker's code is: the built program has out/main/importWorker.js beside the bundle (or
// one folder up from a shared chunk); running from source (tsx, vitest) starts worker.ts with
// tsx's require hook (tsx is a devDependency; the built program never needs it). `LEDGER_IMPORT_IN_THREAD=1` (or no worker file at all) parses in this thread.

interface WorkerEntry {
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

function toAppError(e: { code: string; message: string; fields?: Record<string, string> }): AppError {
  const code: ErrorCode = (errorCodes as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'INTERNAL';
  return new AppError(code, e.message, e.fields);
}

/** Parses the file in a worker thread; aborting `signal` terminates the worker. */
export async function parseInWorker(input: ParseInput, onProgress: ProgressFn, signal: AbortSignal): Promise<ParsedFile> {
  const entry = process.env.LEDGER_IMPORT_IN_THREAD === '1' ? null : importWorkerEntry();
  if (!entry) return parseImportFile(input, onProgress, signal);
  if (signal.aborted) throw cancelledError();
  return new Promise<ParsedFile>((resolve, reject) => {
    const worker = entry.source
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry.file)});`, { eval: true, workerData: input })
      : new Worker(entry.file, { workerData: input });
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
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.message);
      else if (m.type === 'done') {
        finish(() => resolve(m.result as ParsedFile));
        void worker.terminate();
      } else {
        finish(() => reject(toAppError(m.error)));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) =>
      finish(() => reject(new AppError('INTERNAL', `读取文件的后台线程意外退出（${code}），数据未改动，请重试`))),
    );
  });
}
