import type { Kysely } from 'kysely';

/** A schema change. `up` runs inside its own transaction; there is no `down`: backups are the way back. */
export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
