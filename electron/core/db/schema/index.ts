// Row types of the SQLite tables, as Kysely sees them. Booleans are stored as 0/1 integers;
// dates as 'YYYY-MM-DD' text and times as ISO-8601 UTC text (see migrations for the why).
// Coded columns carry the domain's own unions (the CHECK constraints in the migrations hold the
// same lists), so a value read back needs no cast and a wrong code fails to compile.
// One file per feature; this one names the tables as Kysely sees them.

import type { OfficeTable, VillageTable, VillageGroupTable, UserTable, AuditLogTable, SchemaMigrationTable, LoginFailureTable } from './office';
import type { HouseholdTable, MemberTable, SearchKeyTable } from './households';
import type { ThresholdYearTable, IncomeTable, MonitoringCaseTable, CaseRiskTable, CaseStepTable, NoticeObjectionTable, VisitTable } from './monitoring';
import type { MeasureTypeTable, MeasureTable } from './measures';
import type { PrintedDocumentTable, SignatureTable, PrintSettingsTable } from './paper';
import type { ImportPresetTable, BackupRunTable, BackupKeyTable } from './files';
import type { EmploymentSpellTable, EmploymentSettingsTable, SurveyRoundTable, SurveyCheckTable } from './employment';
import type { PostSettingsTable, WelfarePostTable, WelfareAppointmentTable, AppointmentStepTable, WelfareMonthTable, BankAccountTable, PaymentListTable, PaymentLineTable } from './posts';
import type { FiguresVersionTable, SearchDirtyTable } from './search';
import type { WorkshopTable, WorkshopCheckTable } from './workshops';
import type { TrainingTable, WorkReliefTable, JobSubsidyTable } from './subsidies';
import type { FundSourceTable, FundSettingsTable, FundBatchTable, FundProjectTable, FundProjectStepTable, FundAllocationTable, FundDisbursementTable } from './funds';
import type { LoanTable, LoanEventTable, LoanSettingsTable } from './loans';
import type { ProjectAssetTable, AssetEventTable, AssetIncomePlanTable, AssetIncomePlanLineTable, AssetIncomePlanStepTable } from './assets';

export type * from './base';
export type * from './office';
export type * from './households';
export type * from './monitoring';
export type * from './measures';
export type * from './paper';
export type * from './files';
export type * from './employment';
export type * from './posts';
export type * from './funds';
export type * from './loans';
export type * from './search';
export type * from './workshops';
export type * from './subsidies';
export type * from './assets';

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
  loans: LoanTable;
  loan_events: LoanEventTable;
  loan_settings: LoanSettingsTable;
  search_dirty: SearchDirtyTable;
  figures_version: FiguresVersionTable;
  workshops: WorkshopTable;
  workshop_checks: WorkshopCheckTable;
  trainings: TrainingTable;
  work_relief: WorkReliefTable;
  job_subsidies: JobSubsidyTable;
  project_assets: ProjectAssetTable;
  asset_events: AssetEventTable;
  asset_income_plans: AssetIncomePlanTable;
  asset_income_plan_lines: AssetIncomePlanLineTable;
  asset_income_plan_steps: AssetIncomePlanStepTable;
}
