import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// The foundation: the office and its villages, users, the household register and the audit log.
// Every business table carries office_code (the 9-digit township code, whose first 6 digits are
// the county code) so that submissions from several townships can be merged without clashes;
// keys are UUIDv7 text so rows from different PCs never collide either. Nothing is deleted:
// rows get deleted_at with delete_reason, members leave by status, households close.
export const foundation: Migration = {
  name: '0001_foundation',
  async up(db: Kysely<unknown>) {
    // A deletion always says why: deleted_at and delete_reason are set together or not at all.
    const meta = () => sql.raw(`
      id TEXT PRIMARY KEY NOT NULL,
      office_code TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      deleted_at TEXT,
      delete_reason TEXT CHECK ((deleted_at IS NULL) = (delete_reason IS NULL))`);
    await sql`CREATE TABLE office (
      ${meta()},
      county_code TEXT NOT NULL CHECK (length(county_code) = 6),
      county_name TEXT NOT NULL,
      township_code TEXT NOT NULL CHECK (length(township_code) = 9),
      township_name TEXT NOT NULL,
      phone TEXT,
      idle_minutes INTEGER NOT NULL DEFAULT 15 CHECK (idle_minutes BETWEEN 1 AND 240)
    ) STRICT`.execute(db);

    await sql`CREATE TABLE villages (
      ${meta()},
      code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL
    ) STRICT`.execute(db);

    await sql`CREATE TABLE village_groups (
      ${meta()},
      village_id TEXT NOT NULL REFERENCES villages(id),
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      UNIQUE (village_id, name)
    ) STRICT`.execute(db);

    // Login names compare without case: "Admin" and "admin" are the same person to a clerk.
    await sql`CREATE TABLE users (
      ${meta()},
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
      password_hash TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      last_login_at TEXT
    ) STRICT`.execute(db);

    // head_*, member_count and no_labor are kept in step with members by the service in the same
    // transaction, so the ledger lists, sorts and filters 30,000 households without joins.
    await sql`CREATE TABLE households (
      ${meta()},
      household_code TEXT NOT NULL UNIQUE,
      village_id TEXT NOT NULL REFERENCES villages(id),
      group_id TEXT NOT NULL REFERENCES village_groups(id),
      address TEXT,
      phone TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('povertyExited', 'monitored', 'ordinary')),
      dibao INTEGER NOT NULL CHECK (dibao IN (0, 1)),
      tekun INTEGER NOT NULL CHECK (tekun IN (0, 1)),
      relocated INTEGER NOT NULL CHECK (relocated IN (0, 1)),
      no_labor INTEGER NOT NULL CHECK (no_labor IN (0, 1)),
      helper_name TEXT,
      helper_phone TEXT,
      head_name TEXT NOT NULL,
      head_id_number TEXT NOT NULL,
      member_count INTEGER NOT NULL CHECK (member_count >= 0),
      status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
      closed_date TEXT,
      close_reason TEXT,
      CHECK ((status = 'closed') = (closed_date IS NOT NULL AND close_reason IS NOT NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_households_village ON households (village_id, group_id, household_code)`.execute(db);
    await sql`CREATE INDEX ix_households_head_name ON households (head_name)`.execute(db);
    await sql`CREATE INDEX ix_households_kind ON households (kind, household_code)`.execute(db);

    await sql`CREATE TABLE members (
      ${meta()},
      household_id TEXT NOT NULL REFERENCES households(id),
      name TEXT NOT NULL,
      id_number TEXT NOT NULL CHECK (length(id_number) = 18),
      sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
      birth_date TEXT NOT NULL,
      relation TEXT NOT NULL,
      ethnicity TEXT NOT NULL,
      education TEXT NOT NULL,
      schooling TEXT NOT NULL,
      health TEXT NOT NULL,
      disability_category TEXT,
      disability_grade INTEGER CHECK (disability_grade BETWEEN 1 AND 4),
      labor TEXT NOT NULL,
      work_status TEXT NOT NULL,
      medical_insurance INTEGER NOT NULL CHECK (medical_insurance IN (0, 1)),
      pension_insurance INTEGER NOT NULL CHECK (pension_insurance IN (0, 1)),
      phone TEXT,
      status TEXT NOT NULL CHECK (status IN ('current', 'dead', 'movedOut', 'otherLeft')),
      left_date TEXT,
      left_reason TEXT,
      sort_order INTEGER NOT NULL,
      CHECK ((status = 'current') = (left_date IS NULL))
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_members_household ON members (household_id, sort_order)`.execute(db);
    await sql`CREATE INDEX ix_members_name ON members (name)`.execute(db);
    await sql`CREATE INDEX ix_members_id_number ON members (id_number)`.execute(db);
    // One living person per ID number across the whole database. A person who moved out may be
    // registered again in another household; the dead and the moved-out keep their history.
    await sql`CREATE UNIQUE INDEX ux_members_current_id_number ON members (id_number)
      WHERE status = 'current' AND deleted_at IS NULL`.execute(db);

    // The audit log is append-only: the triggers refuse any UPDATE or DELETE, whoever asks.
    await sql`CREATE TABLE audit_log (
      id TEXT PRIMARY KEY NOT NULL,
      office_code TEXT NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT,
      user_name TEXT NOT NULL,
      channel TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      summary TEXT NOT NULL,
      changes TEXT NOT NULL
    ) STRICT`.execute(db);
    await sql`CREATE INDEX ix_audit_at ON audit_log (at)`.execute(db);
    await sql`CREATE INDEX ix_audit_entity ON audit_log (entity_id, at)`.execute(db);
    await sql`CREATE INDEX ix_audit_channel ON audit_log (channel, at)`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '操作日志不可删除'); END`.execute(db);
  },
};
