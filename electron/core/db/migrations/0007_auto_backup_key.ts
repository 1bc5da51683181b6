import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// Encrypted automatic backups (issue 16, item 5): the admin's setting is a row holding the
// recipient — the public key and the passphrase-wrapped private key (see features/backups/crypto.ts),
// never the passphrase or anything that decrypts by itself. The row in force is the newest one not
// deleted; turning encryption off or changing the passphrase deletes the old row with a reason,
// so the history of the setting stays.
export const autoBackupKey: Migration = {
  name: '0007_auto_backup_key',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE backup_keys (
      ${rowMetaColumns()},
      recipient_json TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_backup_keys_current ON backup_keys (office_code) WHERE deleted_at IS NULL`.execute(db);
  },
};
