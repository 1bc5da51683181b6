// Thresholds, incomes, monitoring cases with their steps, risks and objections, and visits.

import type { CaseStatus, ClueSource, DeclineCause, EliminationMethod, MonitoringCategory, RiskType, VisitKind } from '../../../../shared/domain/monitoring';
import type { RowMeta, Versioned } from './base';

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
