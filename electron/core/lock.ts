import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/lib/result';

// One writer per data folder. Two processes writing one SQLite file are safe for SQLite itself,
// but not for the program: a restore renames a new file over ledger.sqlite, and a process that
// still holds the old file keeps acknowledging saves into a deleted inode (issue 16, item 1).
// So every process that opens a folder for writing (desktop, browser host, command line) holds
// `ledger.lock` for as long as it runs:
//
//   { pid, host, program, startedAt, token }
//
// It is created atomically with its content (written under a private name, then hard-linked to
// the lock's name, which fails if the name exists), so a reader never sees an empty lock. A lock
// whose process is gone (same host, pid not alive) is stale and taken over; a lock from another
// host (a shared folder) is only taken over when the holder has not touched it for
// `foreignStaleMs` (a live holder refreshes its time every `heartbeatMs`).

export const lockFileName = 'ledger.lock';

export type ProgramKind = 'desktop' | 'web' | 'cli' | 'core';

export const programLabels: Record<ProgramKind, string> = {
  desktop: '桌面程序',
  web: '浏览器服务',
  cli: '命令行',
  core: '台账程序',
};

export interface LockInfo {
  pid: number;
  host: string;
  program: ProgramKind;
  startedAt: string;
  token: string;
}

export interface FolderLock {
  readonly info: LockInfo;
  release(): void;
}

const heartbeatMs = 60_000;
const foreignStaleMs = 10 * 60_000;
const unreadableGraceMs = 5_000;

/** Locks held by this process, by lock path: a second core in the same process is a second writer too. */
const heldHere = new Map<string, LockInfo>();

function readLock(path: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return null;
    return {
      pid: parsed.pid,
      host: parsed.host,
      program: parsed.program && parsed.program in programLabels ? parsed.program : 'core',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : '',
      token: parsed.token,
    };
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user — alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a lock found in the folder no longer counts, or null when its holder may still be writing. */
function staleReason(path: string, info: LockInfo | null, nowMs: number): string | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return 'gone';
  }
  // Unreadable content: damage — or, on a drive without hard links (FAT), a lock just created whose
  // content is still being written, so only an old one counts as stale.
  if (!info) return nowMs - mtimeMs > unreadableGraceMs ? 'unreadable' : null;
  if (info.host === hostname()) {
    if (heldHere.get(path)?.token === info.token) return null;
    if (info.pid === process.pid) return 'an earlier process with this pid';
    return pidAlive(info.pid) ? null : 'process gone';
  }
  return nowMs - mtimeMs > foreignStaleMs ? 'foreign lock not refreshed' : null;
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '未知时间';
  const p = (n: number) => String(n).padStart(2, '0');
  const today = new Date();
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return d.toDateString() === today.toDateString() ? time : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${time}`;
}

/** The refusal a second opener sees. */
export function heldMessage(info: LockInfo): string {
  return `数据文件夹正被“${programLabels[info.program]}”（进程 ${info.pid}，主机 ${info.host}，自 ${localTime(info.startedAt)} 起）使用，请先关闭它再试`;
}

export class FolderHeldError extends AppError {
  constructor(readonly holder: LockInfo) {
    super('CONFLICT', heldMessage(holder));
  }
}

/** Who holds the folder now (a live, non-stale lock), or null. */
export function currentHolder(dataDir: string): LockInfo | null {
  const path = join(dataDir, lockFileName);
  const info = readLock(path);
  if (!info) return null;
  return staleReason(path, info, Date.now()) === null ? info : null;
}

/**
 * Takes the folder's lock or throws FolderHeldError naming the holder. The lock is released by
 * `release()` and, failing that, when the process exits.
 */
export function acquireFolderLock(dataDir: string, program: ProgramKind): FolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  const info: LockInfo = { pid: process.pid, host: hostname(), program, startedAt: new Date().toISOString(), token: randomUUID() };
  const draft = join(dataDir, `.${lockFileName}.${info.token}`);
  writeFileSync(draft, `${JSON.stringify(info)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      if (createExclusive(draft, path, info)) break;
      const found = readLock(path);
      const why = staleReason(path, found, Date.now());
      if (why === null) throw new FolderHeldError(found ?? unknownHolder);
      if (attempt >= 5) throw new FolderHeldError(found ?? info);
      takeOverStale(path, found);
    }
  } finally {
    rmSync(draft, { force: true });
  }
  heldHere.set(path, info);

  const beat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // the folder is gone (a pulled drive); the next write reports it
    }
  }, heartbeatMs);
  beat.unref();

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    clearInterval(beat);
    process.off('exit', release);
    if (heldHere.get(path)?.token === info.token) heldHere.delete(path);
    // Only our own lock: a folder taken over meanwhile (we were thought dead) keeps its new holder's.
    if (readLock(path)?.token === info.token) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { info, release };
}

const unknownHolder: LockInfo = { pid: 0, host: '未知', program: 'core', startedAt: '', token: '' };

/**
 * Gives the lock its name if nobody holds it: a hard link of the fully written draft (atomic, fails
 * if the name exists). Drives without hard links (FAT-formatted sticks) fall back to an exclusive
 * create ('wx', also atomic) followed by the content.
 */
function createExclusive(draft: string, path: string, info: LockInfo): boolean {
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  try {
    writeFileSync(path, `${JSON.stringify(info)}\n`, { flag: 'wx', flush: true });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Moves a stale lock aside. Two openers may find the same stale lock: the rename lets one of them
 * win; if what was moved turns out to be a fresh lock (the other opener's), it is put back.
 */
function takeOverStale(path: string, seen: LockInfo | null): void {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readLock(aside);
  if (seen && moved && moved.token !== seen.token) {
    try {
      linkSync(aside, path);
    } catch {
      // someone else took it meanwhile; their lock stands
    }
  }
  rmSync(aside, { force: true });
}
