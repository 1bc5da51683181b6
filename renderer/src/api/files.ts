import type { StoredFile } from '../../../shared/contract/fileRefs';
import type { AppErrorShape, Result } from '../../../shared/lib/result';
import { ApiError } from './client';

// Files between the clerk and the core, the same calls in both hosts: the desktop uses its own
// dialogs (preload), the browser host uploads and downloads over loopback HTTP.

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** True in the Electron window, where the desktop's dialogs and printing exist. */
export function isDesktop(): boolean {
  return Boolean(window.ledger);
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new ApiError(result.error);
}

/** Lets the clerk choose a file and hands it to the core; null when the clerk cancelled. */
export async function pickFile(filters: FileFilter[]): Promise<StoredFile | null> {
  if (window.ledger) return unwrap(await window.ledger.pickFile(filters));
  const file = await chooseInBrowser(filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(','));
  if (!file) return null;
  return uploadFile(file);
}

/** Sends a file the page already has (a drop, a chooser) to the core's staging folder. */
export async function uploadFile(file: File): Promise<StoredFile> {
  let response: Response;
  try {
    response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: '无法连接本机服务，请确认程序仍在运行后重试' });
  }
  let body: Result<StoredFile>;
  try {
    body = (await response.json()) as Result<StoredFile>;
  } catch {
    const shape: AppErrorShape = { code: 'INTERNAL', message: `上传失败（${response.status}），请重试` };
    throw new ApiError(shape);
  }
  return unwrap(body);
}

function chooseInBrowser(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Where the browser host serves a produced file (download) or document (print view). */
export function downloadUrl(file: StoredFile): string {
  return `/files/${file.fileId}`;
}
export function printViewUrl(file: StoredFile): string {
  return `/print/${file.fileId}`;
}

/**
 * Saves a produced file: the desktop asks where (returns the path, null when cancelled); the
 * browser downloads it to the browser's download folder (returns the file name).
 */
export async function saveProducedFile(file: StoredFile): Promise<string | null> {
  if (window.ledger) return unwrap(await window.ledger.saveFile(file.fileId));
  const a = document.createElement('a');
  a.href = downloadUrl(file);
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return file.fileName;
}

/** Prints a produced document: the system print dialog, or a new tab for the browser's print. */
export async function printDocument(file: StoredFile): Promise<void> {
  if (window.ledger) {
    unwrap(await window.ledger.printDocument(file.fileId));
    return;
  }
  openPrintView(file);
}

/** Saves a document as PDF (desktop); the browser host opens the print view, whose print dialog saves PDF. */
export async function saveDocumentPdf(file: StoredFile): Promise<string | null> {
  if (window.ledger) return unwrap(await window.ledger.saveDocumentPdf(file.fileId));
  openPrintView(file);
  return null;
}

export function openPrintView(file: StoredFile): void {
  window.open(printViewUrl(file), '_blank', 'noopener');
}

/** A folder from the desktop's dialog; the browser host cannot browse folders (null). */
export async function pickFolder(): Promise<string | null> {
  return window.ledger ? window.ledger.pickFolder() : null;
}
