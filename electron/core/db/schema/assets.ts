// Project assets and their 收益分配 plans (0021_assets).

import type { AssetClass, AssetEventKind, AssetStatus, OwnerLevel } from '../../../../shared/domain/assets';
import type { RowMeta, Versioned } from './base';

export interface ProjectAssetTable extends RowMeta, Versioned {
  asset_code: string;
  name: string;
  asset_class: AssetClass;
  project_id: string;
  formed_date: string;
  village_id: string | null;
  quantity: string | null;
  value_fen: number;
  /** JSON array of { sourceCode, amountFen }. */
  value_sources: string;
  owner_level: OwnerLevel;
  owner_name: string;
  operator: string | null;
  caretaker: string;
  caretaker_person: string;
  status: AssetStatus;
}

export interface AssetEventTable extends RowMeta {
  asset_id: string;
  kind: AssetEventKind;
  event_date: string;
  year: number;
  amount_fen: number;
  decision: string | null;
  note: string | null;
}

export interface AssetIncomePlanTable extends RowMeta, Versioned {
  asset_id: string;
  year: number;
  title: string;
  status: string;
  payment_list_id: string | null;
}

export interface AssetIncomePlanLineTable extends RowMeta {
  plan_id: string;
  household_id: string;
  member_id: string;
  basis: string;
  amount_fen: number;
}

export interface AssetIncomePlanStepTable extends RowMeta {
  plan_id: string;
  step: string;
  step_date: string;
  /** JSON array of names. */
  people: string;
  doc_no: string | null;
  notice_end: string | null;
  note: string | null;
}
