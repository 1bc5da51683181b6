import { Worker, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../../../../shared/lib/result';
import { readRows, type FileFormat, type SheetRow } from './read';
import { importWorkerEntry, toAppError, workerFailure, type WorkerEntry } from './runInWorker';

// The file's rows read in a thread of their own (issue 11 item 7: the import's speed). Reading an
// .xlsx — inflating, decoding and scanning 100 MB of XML — is about half of the parse's time, and
// checking the rows (parse.ts) the other half; one after the other in one thread they left the
// second core idle. So the parse's worker starts a reader worker (the same entry, worker.ts) that
// reads the rows and posts them in batches, while the parse takes and checks the batches that came
// before. At most `batchesAhead` batches wait (the reader stops until the parse takes one), so the
// rows in flight stay a few MB whatever the file. The rows are exactly what readRows gives: the
// parse reads the same rows as in one thread, only sooner.

/** Rows per message: few messages, and a batch of a county file is ~150 KB in flight. */
export const batchRows = 500;
/** Batches posted and not yet taken by the parse, at most. */
export const batchesAhead = 4;

export interface RowReaderData {
  role: 'rows';
  path: string;
  format: FileFormat;
}

export type RowReaderMessage =
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'end' }
  | { type: 'error'; error: { code: string; message: string; fields?: Record<string, string> } };

/** The reader thread's half: reads the rows and posts them in batches, waiting while `batchesAhead` are untaken. */
export async function serveRows(port: MessagePort, data: RowReaderData): Promise<void> {
  let credit = batchesAhead;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credit += 1;
    wake?.();
    wake = null;
  });
  const post = (m: RowReaderMessage) => port.postMessage(m);
  try {
    let batch: SheetRow[] = [];
    const send = async () => {
      while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      post({ type: 'rows', rows: batch });
      batch = [];
    };
    for await (const row of readRows(data.path, data.format)) {
      batch.push(row);
      if (batch.length >= batchRows) await send();
    }
    if (batch.length > 0) await send();
    post({ type: 'end' });
  } catch (err) {
    if (err instanceof AppError) post({ type: 'error', error: err.toShape() });
    else post({ type: 'error', error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } });
  }
}

/** The reader thread's code, when one can start (`LEDGER_IMPORT_READER_THREAD=0` reads in the parse's thread, for comparison). */
export function rowReaderEntry(): WorkerEntry | null {
  return process.env.LEDGER_IMPORT_READER_THREAD === '0' ? null : importWorkerEntry();
}

/**
 * The parse's half: the rows of the file from a reader thread, in order, as readRows gives them.
 * Stopping early (an error in the parse, a cancel) ends the reader; a failure of the reader
 * reaches the parse as the same AppError reading in one thread would give.
 */
export async function* readRowsInWorker(entry: WorkerEntry, path: string, format: FileFormat, limitMb: number): AsyncGenerator<SheetRow> {
  const workerData: RowReaderData = { role: 'rows', path, format };
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: limitMb } };
  const worker = entry.source
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry.file)});`, { ...options, eval: true })
    : new Worker(entry.file, options);
  const batches: SheetRow[][] = [];
  let ended = false;
  let failure: AppError | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: RowReaderMessage) => {
    if (m.type === 'rows') batches.push(m.rows);
    else if (m.type === 'end') ended = true;
    else failure ??= toAppError(m.error);
    notify();
  });
  worker.on('error', (err) => {
    failure ??= workerFailure(err, limitMb);
    notify();
  });
  worker.on('exit', (code) => {
    if (!ended) failure ??= new AppError('INTERNAL', `读取文件的后台线程意外退出（${code}），数据未改动，请重试`);
    notify();
  });
  try {
    for (;;) {
      const batch = batches.shift();
      if (batch) {
        // Taken: the reader may read one batch further.
        worker.postMessage('taken');
        for (const row of batch) yield row;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    void worker.terminate();
  }
}
