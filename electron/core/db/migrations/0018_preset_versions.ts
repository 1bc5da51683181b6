import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Import presets are records two clerks can edit at once: one saving a corrected column mapping
// under a name the other has just saved silently replaced it (issue 16, item 2). Same scheme as
// 0006 and 0016: the form sends back the version of the preset it loaded, and the core refuses a
// save against a newer one. Only the columns a save edits raise the version.
export const presetVersions: Migration = {
  name: '0018_preset_versions',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE import_presets ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)`.execute(db);
    await sql`CREATE TRIGGER trg_import_presets_version AFTER UPDATE OF name, mapping_json, deleted_at ON import_presets
      FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE import_presets SET version = OLD.version + 1 WHERE id = NEW.id; END`.execute(db);
  },
};
