// Row types of the SQLite tables, as Kysely sees them. Booleans are stored as 0/1 integers;
// dates as 'YYYY-MM-DD' text and times as ISO-8601 UTC text (see migrations for the why).

/** Columns every business table carries (ARCHITECTURE §5). */
export interface RowMeta {
  id: string;
  office_code: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  delete_reason: string | null;
}

export interface OfficeTable extends RowMeta {
  county_code: string;
  county_name: string;
  township_code: string;
  township_name: string;
  phone: string | null;
  idle_minutes: number;
}

export interface VillageTable extends RowMeta {
  code: string;
  name: string;
  sort_order: number;
}

export interface VillageGroupTable extends RowMeta {
  village_id: string;
  name: string;
  sort_order: number;
}

export interface UserTable extends RowMeta {
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  active: number;
  last_login_at: string | null;
}

export interface HouseholdTable extends RowMeta {
  household_code: string;
  village_id: string;
  group_id: string;
  address: string | null;
  phone: string | null;
  kind: string;
  dibao: number;
  tekun: number;
  relocated: number;
  no_labor: number;
  helper_name: string | null;
  helper_phone: string | null;
  head_name: string;
  head_id_number: string;
  member_count: number;
  status: string;
  closed_date: string | null;
  close_reason: string | null;
}

export interface MemberTable extends RowMeta {
  household_id: string;
  name: string;
  id_number: string;
  sex: string;
  birth_date: string;
  relation: string;
  ethnicity: string;
  education: string;
  schooling: string;
  health: string;
  disability_category: string | null;
  disability_grade: number | null;
  labor: string;
  work_status: string;
  medical_insurance: number;
  pension_insurance: number;
  phone: string | null;
  status: string;
  left_date: string | null;
  left_reason: string | null;
  sort_order: number;
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

export interface DB {
  office: OfficeTable;
  villages: VillageTable;
  village_groups: VillageGroupTable;
  users: UserTable;
  households: HouseholdTable;
  members: MemberTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationTable;
}
