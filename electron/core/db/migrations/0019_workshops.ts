import { sql, type Kysely } from 'kysely';
import { rowMetaColumns } from './columns';
import type { Migration } from './types';

// 就业帮扶车间 (issue 12 item 5, EMPLOYMENT-FUNDS §1.1 E5): the workshop, its quarterly monitoring
// checks (append-only: a state change is a new check), and the link from a staff member's job
// spell to the workshop (the roster is spells with channel 就业帮扶车间, not a second list).
export const workshops: Migration = {
  name: '0019_workshops',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE workshops (${rowMetaColumns()},
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      name TEXT NOT NULL,
      credit_code TEXT,
      form TEXT NOT NULL CHECK (form IN ('villageLed', 'cooperative', 'enterprise', 'leadingEnterprise')),
      kind TEXT NOT NULL CHECK (kind IN ('factory', 'home', 'farming', 'trade', 'tourism')),
      village_id TEXT NOT NULL REFERENCES villages (id),
      legal_person TEXT,
      products TEXT,
      recognition_no TEXT,
      recognized_on TEXT,
      insurer TEXT,
      insurance_fen INTEGER CHECK (insurance_fen IS NULL OR insurance_fen >= 0),
      insurance_until TEXT,
      state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'pending', 'cleared')),
      note TEXT,
      CHECK ((recognition_no IS NULL) = (recognized_on IS NULL))
    ) STRICT`.execute(db);
    await sql`CREATE UNIQUE INDEX ux_workshops_credit_code ON workshops (credit_code) WHERE deleted_at IS NULL AND credit_code IS NOT NULL`.execute(db);
    await sql`CREATE INDEX ix_workshops_village ON workshops (village_id) WHERE deleted_at IS NULL`.execute(db);
    await sql.raw(`CREATE TRIGGER trg_workshops_version AFTER UPDATE ON workshops
      FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE workshops SET version = OLD.version + 1 WHERE id = NEW.id; END`).execute(db);

    await sql`CREATE TABLE workshop_checks (${rowMetaColumns()},
      workshop_id TEXT NOT NULL REFERENCES workshops (id),
      checked_on TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'pending', 'cleared')),
      people INTEGER CHECK (people IS NULL OR people >= 0),
      checker TEXT NOT NULL,
      note TEXT
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_workshop_checks ON workshop_checks (workshop_id, checked_on) WHERE deleted_at IS NULL`.execute(db);

    await sql`ALTER TABLE employment_spells ADD COLUMN workshop_id TEXT REFERENCES workshops (id)`.execute(db);
    await sql`CREATE INDEX ix_spells_workshop ON employment_spells (workshop_id) WHERE deleted_at IS NULL AND workshop_id IS NOT NULL`.execute(db);
  },
};
