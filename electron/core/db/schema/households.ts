// Households, members and their search keys.

import type { DisabilityCategory, Education, Health, HouseholdKind, HouseholdStatus, Labor, MemberStatus, Relation, Schooling, WorkStatus } from '../../../../shared/domain/household';
import type { Sex } from '../../../../shared/domain/idNumber';
import type { VisitCycle } from '../../../../shared/domain/monitoring';
import type { RowMeta, Versioned } from './base';

export interface HouseholdTable extends RowMeta, Versioned {
  household_code: string;
  village_id: string;
  group_id: string;
  address: string | null;
  phone: string | null;
  kind: HouseholdKind;
  dibao: number;
  tekun: number;
  relocated: number;
  no_labor: number;
  helper_name: string | null;
  helper_phone: string | null;
  head_name: string;
  head_id_number: string;
  member_count: number;
  status: HouseholdStatus;
  closed_date: string | null;
  close_reason: string | null;
  /** Visit schedule (0002): openCase | eliminated | stableExited, or null when not visited on a cycle. */
  visit_cycle: VisitCycle | null;
  last_visit_date: string | null;
  next_visit_due: string | null;
}

export interface MemberTable extends RowMeta, Versioned {
  household_id: string;
  name: string;
  id_number: string;
  sex: Sex;
  birth_date: string;
  relation: Relation;
  ethnicity: string;
  education: Education;
  schooling: Schooling;
  health: Health;
  disability_category: DisabilityCategory | null;
  disability_grade: number | null;
  labor: Labor;
  work_status: WorkStatus;
  medical_insurance: number;
  pension_insurance: number;
  phone: string | null;
  status: MemberStatus;
  left_date: string | null;
  left_reason: string | null;
  sort_order: number;
}

/** Search keys (0014, slimmed by 0031): derived from a household or member row, rebuilt whenever it changes (search_dirty). */
export interface SearchKeyTable {
  key: string;
  kind: 'household' | 'member';
  record_id: string;
  household_id: string;
}
