// 就业台账 (0010_employment).

import type { RowMeta, Versioned } from './base';

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
  /** 0019: the 帮扶车间 a spell with channel 就业帮扶车间 is at. */
  workshop_id: string | null;
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
