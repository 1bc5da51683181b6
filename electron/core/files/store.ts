import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import type { StoredFile } from '../../../shared/contract/fileRefs';
import { AppError } from '../../../shared/lib/result';
import { uuidv7 } from '../ids';

// Files cross between the window and the core through two folders of the data folder:
// `staging/<id>/<name>` holds what the clerk picked (an upload in the browser host, a copy made by
// the desktop's open dialog), `outbox/<id>/<name>` holds what the core produced (an export, a
// document to print) until the host hands it over. The id is a UUIDv7, so it cannot be guessed and
// it names nothing outside these folders.

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Left-over staged and produced files older than this are removed when the program starts. */
const keepMs = 24 * 60 * 60_000;

export type FileArea = 'staging' | 'outbox';

/** A file name safe on Windows and Linux: no folders, no reserved characters, not empty. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are invalid in Windows file names
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || '文件';
}

function area(dataDir: string, which: FileArea): string {
  return join(dataDir, which);
}

/** Keeps the bytes the clerk picked; the import reads them from here. */
export function stageUpload(dataDir: string, fileName: string, bytes: Buffer): StoredFile {
  const { fileId, path, fileName: name } = newFile(dataDir, 'staging', fileName);
  writeFileSync(path, bytes);
  return { fileId, fileName: name, size: bytes.length };
}

/**
 * Streams an upload into the staging folder (the browser host: a large file never sits in memory
 * whole). Whatever the source throws (too large, connection lost) removes the partial file.
 */
export async function stageUploadStream(dataDir: string, fileName: string, source: AsyncIterable<Buffer>): Promise<StoredFile> {
  const { fileId, path, fileName: name } = newFile(dataDir, 'staging', fileName);
  const out = createWriteStream(path);
  // A write still in flight when the upload is cut off reports its error after destroy(); without
  // a listener that late error would crash the host instead of being dropped with the partial file.
  let writeError: Error | null = null;
  out.on('error', (err) => {
    writeError ??= err;
  });
  let size = 0;
  try {
    for await (const chunk of source) {
      if (writeError) throw writeError;
      size += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (writeError) throw writeError;
  } catch (err) {
    if (!out.closed) {
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    rmSync(join(path, '..'), { recursive: true, force: true });
    throw err;
  }
  return { fileId, fileName: name, size };
}

/** A new, empty place in the outbox; the caller writes the file at `path`. */
export function newOutboxFile(dataDir: string, fileName: string): { fileId: string; fileName: string; path: string } {
  return newFile(dataDir, 'outbox', fileName);
}

function newFile(dataDir: string, which: FileArea, fileName: string): { fileId: string; fileName: string; path: string } {
  const fileId = uuidv7();
  const dir = join(area(dataDir, which), fileId);
  mkdirSync(dir, { recursive: true });
  const name = safeFileName(fileName);
  return { fileId, fileName: name, path: join(dir, name) };
}

/** The file behind an id, or a NOT_FOUND error a clerk can act on. */
export function storedFile(dataDir: string, which: FileArea, fileId: string): StoredFile & { path: string } {
  const found = findStored(dataDir, which, fileId);
  if (!found) {
    throw new AppError('NOT_FOUND', which === 'staging' ? '找不到所选文件（可能已过期），请重新选择文件' : '找不到生成的文件（可能已过期），请重新生成');
  }
  return found;
}

export function findStored(dataDir: string, which: FileArea, fileId: string): (StoredFile & { path: string }) | null {
  if (!idPattern.test(fileId)) return null;
  const dir = join(area(dataDir, which), fileId);
  if (!existsSync(dir)) return null;
  const [name] = readdirSync(dir);
  if (!name) return null;
  const path = join(dir, name);
  return { fileId, fileName: name, size: statSync(path).size, path };
}

export function sha256OfBuffer(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Removes staged and produced files older than a day (called when the core opens). */
export function cleanOldFiles(dataDir: string, nowMs: number): void {
  for (const which of ['staging', 'outbox'] as const) {
    const root = area(dataDir, which);
    if (!existsSync(root)) continue;
    for (const id of readdirSync(root)) {
      const dir = join(root, id);
      try {
        if (nowMs - statSync(dir).mtimeMs > keepMs) rmSync(dir, { recursive: true, force: true });
      } catch {
        // A file still open elsewhere (Windows) is left for the next start.
      }
    }
  }
}
