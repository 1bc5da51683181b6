import type { Result } from '../lib/result';

/** Progress of a long job (an import, a batch print), sent by the core to the window. */
export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  message: string;
}

/**
 * The only thing the Electron preload exposes (`window.ledger`): invoke a contract channel and
 * listen to job progress. The browser host offers the same over HTTP.
 */
export interface LedgerBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onProgress(listener: (progress: JobProgress) => void): () => void;
}
