import type { HouseholdDetail } from '../../../../shared/contract/households';
import { householdFieldLabels as sharedFieldLabels, type HouseholdKind } from '../../../../shared/domain/household';
import { householdPatchFilledKeys } from './queries';

/** The household's own fields as a form holds them. */
export interface HouseholdDraft {
  householdCode: string;
  villageId: string;
  groupId: string;
  address: string;
  phone: string;
  kind: HouseholdKind | '';
  dibao: boolean;
  tekun: boolean;
  relocated: boolean;
  helperName: string;
  helperPhone: string;
}

export type HouseholdField = keyof HouseholdDraft;

/** The form's labels: the shared field names, with the short 村/组 the dense form has room for. */
export const householdFieldLabels: Record<HouseholdField, string> = { ...sharedFieldLabels, villageId: '村', groupId: '组' };

export function emptyHousehold(villageId = '', groupId = ''): HouseholdDraft {
  return {
    householdCode: '',
    villageId,
    groupId,
    address: '',
    phone: '',
    kind: '',
    dibao: false,
    tekun: false,
    relocated: false,
    helperName: '',
    helperPhone: '',
  };
}

export function draftFromHousehold(h: HouseholdDetail): HouseholdDraft {
  return {
    householdCode: h.householdCode,
    villageId: h.villageId,
    groupId: h.groupId,
    address: h.address ?? '',
    phone: h.phone ?? '',
    kind: h.kind,
    dibao: h.dibao,
    tekun: h.tekun,
    relocated: h.relocated,
    helperName: h.helperName ?? '',
    helperPhone: h.helperPhone ?? '',
  };
}

/** The draft in the contract's shape for its zod schema (empty selects stay '' and are refused there). */
export function householdInputOf(d: HouseholdDraft): Record<string, unknown> {
  return { ...d };
}

/** The household fields that changed, plus those the patch schema would fill with defaults. */
export function householdPatchOf(original: HouseholdDraft, edited: HouseholdDraft): Record<string, unknown> {
  const changed = (Object.keys(edited) as HouseholdField[]).filter((k) => normalized(k, original[k]) !== normalized(k, edited[k]));
  if (changed.length === 0) return {};
  const patch: Record<string, unknown> = {};
  for (const k of changed) patch[k] = edited[k];
  // Moving to another village always names the group too (the core asks for both).
  if (changed.includes('villageId')) patch.groupId = edited.groupId;
  for (const k of householdPatchFilledKeys) if (!(k in patch)) patch[k] = edited[k as HouseholdField];
  return patch;
}

function normalized(field: HouseholdField, v: string | boolean): string | boolean {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return field === 'phone' || field === 'helperPhone' ? t.replace(/[\s-]/g, '') : t;
}

/** Friendlier words for the two selects, whose schema only says a record id is missing. */
export function withSelectMessages(errors: Record<string, string>, values: HouseholdDraft): Record<string, string> {
  const out = { ...errors };
  if (out.villageId && values.villageId === '') out.villageId = '请选择村';
  if (out.groupId && values.groupId === '') out.groupId = '请选择组';
  return out;
}
