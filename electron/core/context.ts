import type { Kysely, Transaction } from 'kysely';
import type { ChannelName } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/users';
import type { DB } from './db/schema';
import type { AuditWriter } from './auditWriter';
import type { Session } from './sessions';
import type { JobSnapshot } from '../../shared/contract/jobs';
import type { JobControl } from './jobs';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every handler gets: the database, the caller and one way to change data (with audit). */
export interface HandlerContext {
  readonly db: Kysely<DB>;
  readonly clock: Clock;
  readonly channel: ChannelName;
  readonly session: Session;
  readonly dataDir: string;
  /** The signed-in user; the dispatcher has already refused callers who may not be here. */
  requireUser(): SessionUser;
  /** The office's code (township code), stamped on every row. Throws NOT_CONFIGURED before setup. */
  officeCode(): Promise<string>;
  /** Drops cached office settings after they change. */
  invalidateOffice(): void;
  /** Ends every session of a user (role, access or password changed), except `exceptSessionKey`. */
  signOutUser(userId: string, exceptSessionKey?: string): void;
  nowIso(): string;
  /** Today's local date, YYYY-MM-DD. */
  today(): string;
  /** Long work for this session (see jobs.ts): start returns the job id at once. */
  readonly jobs: {
    start<T>(kind: string, run: (control: JobControl) => Promise<T>): string;
    get(jobId: string): JobSnapshot;
    cancel(jobId: string): JobSnapshot;
  };
  /**
   * Closes the database, lets `fn` replace the file (a restore), then reopens and migrates it and
   * signs every session out. Refused while a job runs.
   */
  replaceDatabase(fn: (databaseFile: string) => Promise<void>): Promise<void>;
  /** Runs `fn` in one transaction; the audit rows it writes commit or roll back with the data. */
  mutate<T>(fn: (tx: Transaction<DB>, audit: AuditWriter) => Promise<T>): Promise<T>;
}

/** Columns every new row gets. */
export interface NewRowMeta {
  id: string;
  office_code: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: null;
  delete_reason: null;
}
