// Row types of the SQLite tables, as Kysely sees them. Booleans are stored as 0/1 integers;
// dates as 'YYYY-MM-DD' text and times as ISO-8601 UTC text (see migrations for the why).
// Coded columns carry the domain's own unions (the CHECK constraints in the migrations hold the
// same lists), so a value read back needs no cast and a wrong code fails to compile.

import type { Generated } from 'kysely';
import type { Role } from '../../../shared/contract/channel';
import type { MeasureFamily } from '../../../shared/contract/measures';
import type {
  DisabilityCategory,
  Education,
  Health,
  HouseholdKind,
  HouseholdStatus,
  Labor,
  MemberStatus,
  Relation,
  Schooling,
  WorkStatus,
} from '../../../shared/domain/household';
import type { Sex } from '../../../shared/domain/idNumber';
import type {
  CaseStatus,
  ClueSource,
  DeclineCause,
  EliminationMethod,
  MeasureStatus,
  MonitoringCategory,
  RiskType,
  VisitCycle,
  VisitKind,
} from '../../../shared/domain/monitoring';

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

/**
 * Records a form edits (migration 0006): a trigger raises the version on every UPDATE, and a
 * form's save names the version it loaded, so a save against a newer one is refused.
 */
export interface Versioned {
  version: Generated<number>;
}

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

export interface HouseholdTable extends RowMeta, Versioned {
  household_code: string;
  village_id: string;
  group_id: string;
  address: string | null;
  phone: string | null;
  kind: HouseholdKind;
  dibao: number;
  tekun: number;
  relocated: number;
  no_labor: number;
  helper_name: string | null;
  helper_phone: string | null;
  head_name: string;
  head_id_number: string;
  member_count: number;
  status: HouseholdStatus;
  closed_date: string | null;
  close_reason: string | null;
  /** Visit schedule (0002): openCase | eliminated | stableExited, or null when not visited on a cycle. */
  visit_cycle: VisitCycle | null;
  last_visit_date: string | null;
  next_visit_due: string | null;
}

export interface MemberTable extends RowMeta, Versioned {
  household_id: string;
  name: string;
  id_number: string;
  sex: Sex;
  birth_date: string;
  relation: Relation;
  ethnicity: string;
  education: Education;
  schooling: Schooling;
  health: Health;
  disability_category: DisabilityCategory | null;
  disability_grade: number | null;
  labor: Labor;
  work_status: WorkStatus;
  medical_insurance: number;
  pension_insurance: number;
  phone: string | null;
  status: MemberStatus;
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

export interface ThresholdYearTable extends RowMeta, Versioned {
  year: number;
  monitoring_line_fen: number;
  elimination_floor_fen: number;
  period_start_month: number;
  notice_days: number;
  identification_deadline_days: number;
  identification_deadline_unit: string;
  plan_deadline_days: number;
  min_monitoring_months: number;
  visit_open_months: number;
  visit_eliminated_months: number;
  visit_stable_months: number;
  /** JSON array of 'YYYY-MM-DD'. */
  holidays: string;
  /** JSON array of 'YYYY-MM-DD'. */
  makeup_workdays: string;
}

export interface IncomeTable extends RowMeta, Versioned {
  household_id: string;
  year: number;
  member_count: number;
  wage_fen: number;
  business_income_fen: number;
  business_cost_fen: number;
  property_fen: number;
  pension_fen: number;
  dibao_fen: number;
  tekun_fen: number;
  eco_compensation_fen: number;
  other_transfer_fen: number;
  insurance_payout_fen: number;
  medical_out_of_pocket_fen: number;
  net_income_fen: number;
  per_capita_fen: number;
  decline_cause: DeclineCause | null;
  note: string | null;
  /** Issue 11 (0013): 'nationalPerCapita' = the national export's 人均纯收入 without a breakdown; null = entered in the office. */
  source: 'nationalPerCapita' | null;
}

export interface MonitoringCaseTable extends RowMeta, Versioned {
  case_code: string;
  household_id: string;
  status: CaseStatus;
  category: MonitoringCategory | null;
  suggested_category: MonitoringCategory | null;
  category_confirmed_by: string | null;
  helper_name: string | null;
  helper_phone: string | null;
  clue_source: ClueSource;
  clue_date: string;
  clue_note: string | null;
  deadline_date: string;
  included_date: string | null;
  plan_due_date: string | null;
  eliminated_date: string | null;
  elimination_method: EliminationMethod | null;
  rejected_date: string | null;
  reject_reason: string | null;
  /** JSON object: { food: { status, note }, … } for the six guarantees. */
  guarantees: string;
  active_workflow: string | null;
  next_step: string | null;
  round: number;
}

export interface CaseRiskTable extends RowMeta {
  case_id: string;
  risk_type: RiskType;
  note: string | null;
}

export interface CaseStepTable extends RowMeta {
  case_id: string;
  /** identification | elimination | reopen */
  workflow: string;
  round: number;
  step: string;
  step_date: string;
  people: string;
  outcome: string;
  note: string | null;
  /** JSON object with the step's own facts. */
  details: string;
}

export interface NoticeObjectionTable extends RowMeta {
  case_id: string;
  step_id: string;
  received_date: string;
  objector: string | null;
  content: string;
  resolution: string | null;
  resolved_date: string | null;
}

export interface MeasureTypeTable extends RowMeta, Versioned {
  code: string;
  family: MeasureFamily;
  name: string;
  /** JSON array of risk types. */
  risk_types: string;
  has_amount: number;
  sort_order: number;
  active: number;
}

export interface MeasureTable extends RowMeta, Versioned {
  case_id: string;
  household_id: string;
  measure_type_code: string;
  /** JSON array of the case's risk types this measure answers. */
  risk_types: string;
  responsible_unit: string;
  helper_name: string | null;
  planned_date: string;
  done_date: string | null;
  status: MeasureStatus;
  amount_fen: number | null;
  note: string | null;
}

export interface VisitTable extends RowMeta {
  household_id: string;
  case_id: string | null;
  visit_date: string;
  visitors: string;
  kind: VisitKind;
  findings: string;
  /** JSON object like monitoring_cases.guarantees, when the visit checked them. */
  guarantees: string | null;
  income_year: number | null;
}

export interface DB {
  office: OfficeTable;
  villages: VillageTable;
  village_groups: VillageGroupTable;
  users: UserTable;
  households: HouseholdTable;
  members: MemberTable;
  audit_log: AuditLogTable;
  threshold_years: ThresholdYearTable;
  incomes: IncomeTable;
  monitoring_cases: MonitoringCaseTable;
  case_risks: CaseRiskTable;
  case_steps: CaseStepTable;
  notice_objections: NoticeObjectionTable;
  measure_types: MeasureTypeTable;
  measures: MeasureTable;
  visits: VisitTable;
  printed_documents: PrintedDocumentTable;
  signatures: SignatureTable;
  print_settings: PrintSettingsTable;
  import_presets: ImportPresetTable;
  backup_runs: BackupRunTable;
  backup_keys: BackupKeyTable;
  login_failures: LoginFailureTable;
  employment_spells: EmploymentSpellTable;
  employment_settings: EmploymentSettingsTable;
  survey_rounds: SurveyRoundTable;
  survey_checks: SurveyCheckTable;
  schema_migrations: SchemaMigrationTable;
  post_settings: PostSettingsTable;
  welfare_posts: WelfarePostTable;
  welfare_appointments: WelfareAppointmentTable;
  appointment_steps: AppointmentStepTable;
  welfare_months: WelfareMonthTable;
  bank_accounts: BankAccountTable;
  payment_lists: PaymentListTable;
  payment_lines: PaymentLineTable;
  fund_sources: FundSourceTable;
  fund_settings: FundSettingsTable;
  fund_batches: FundBatchTable;
  fund_projects: FundProjectTable;
  fund_project_steps: FundProjectStepTable;
  fund_allocations: FundAllocationTable;
  fund_disbursements: FundDisbursementTable;
  search_keys: SearchKeyTable;
}

/** One document of one print job (see 0004_paper). */
export interface PrintedDocumentTable extends RowMeta {
  batch_id: string;
  kind: string;
  title: string;
  record_ref: string;
  record_code: string;
  content_hash: string;
  content_code: string;
  data_json: string;
  printed_by_name: string;
  printed_at: string;
  output: 'print' | 'pdf' | 'preview';
}

export interface SignatureTable extends RowMeta {
  form_kind: string;
  record_id: string;
  block: string;
  role_label: string;
  signer_name: string;
  method: 'screen' | 'ink';
  image_png: string | null;
  scan_file: string | null;
  scan_sha256: string | null;
  scan_attached_at: string | null;
  signed_on: string;
  signed_at: string;
  content_hash: string;
  superseded_by: string | null;
  superseded_reason: string | null;
  /** How content_hash was computed (forms/signedScope.ts): 1 before material fields, 2 since. */
  scope_version: number;
  /** The form's data as signed (version 2 on), to name informational changes since. */
  signed_data_json: string | null;
}

export interface PrintSettingsTable extends RowMeta, Versioned {
  /** JSON array of column keys. */
  notice_columns: string;
  objection_place: string | null;
  objection_note: string | null;
  notice_phone: string | null;
}

export interface ImportPresetTable extends RowMeta {
  kind: string;
  name: string;
  /** JSON object: header text → field name. */
  mapping_json: string;
}

export interface BackupRunTable extends RowMeta {
  kind: 'auto' | 'manual' | 'pre-restore';
  file: string;
  size_bytes: number;
  sha256: string;
  encrypted: number;
  finished_at: string;
}

/** The recipient of encrypted automatic backups (JSON of AutoBackupRecipient); at most one not deleted. */
export interface BackupKeyTable extends RowMeta {
  recipient_json: string;
}

/** One burst of failed sign-ins for one login name (see 0008_login_failures). */
export interface LoginFailureTable extends RowMeta {
  name_key: string;
  first_at: string;
  last_at: string;
  failures: number;
}

// ---- 0011_posts_payments: 公益性岗位 and 发放清册 ----

export interface PostSettingsTable extends RowMeta, Versioned {
  year: number;
  min_age: number;
  max_age_male: number;
  max_age_female: number;
  warn_age: number;
  notice_days: number;
  max_term_months: number;
}

export interface WelfarePostTable extends RowMeta, Versioned {
  village_id: string;
  name: string;
  post_type: string;
  category: string;
  funding: string;
  employer: string | null;
  subsidy_fen: number;
  min_days: number;
  places: number;
  active: number;
  announced_on: string | null;
  announce_note: string | null;
}

export interface WelfareAppointmentTable extends RowMeta, Versioned {
  post_id: string;
  member_id: string;
  household_id: string;
  status: string;
  agreement_type: string | null;
  start_date: string | null;
  end_date: string | null;
  subsidy_fen: number | null;
  left_date: string | null;
  left_reason: string | null;
  left_note: string | null;
}

export interface AppointmentStepTable extends RowMeta {
  appointment_id: string;
  step: string;
  date: string;
  outcome: string;
  /** JSON array of names. */
  people: string;
  note: string | null;
  notice_start: string | null;
  notice_end: string | null;
}

export interface WelfareMonthTable extends RowMeta, Versioned {
  appointment_id: string;
  /** YYYY-MM */
  month: string;
  days: number;
  grade: string;
  adjust_fen: number;
  adjust_reason: string | null;
  due_fen: number;
  paid_fen: number;
  payment_line_id: string | null;
}

export interface BankAccountTable extends RowMeta, Versioned {
  member_id: string;
  bank_name: string;
  account_no: string;
}

export interface PaymentListTable extends RowMeta, Versioned {
  purpose: string;
  period: string;
  village_id: string | null;
  title: string;
  status: string;
  notice_on: string | null;
  approved_on: string | null;
  bank_on: string | null;
  reconciled_on: string | null;
  resend_of: string | null;
  note: string | null;
}

export interface PaymentLineTable extends RowMeta {
  list_id: string;
  household_id: string;
  member_id: string;
  basis: string;
  amount_fen: number;
  reverses_line_id: string | null;
  resend_of_line_id: string | null;
  result: string | null;
  result_reason: string | null;
  sort_order: number;
}


// 就业台账 (0010_employment).
export interface EmploymentSpellTable extends RowMeta, Versioned {
  member_id: string;
  household_id: string;
  place: string;
  area: string;
  abroad: number;
  province: string | null;
  city: string | null;
  employer: string | null;
  job: string | null;
  industry: string | null;
  start_date: string;
  end_date: string | null;
  months: number | null;
  months_year: number | null;
  monthly_income_fen: number;
  channel: string;
  source: string;
  work_phone: string | null;
  end_reason: string | null;
  note: string | null;
}

export interface EmploymentSettingsTable extends RowMeta, Versioned {
  year: number;
  min_age: number;
  max_age_male: number;
  max_age_female: number;
  /** JSON arrays/objects, see 0010_employment. */
  survey_kinds: string;
  transport_tiers: string;
  transport_min_months: number;
  workshop_tiers: string;
  workshop_min_months: number;
  workshop_min_wage_fen: number;
  workshop_stable_months: number;
  workshop_per_person_fen: number;
}

export interface SurveyRoundTable extends RowMeta {
  year: number;
  quarter: number;
  due_date: string;
  note: string | null;
}

export interface SurveyCheckTable extends RowMeta {
  round_id: string;
  member_id: string;
  village_id: string;
  outcome: string;
  spell_id: string | null;
  checked_on: string;
}

// Funds and projects (migration 0012_funds).
export interface FundSourceTable {
  code: string;
  name: string;
  level: string | null;
  sort_order: number;
  active: number;
}

export interface FundSettingsTable extends RowMeta, Versioned {
  year: number;
  village_notice_days: number;
  township_notice_days: number;
  library_notice_days: number;
  review_deadline_days: number;
  /** JSON array of { date: 'MM-DD', percent }. */
  milestones: string;
  close_date: string | null;
}

export interface FundBatchTable extends RowMeta {
  doc_no: string;
  issued_date: string;
  year: number;
  level: string;
  source_code: string;
  amount_fen: number;
  use_direction: string;
  note: string | null;
}

export interface FundProjectTable extends RowMeta, Versioned {
  project_code: string;
  name: string;
  project_type: string;
  year: number;
  /** JSON array of village ids. */
  village_ids: string;
  content: string;
  scale: string | null;
  start_date: string | null;
  end_date: string | null;
  implementing_unit: string;
  budget_fen: number;
  /** JSON array of { sourceCode, amountFen }. */
  budget_sources: string;
  beneficiary_households: number;
  beneficiary_people: number;
  beneficiary_exited: number;
  beneficiary_monitored: number;
  performance_target: string;
  farmer_link: string;
  status: string;
  last_step: string | null;
  last_step_date: string | null;
  due_date: string | null;
}

export interface FundProjectStepTable extends RowMeta {
  project_id: string;
  step: string;
  step_date: string;
  people: string;
  outcome: string;
  doc_no: string | null;
  notice_start: string | null;
  notice_end: string | null;
  note: string | null;
}

export interface FundAllocationTable extends RowMeta {
  batch_id: string;
  project_id: string;
  entry_date: string;
  amount_fen: number;
  reverses_id: string | null;
  note: string | null;
}

export interface FundDisbursementTable extends RowMeta {
  batch_id: string;
  project_id: string;
  entry_date: string;
  amount_fen: number;
  voucher_no: string;
  payee_kind: string;
  stage: string;
  reverses_id: string | null;
  note: string | null;
}

/** Search keys (0014): derived from a household or member row, rebuilt whenever it changes. */
export interface SearchKeyTable {
  key: string;
  kind: 'household' | 'member';
  record_id: string;
  household_id: string;
  /** The record's updated_at when these keys were made: a different value means they are stale. */
  source_at: string;
}
