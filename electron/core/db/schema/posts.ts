// 公益性岗位 and 发放清册 (0011_posts_payments).

import type { RowMeta, Versioned } from './base';

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
  /** The project whose money the list pays (0021), and the disbursement it spends. */
  project_id: string | null;
  disbursement_id: string | null;
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
  /** The measure this paid line ticked (0021), so a line ticks once. */
  measure_id: string | null;
}
