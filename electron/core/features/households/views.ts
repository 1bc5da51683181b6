import type { HouseholdDetail, HouseholdRow, Member } from '../../../../shared/contract/households';
import { householdFieldLabels, memberFieldLabels, type DisabilityCategory } from '../../../../shared/domain/household';
import type { MemberTable } from '../../db/schema';
import type { HouseholdRecord, HouseholdWithNames, MemberRecord } from './repository';

// 户籍: rows → contract shapes (0/1 integers become booleans, text codes become their enums), and
// the field views the audit rows compare before and after a change.

export function toMember(m: MemberRecord): Member {
  return {
    id: m.id,
    householdId: m.household_id,
    name: m.name,
    idNumber: m.id_number,
    sex: m.sex as Member['sex'],
    birthDate: m.birth_date,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disabilityCategory: m.disability_category as DisabilityCategory | null,
    disabilityGrade: m.disability_grade,
    labor: m.labor,
    workStatus: m.work_status,
    medicalInsurance: m.medical_insurance === 1,
    pensionInsurance: m.pension_insurance === 1,
    phone: m.phone,
    status: m.status,
    leftDate: m.left_date,
    leftReason: m.left_reason,
    version: m.version,
    updatedAt: m.updated_at,
  };
}

export function toHouseholdRow(h: HouseholdWithNames): HouseholdRow {
  return {
    id: h.id,
    householdCode: h.household_code,
    villageId: h.village_id,
    villageName: h.village_name,
    groupId: h.group_id,
    groupName: h.group_name,
    headName: h.head_name,
    headIdNumber: h.head_id_number,
    memberCount: h.member_count,
    kind: h.kind,
    dibao: h.dibao === 1,
    tekun: h.tekun === 1,
    relocated: h.relocated === 1,
    noLabor: h.no_labor === 1,
    helperName: h.helper_name,
    phone: h.phone,
    status: h.status,
    version: h.version,
    updatedAt: h.updated_at,
  };
}

export function toHouseholdDetail(h: HouseholdWithNames): HouseholdDetail {
  return {
    ...toHouseholdRow(h),
    address: h.address,
    helperPhone: h.helper_phone,
    closedDate: h.closed_date,
    closeReason: h.close_reason,
    createdAt: h.created_at,
  };
}

/** Household fields a clerk edits, in the contract's camelCase, as the audit log shows them. */
export function householdView(h: HouseholdRecord) {
  return {
    householdCode: h.household_code,
    villageId: h.village_id,
    groupId: h.group_id,
    address: h.address,
    phone: h.phone,
    kind: h.kind,
    dibao: h.dibao === 1,
    tekun: h.tekun === 1,
    relocated: h.relocated === 1,
    helperName: h.helper_name,
    helperPhone: h.helper_phone,
  };
}
export type HouseholdView = ReturnType<typeof householdView>;

export const householdFieldNames: Record<keyof HouseholdView, string> = householdFieldLabels;

export const householdColumn: Record<keyof HouseholdView, keyof HouseholdRecord> = {
  householdCode: 'household_code',
  villageId: 'village_id',
  groupId: 'group_id',
  address: 'address',
  phone: 'phone',
  kind: 'kind',
  dibao: 'dibao',
  tekun: 'tekun',
  relocated: 'relocated',
  helperName: 'helper_name',
  helperPhone: 'helper_phone',
};

/** Member fields a clerk edits (sex and birth date follow the ID number). */
export function memberView(m: MemberRecord) {
  return {
    name: m.name,
    idNumber: m.id_number,
    sex: m.sex,
    birthDate: m.birth_date,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disabilityCategory: m.disability_category,
    disabilityGrade: m.disability_grade,
    labor: m.labor,
    workStatus: m.work_status,
    medicalInsurance: m.medical_insurance === 1,
    pensionInsurance: m.pension_insurance === 1,
    phone: m.phone,
  };
}
export type MemberView = ReturnType<typeof memberView>;

export const memberFieldNames: Record<keyof MemberView, string> = memberFieldLabels;

export const memberColumn: Record<keyof MemberView, keyof MemberTable> = {
  name: 'name',
  idNumber: 'id_number',
  sex: 'sex',
  birthDate: 'birth_date',
  relation: 'relation',
  ethnicity: 'ethnicity',
  education: 'education',
  schooling: 'schooling',
  health: 'health',
  disabilityCategory: 'disability_category',
  disabilityGrade: 'disability_grade',
  labor: 'labor',
  workStatus: 'work_status',
  medicalInsurance: 'medical_insurance',
  pensionInsurance: 'pension_insurance',
  phone: 'phone',
};

export function toColumnValue(v: unknown): string | number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as string | number | null;
}

/** The keys whose values differ, compared as the audit log compares them. */
export function changedKeys<T extends Record<string, unknown>>(before: T, after: Partial<T>): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (k) => after[k] !== undefined && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

export function pick<T extends Record<string, unknown>>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}
