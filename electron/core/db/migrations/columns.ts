import { sql, type RawBuilder } from 'kysely';

// The columns every business table starts with (ARCHITECTURE §5). Migrations from 0004 on share
// this; 0001–0003 keep their own copy, because a released migration's text never changes.
export function rowMetaColumns(): RawBuilder<unknown> {
  return sql.raw(`
      id TEXT PRIMARY KEY NOT NULL,
      office_code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      deleted_at TEXT,
      delete_reason TEXT CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))`);
}
