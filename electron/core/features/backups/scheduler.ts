import type { Kysely } from 'kysely';
import type { Clock } from '../../context';
import type { DB } from '../../db/schema';
import { applyRetention, takeAutoBackupIfDue } from './service';

export interface BackupScheduleDeps {
  getDb(): Kysely<DB>;
  dataDir: string;
  clock: Clock;
  logError(err: unknown): void;
}

export interface BackupSchedule {
  stop(): void;
  /**
   * Runs one check now (take today's backup if it is missing, then apply the retention rule) and
   * resolves when it is done; a check already under way is awaited instead of started twice.
   */
  check(): Promise<void>;
}

/** How often the schedule looks whether today's backup exists: a PC left on overnight gets it within the hour. */
export const checkEveryMs = 60 * 60_000;

/**
 * The daily automatic backup: a check at start (so a PC switched on each morning gets its backup
 * then) and every hour after. The timer is unref'd, so it never keeps the process alive.
 */
export function startBackupSchedule(deps: BackupScheduleDeps): BackupSchedule {
  let running: Promise<void> | null = null;
  let stopped = false;

  async function once(): Promise<void> {
    const step = { db: deps.getDb(), dataDir: deps.dataDir, now: deps.clock.now() };
    await takeAutoBackupIfDue(step);
    if (stopped) return;
    await applyRetention(step);
  }

  function check(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (!running) {
      running = once()
        .catch((err: unknown) => {
          // A database closed mid-check (the program shutting down) is not worth a report.
          if (!stopped) deps.logError(err);
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  }

  void check();
  const timer = setInterval(() => void check(), checkEveryMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    check,
  };
}
