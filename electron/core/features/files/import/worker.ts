import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../../shared/lib/result';
import { collectGarbage } from '../../../memory';
import { parseSource, type ParseInput, type ParseVia, type RowsOf } from './parse';
import { chunksAhead, sendInChunks, type ResultChunk } from './resultTransfer';
import { readRowsInWorker, rowReaderEntry, serveRows, type RowReaderData } from './rowsInWorker';
import { workerHeapLimitMb } from './runInWorker';

// The import's worker thread: parses and validates the file (parse.ts) off the main thread, so the
// window stays responsive, and posts progress and the result back. Cancelling terminates it.
// Built as its own entry (out/main/importWorker.js, see electron.vite.config.ts). The same entry
// started by the parse with `role: 'rows'` is its reader thread (rowsInWorker.ts).

export type WorkerMessage =
  | ResultChunk
  | { type: 'progress'; done: number; total: number; message: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; fields?: Record<string, string> } };

/** The parse's rows from a reader thread when one can start (else read here, as in one thread). */
function rowSource(): RowsOf | undefined {
  const entry = rowReaderEntry();
  if (!entry) return undefined;
  const limitMb = Number(process.env.LEDGER_IMPORT_WORKER_HEAP_MB) || workerHeapLimitMb;
  return (path, format) => readRowsInWorker(entry, path, format, limitMb);
}

const port = parentPort;
const data = workerData as ParseInput | RowReaderData;
if (port && 'role' in data && data.role === 'rows') {
  void serveRows(port, data);
} else if (port) {
  const input = data as ParseInput;
  const post = (m: WorkerMessage) => port.postMessage(m);
  // The parent answers each chunk once it has taken it (resultTransfer.ts): at most `chunksAhead`
  // wait untaken while the result is sent.
  let untaken = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    untaken -= 1;
    wake?.();
    wake = null;
  });
  const send = async (chunk: ResultChunk) => {
    while (untaken >= chunksAhead) await new Promise<void>((resolve) => (wake = resolve));
    untaken += 1;
    post(chunk);
  };
  const rowsOf = rowSource();
  const via: ParseVia = rowsOf ? { rowsOf } : {};
  parseSource(input, (done, total, message) => post({ type: 'progress', done, total, message }), undefined, via)
    .then((result) => sendInChunks(result, send, collectGarbage))
    .then((result) => post({ type: 'done', result }))
    .catch((err: unknown) => {
      if (err instanceof AppError) post({ type: 'error', error: err.toShape() });
      else post({ type: 'error', error: { code: 'INTERNAL', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) } });
    });
}
