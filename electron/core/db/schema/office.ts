// The office, its villages and users, the audit log and sign-in failures.

import type { Generated } from 'kysely';
import type { Role } from '../../../../shared/contract/channel';
import type { RowMeta, Versioned } from './base';

export interface OfficeTable extends RowMeta, Versioned {
  county_code: string;
  county_name: string;
  township_code: string;
  township_name: string;
  phone: string | null;
  idle_minutes: number;
}

export interface VillageTable extends RowMeta, Versioned {
  code: string;
  name: string;
  sort_order: number;
}

export interface VillageGroupTable extends RowMeta {
  village_id: string;
  name: string;
  sort_order: number;
}

export interface UserTable extends RowMeta, Versioned {
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  last_login_at: string | null;
  /** 1: an admin chose the password (new account, reset); the owner must change it first. */
  must_change_password: Generated<number>;
}

export interface AuditLogTable {
  id: string;
  office_code: string;
  at: string;
  user_id: string | null;
  user_name: string;
  channel: string;
  entity: string;
  entity_id: string;
  summary: string;
  /** JSON array of { field, before, after }. */
  changes: string;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: string;
}

/** One burst of failed sign-ins for one login name (see 0008_login_failures). */
export interface LoginFailureTable extends RowMeta {
  name_key: string;
  first_at: string;
  last_at: string;
  failures: number;
}
