import { cleanIdNumber, codeText } from '../../../../../../shared/domain/importClean';
import { readCode, type Problems, type Row } from '../collect';
import type { HouseholdRef } from '../types';

// What the activity ledgers (measures, visits) share: the household a row names, by 户编号 or by a
// member's 证件号码, and the texts they carry with the forms' length limits.

/** The row's household reference, or null (with a problem) when it names none. */
export function readHouseholdRef(row: Row, problems: Problems): HouseholdRef | null {
  const code = row.has('householdCode') ? readCode(row, 'householdCode', problems, '户编号') : '';
  const id = row.has('idNumber') ? cleanIdNumber(codeText(row.value('idNumber')).text) : '';
  if (code === '' && id === '') {
    if (!problems.has(row.line)) problems.add(row.line, 'householdCode', '请填写户编号或证件号码，以便找到这一户');
    return null;
  }
  return { householdCode: code === '' ? null : code, idNumber: id === '' ? null : id };
}

/** The key a row's household goes by within the file. */
export function refKey(ref: HouseholdRef): string {
  return ref.householdCode !== null ? `户${ref.householdCode}` : `证${ref.idNumber ?? ''}`;
}

/** A free-text cell: null when empty, a problem when longer than the form allows. */
export function readText(row: Row, field: string, label: string, max: number, problems: Problems): string | null {
  if (!row.has(field)) return null;
  const text = row.text(field).trim();
  if (text === '') return null;
  if (text.length > max) problems.add(row.line, field, `${label}不能超过 ${max} 个字（现有 ${text.length} 个字）`);
  return text;
}
