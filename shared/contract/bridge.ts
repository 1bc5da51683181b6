import type { Result } from '../lib/result';
import type { StoredFile } from './fileRefs';

/**
 * What the Electron preload exposes (`window.ledger`): invoke a contract channel, and the few
 * things only the desktop can do — its own file dialogs and printing from a hidden window. The
 * browser host offers the channels over HTTP, files by upload/download, and printing in a tab.
 * Long jobs are polled through `jobs.get` in both hosts.
 */
export interface LedgerBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** The open dialog; the chosen file is staged for the core. null when the clerk cancelled. */
  pickFile(filters: { name: string; extensions: string[] }[]): Promise<Result<StoredFile | null>>;
  /** The save dialog for a produced file; returns where it was saved, null when cancelled. */
  saveFile(fileId: string): Promise<Result<string | null>>;
  /** A folder (a USB stick, for instance); null when cancelled. */
  pickFolder(): Promise<string | null>;
  /** Prints a produced document through the system print dialog. */
  printDocument(fileId: string): Promise<Result<null>>;
  /** Saves a produced document as PDF where the clerk chooses; null when cancelled. */
  saveDocumentPdf(fileId: string): Promise<Result<string | null>>;
}
