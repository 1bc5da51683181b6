import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// search_keys made smaller, for the import's speed (issue 16): a county's import writes about
// 660,000 keys, and entering them into the key index, in no order, was most of its write time —
// the index had outgrown SQLite's page cache, so most entries read a page back.
//
// - ix_search_keys_record (record_id, source_at) and the source_at column served one query:
//   migration 0022's one-time search for stale keys. Keys are found stale through search_dirty
//   since then; nothing read either, but every key paid for them.
// - The key index drops record_id (a 36-character text in every entry): a search reads its few
//   dozen matches' record ids from the table. The index is a third of its size and stays in the
//   cache; writing a county's keys took 7.4 s of CPU instead of 10.3 s (and 15.4 s with all three).
export const searchKeysSlim: Migration = {
  name: '0031_search_keys_slim',
  async up(db: Kysely<unknown>) {
    await sql`DROP INDEX ix_search_keys_record`.execute(db);
    await sql`DROP INDEX ix_search_keys_key`.execute(db);
    await sql`ALTER TABLE search_keys DROP COLUMN source_at`.execute(db);
    await sql`CREATE INDEX ix_search_keys_key ON search_keys (key, kind)`.execute(db);
  },
};
