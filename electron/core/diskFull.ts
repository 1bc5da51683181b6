import { existsSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/lib/result';

// A full disk shows up in many costumes: ENOSPC from a file write, SQLITE_FULL ("database or disk
// is full") from SQLite, and after it the follow-up failures of a half-done operation ("cannot
// rollback - no transaction is active" when SQLite already rolled back, EBADF from a stream whose
// file was closed). Every write path passes its failure through here, so the clerk reads one
// sentence that says what happened and what to do, with the space still missing.

const mb = 1024 * 1024;
/** What an ordinary save may need: a WAL's worth of pages and SQLite's temporary files. */
const minimumNeedBytes = 16 * mb;

function messageOf(err: unknown): string {
  if (err instanceof Error) return `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`;
  return String(err);
}

/** True for a failure that means "no space left" (whatever layer reported it). */
export function isDiskFull(err: unknown): boolean {
  return /ENOSPC|SQLITE_FULL|database or disk is full|no space left/i.test(messageOf(err));
}

/** Free bytes on the drive holding `path` (or its nearest existing parent), or null if unknown. */
export function freeBytes(path: string): number | null {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  try {
    const s = statfsSync(p);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * How much a write into `dataDir` may need: the database's write-ahead log can grow by the pages a
 * transaction touches, and a checkpoint or a backup needs room for a copy.
 */
export function estimatedNeed(dataDir: string): number {
  let dbSize = 0;
  try {
    dbSize = statSync(join(dataDir, 'ledger.sqlite')).size;
  } catch {
    // a new folder: the minimum applies
  }
  return Math.max(minimumNeedBytes, Math.ceil(dbSize / 10));
}

export function diskFullMessage(missingBytes: number): string {
  const missingMb = Math.max(1, Math.ceil(missingBytes / mb));
  return `磁盘空间不足：还需要约 ${missingMb} MB，请清理磁盘或换一个位置后重试`;
}

/**
 * The one Chinese error for a full disk at `where` (a file or folder on the full drive). `needBytes`
 * is what the operation needs when it knows (a backup: the database's size); otherwise an estimate.
 */
export function diskFullError(where: string, needBytes?: number): AppError {
  const free = freeBytes(where) ?? 0;
  const need = needBytes ?? minimumNeedBytes;
  // "约": the estimate asks for the whole need when the drive is nearly full, never for nothing.
  const missing = need > free ? need - free : need;
  return new AppError('RULE', diskFullMessage(missing));
}

/** Passes the error through unless it means a full disk, which becomes the one message. */
export function mapDiskFull(err: unknown, where: string, needBytes?: number): unknown {
  return isDiskFull(err) ? diskFullError(where, needBytes) : err;
}
