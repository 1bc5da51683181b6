import type { Member } from '../../../../shared/contract/households';
import {
  ethnicityDefault,
  type DisabilityCategory,
  type Education,
  type Health,
  type Labor,
  type Relation,
  type Schooling,
  type WorkStatus,
} from '../../../../shared/domain/household';
import { normalizeIdNumber } from '../../../../shared/domain/idNumber';
import { memberPatchFilledKeys } from './queries';

/** One member as the form holds it: selects start empty (''), numbers as text. */
export interface MemberDraft {
  name: string;
  idNumber: string;
  relation: Relation | '';
  ethnicity: string;
  education: Education | '';
  schooling: Schooling;
  health: Health;
  disabilityCategory: DisabilityCategory | '';
  disabilityGrade: '' | '1' | '2' | '3' | '4';
  labor: Labor | '';
  workStatus: WorkStatus;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
  phone: string;
}

export type MemberField = keyof MemberDraft;

export function emptyMember(relation: Relation | ''): MemberDraft {
  return {
    name: '',
    idNumber: '',
    relation,
    ethnicity: ethnicityDefault,
    education: '',
    schooling: 'notInSchool',
    health: 'healthy',
    disabilityCategory: '',
    disabilityGrade: '',
    labor: '',
    workStatus: 'none',
    medicalInsurance: true,
    pensionInsurance: true,
    phone: '',
  };
}

export function draftFromMember(m: Member): MemberDraft {
  const grade = m.disabilityGrade;
  return {
    name: m.name,
    idNumber: m.idNumber,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disabilityCategory: m.disabilityCategory ?? '',
    disabilityGrade: grade === 1 || grade === 2 || grade === 3 || grade === 4 ? (String(grade) as MemberDraft['disabilityGrade']) : '',
    labor: m.labor,
    workStatus: m.workStatus,
    medicalInsurance: m.medicalInsurance,
    pensionInsurance: m.pensionInsurance,
    phone: m.phone ?? '',
  };
}

/**
 * The draft in the contract's shape, for the contract's own zod schema to check. Empty selects
 * stay '' so the schema answers with its own "请选择…" message; the disability goes away unless
 * the health says 残疾 (its inputs are hidden then).
 */
export function memberInputOf(d: MemberDraft): Record<string, unknown> {
  const disabled = d.health === 'disabled';
  return {
    name: d.name,
    idNumber: normalizeIdNumber(d.idNumber),
    relation: d.relation,
    ethnicity: d.ethnicity,
    education: d.education,
    schooling: d.schooling,
    health: d.health,
    disabilityCategory: disabled && d.disabilityCategory !== '' ? d.disabilityCategory : null,
    disabilityGrade: disabled && d.disabilityGrade !== '' ? Number(d.disabilityGrade) : null,
    labor: d.labor,
    workStatus: d.workStatus,
    medicalInsurance: d.medicalInsurance,
    pensionInsurance: d.pensionInsurance,
    phone: d.phone,
  };
}

/**
 * What changed between two drafts, as a patch for households.updateMember, plus the fields the
 * patch schema would otherwise fill with defaults (see queries.ts). Empty when nothing changed.
 */
export function memberPatchOf(original: MemberDraft, edited: MemberDraft): Record<string, unknown> {
  const before = memberInputOf(original);
  const after = memberInputOf(edited);
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0) return {};
  const patch: Record<string, unknown> = {};
  for (const k of changed) patch[k] = after[k];
  // Disability travels as a pair: the schema checks the two together with the health.
  if (changed.some((k) => k === 'health' || k === 'disabilityCategory' || k === 'disabilityGrade')) {
    patch.health = after.health;
    patch.disabilityCategory = after.disabilityCategory;
    patch.disabilityGrade = after.disabilityGrade;
  }
  for (const k of memberPatchFilledKeys) if (!(k in patch)) patch[k] = after[k];
  return patch;
}

/** Prefix of the error keys of one member in a form holding a list of them. */
export function memberErrors(errors: Record<string, unknown>, prefix: string): Partial<Record<MemberField, string>> {
  const out: Partial<Record<MemberField, string>> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (!k.startsWith(prefix) || typeof v !== 'string') continue;
    const field = k.slice(prefix.length) as MemberField;
    if (!(field in out)) out[field] = v;
  }
  return out;
}
