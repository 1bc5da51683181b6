import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// A national export's preset keeps, besides the column mapping, the clerk's mapping of the file's
// unknown village and group names to the office's (issue 11, item 3): next month's export from the
// same system maps itself. places_json: { [place key]: village or group id }. Saving it is an edit
// like the mapping, so it raises the version too (the trigger of 0018, with the new column).
export const presetPlaces: Migration = {
  name: '0026_preset_places',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE import_presets ADD COLUMN places_json TEXT NOT NULL DEFAULT '{}'`.execute(db);
    await sql`DROP TRIGGER trg_import_presets_version`.execute(db);
    await sql`CREATE TRIGGER trg_import_presets_version AFTER UPDATE OF name, mapping_json, places_json, deleted_at ON import_presets
      FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE import_presets SET version = OLD.version + 1 WHERE id = NEW.id; END`.execute(db);
  },
};
