import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// Files in and out (DOMAIN §13, §15): a clerk's corrected column mapping is kept as a named preset
// so next quarter's file from the same source maps itself; every backup is logged so the settings
// page can say when the last one ran and warn when it is old.
export const files: Migration = {
  name: '0005_files',
  async up(db: Kysely<unknown>) {
    const meta = rowMetaColumns;

    // mapping_json: { [header text]: field name } for one import kind.
    await sql`CREATE TABLE import_presets (
      ${meta()},
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      mapping_json TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_import_presets_name ON import_presets (kind, name) WHERE deleted_at IS NULL`.execute(db);

    // kind: 'auto' (daily, kept by the 7/4/12 rule) or 'manual' (to a chosen drive).
    await sql`CREATE TABLE backup_runs (
      ${meta()},
      kind TEXT NOT NULL CHECK (kind IN ('auto', 'manual', 'pre-restore')),
      file TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
      finished_at TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_backup_runs_finished ON backup_runs (finished_at)`.execute(db);
  },
};
