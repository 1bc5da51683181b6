// 技能培训, 以工代赈 and 就业补贴申请 (0020_subsidies).

import type { RowMeta, Versioned } from './base';

export interface TrainingTable extends RowMeta, Versioned {
  member_id: string;
  household_id: string;
  kind: string;
  course: string;
  provider: string | null;
  start_date: string;
  end_date: string;
  hours: number;
  certificate: string | null;
  subsidy_fen: number;
  note: string | null;
}

export interface WorkReliefTable extends RowMeta, Versioned {
  member_id: string;
  household_id: string;
  project: string;
  start_date: string;
  end_date: string | null;
  days: number;
  pay_fen: number;
  paid_on: string | null;
  note: string | null;
}

export interface JobSubsidyTable extends RowMeta, Versioned {
  member_id: string;
  household_id: string;
  kind: string;
  year: number;
  area: string | null;
  basis: string;
  materials: string | null;
  amount_fen: number;
  applied_on: string;
  status: string;
  decided_on: string | null;
  decided_by: string | null;
  refuse_reason: string | null;
  payment_line_id: string | null;
  note: string | null;
}
