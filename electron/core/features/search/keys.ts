import { pinyin } from 'pinyin-pro';

// The search keys of a name, an ID number, a phone or a code. A search is a prefix read of these
// keys, so each way of typing a name is its own key: the characters (刘建), the initials (lj) and
// the full pinyin (liujian). Surnames use their surname reading (单 → shan, 曾 → zeng).

/** Marks a reversed ID number, so "the last digits" become a prefix read too. */
export const REVERSED = '~';

/** What a typed search becomes before matching: lower case, no spaces. */
export function normalizeQuery(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function nameKeys(name: string): string[] {
  const clean = normalizeQuery(name);
  if (clean === '') return [];
  const syllables = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((s) => s !== '');
  const keys = [clean];
  if (syllables.length > 0) {
    keys.push(syllables.map((s) => s[0]).join(''), syllables.join(''));
  }
  return keys;
}

export function idNumberKeys(idNumber: string | null): string[] {
  const clean = normalizeQuery(idNumber ?? '');
  if (clean === '') return [];
  return [clean, REVERSED + [...clean].reverse().join('')];
}

export function plainKeys(...values: (string | null)[]): string[] {
  return values.map((v) => normalizeQuery(v ?? '')).filter((v) => v !== '');
}

/**
 * The keys stored for a household: every way of typing it except those that its own columns'
 * indexes answer (head_name, household_code — see service.ts). A county's import wrote 660,000
 * keys, two in five of them copies of a name or a code that the table already indexes (issue 16).
 */
export function householdKeys(h: { household_code: string; head_name: string; phone: string | null }): string[] {
  return unique([...nameKeys(h.head_name), ...plainKeys(h.household_code, phoneDigits(h.phone))]).filter(
    (k) => !servedByName(k, h.head_name) && !servedByCode(k, h.household_code),
  );
}

/** The keys stored for a member: as households', the name and the ID number are read from members' indexes. */
export function memberKeys(m: { name: string; id_number: string; phone: string | null }): string[] {
  return unique([...nameKeys(m.name), ...idNumberKeys(m.id_number), ...plainKeys(phoneDigits(m.phone))]).filter(
    (k) => !servedByName(k, m.name) && !servedByCode(k, m.id_number),
  );
}

/** A name column is read with the typed text as is: a key equal to the stored name adds nothing. */
function servedByName(key: string, stored: string): boolean {
  return key === stored;
}

/** A code or ID number column is read with the typed text in upper case (X), see codeForm. */
function servedByCode(key: string, stored: string): boolean {
  return codeForm(key) === stored;
}

/** How a typed query reads a code or ID number column: codes and ID numbers are stored upper case. */
export function codeForm(query: string): string {
  return query.toUpperCase();
}

/** 0598-2812345 is typed 05982812345 as often as not: the key keeps the digits only. */
function phoneDigits(phone: string | null): string | null {
  return phone === null ? null : phone.replace(/[^0-9]/g, '');
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
