import { createHash, type Hash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, fsyncSync, openSync, renameSync, rmSync, write } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';

/**
 * Test seam for the "stick pulled midway" tests: called before every chunk is written to a file
 * of a submission or an export; a test may throw (an injected EIO) or remove the target folder.
 * Always null in the program.
 */
export const writeTestHooks: { beforeChunk: ((fileName: string, bytesSoFar: number) => void) | null } = { beforeChunk: null };

/**
 * A file being written: every byte goes to the file descriptor and into a SHA-256 at the same
 * time, so the hash of what was sent is known without reading the file back.
 */
export class HashingFileSink extends Writable {
  private readonly hash: Hash = createHash('sha256');
  private fd: number | null;
  bytes = 0;
  /** The first write error (a pulled stick, a full disk), or null. */
  failure: Error | null = null;
  /** Rejects with the first write error: race long awaits (the zip's end) against it. */
  readonly failed: Promise<never>;

  constructor(
    readonly path: string,
    private readonly label: string,
  ) {
    super({ highWaterMark: 1 << 20 });
    // 'wx': never overwrite — a name already there is somebody else's file.
    this.fd = openSync(path, 'wx');
    this.failed = new Promise<never>((_resolve, reject) => {
      this.once('error', (err: Error) => {
        this.failure ??= err;
        reject(err);
      });
    });
    this.failed.catch(() => undefined);
  }

  /** Throws the write error, if one happened; call it between batches of rows. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      writeTestHooks.beforeChunk?.(this.label, this.bytes);
    } catch (err) {
      callback(err as Error);
      return;
    }
    if (this.fd === null) {
      callback(new Error('file already closed'));
      return;
    }
    this.hash.update(chunk);
    this.bytes += chunk.length;
    writeAll(this.fd, chunk, callback);
  }

  /** After `finished`: flushes the file to the disk and closes it; returns the hash of what was written. */
  syncAndClose(): { sha256: string; size: number } {
    if (this.fd === null) throw new Error('file already closed');
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { sha256: this.hash.digest('hex'), size: this.bytes };
  }

  /** Closes without syncing (after a failure); never throws. */
  abandon(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // the drive may be gone
    }
    this.fd = null;
  }
}

function writeAll(fd: number, chunk: Buffer, callback: (error?: Error | null) => void, offset = 0): void {
  write(fd, chunk, offset, chunk.length - offset, null, (err, written) => {
    if (err) return callback(err);
    if (offset + written < chunk.length) return writeAll(fd, chunk, callback, offset + written);
    callback();
  });
}

/** SHA-256 and size of a file as it is on the disk now. */
export function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => {
        const b = chunk as Buffer;
        size += b.length;
        hash.update(b);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), size }));
  });
}

/** Flushes a folder's entries (new names, renames) to the disk. Windows cannot open folders: skipped there. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The hidden temporary name a file is written under beside its final name. */
export function partialNameFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${randomUUID().slice(0, 8)}.partial`);
}

/** Flushes a file's bytes to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies `source` to `target` so that `target` only ever names the complete file: the copy goes
 * to a hidden temporary name in the target's folder, is flushed, then renamed (replacing a file of
 * that name). A failure or a kill leaves at most the hidden temporary file, never a partial
 * `target`.
 */
export function copyFileComplete(source: string, target: string): void {
  const temp = partialNameFor(target);
  try {
    writeTestHooks.beforeChunk?.(basename(target), 0);
    copyFileSync(source, temp);
    fsyncPath(temp);
    renameSync(temp, target);
    fsyncDir(dirname(target));
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
