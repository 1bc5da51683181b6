// 脱贫人口小额信贷 (0023_loans).

import type { LoanEventKind, LoanKind, LoanUse } from '../../../../shared/domain/loans';
import type { RowMeta, Versioned } from './base';

export interface LoanTable extends RowMeta, Versioned {
  household_id: string;
  borrower_id: string;
  bank: string;
  contract_no: string;
  amount_fen: number;
  loan_date: string;
  due_date: string;
  rate_bp: number;
  use: LoanUse;
  use_detail: string | null;
  kind: LoanKind;
  risk_compensation: number;
  note: string | null;
}

export interface LoanEventTable extends RowMeta {
  loan_id: string;
  kind: LoanEventKind;
  event_date: string;
  principal_fen: number;
  interest_fen: number;
  subsidy_fen: number;
  subsidy_year: number | null;
  reverses_id: string | null;
  note: string | null;
}

export interface LoanSettingsTable extends RowMeta, Versioned {
  year: number;
  max_amount_fen: number;
  max_term_months: number;
  min_age: number;
  max_age: number;
  subsidy_percent: number;
  max_rate_bp: number | null;
}
