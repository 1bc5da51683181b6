// 就业帮扶车间 (0019_workshops).

import type { RowMeta, Versioned } from './base';

export interface WorkshopTable extends RowMeta, Versioned {
  name: string;
  credit_code: string | null;
  form: string;
  kind: string;
  village_id: string;
  legal_person: string | null;
  products: string | null;
  recognition_no: string | null;
  recognized_on: string | null;
  insurer: string | null;
  /** 意外险 per person per month, fen. */
  insurance_fen: number | null;
  insurance_until: string | null;
  state: string;
  note: string | null;
}

export interface WorkshopCheckTable extends RowMeta {
  workshop_id: string;
  checked_on: string;
  state: string;
  people: number | null;
  checker: string;
  note: string | null;
}
