import type { Kysely } from 'kysely';
import type { Clock } from '../../context';
import type { DB } from '../../db/schema';

export interface BackupScheduleDeps {
  getDb(): Kysely<DB>;
  dataDir: string;
  clock: Clock;
  logError(err: unknown): void;
}

/** The daily automatic backup. (Stub: filled in by the backups slice.) */
export function startBackupSchedule(deps: BackupScheduleDeps): { stop(): void } {
  void deps;
  return { stop() {} };
}
