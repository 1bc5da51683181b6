// The measure catalog and the measures of each household.

import type { MeasureFamily } from '../../../../shared/contract/measures';
import type { MeasureStatus } from '../../../../shared/domain/monitoring';
import type { RowMeta, Versioned } from './base';

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
