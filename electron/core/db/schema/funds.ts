// Funds and projects (0012_funds).

import type { RowMeta, Versioned } from './base';

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
