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

export function householdKeys(h: { household_code: string; head_name: string; phone: string | null }): string[] {
  return unique([...nameKeys(h.head_name), ...plainKeys(h.household_code, phoneDigits(h.phone))]);
}

export function memberKeys(m: { name: string; id_number: string; phone: string | null }): string[] {
  return unique([...nameKeys(m.name), ...idNumberKeys(m.id_number), ...plainKeys(phoneDigits(m.phone))]);
}

/** 0598-2812345 is typed 05982812345 as often as not: the key keeps the digits only. */
function phoneDigits(phone: string | null): string | null {
  return phone === null ? null : phone.replace(/[^0-9]/g, '');
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
