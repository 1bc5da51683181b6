// What may appear on paper posted in public (DOMAIN §13, §15): a notice on the village board must
// not disclose ID numbers, phone numbers, bank accounts or health status. Where a column is
// allowed at all it is masked here; and the notice builder runs every notice's text through
// `fullIdNumbersIn` and refuses to produce one that still holds a full ID number.

/** Characters replaced by a mask. */
const star = '*';

/** 350421196503120011 → 350421********0011; a 15-digit (first-generation) number keeps 6 + 3. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length === 18) return `${s.slice(0, 6)}${star.repeat(8)}${s.slice(14)}`;
  if (s.length === 15) return `${s.slice(0, 6)}${star.repeat(6)}${s.slice(12)}`;
  if (s.length <= 4) return star.repeat(s.length);
  return `${s.slice(0, 2)}${star.repeat(s.length - 4)}${s.slice(-2)}`;
}

/** 13905981234 → 139****1234; a landline keeps its area code and last 4 digits: 0598****2345. */
export function maskPhone(phone: string): string {
  const s = phone.replace(/[\s-]/g, '');
  if (s.length <= 4) return star.repeat(s.length);
  if (/^1\d{10}$/.test(s)) return `${s.slice(0, 3)}${star.repeat(4)}${s.slice(7)}`;
  const area = /^0\d{2,3}/.exec(s)?.[0] ?? '';
  const keep = Math.min(area.length, s.length - 4);
  return `${s.slice(0, keep)}${star.repeat(s.length - keep - 4)}${s.slice(-4)}`;
}

/** 6222021234567890123 → 6222 **** **** 0123 (first and last four digits only). */
export function maskBankAccount(account: string): string {
  const s = account.replace(/\s/g, '');
  if (s.length <= 8) return star.repeat(Math.max(0, s.length - 4)) + s.slice(-4);
  return `${s.slice(0, 4)} ${star.repeat(4)} ${star.repeat(4)} ${s.slice(-4)}`;
}

// A full ID number: 17 digits and a digit or X (18-digit), or 15 digits (first generation), not part
// of a longer run of digits. Full-width digits are folded first, so "３５０４…" is caught too.
const fullId18 = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const fullId15 = /(?<![0-9])[0-9]{15}(?![0-9A-Za-z])/g;

function foldFullWidth(text: string): string {
  return text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Every full 18- or 15-digit ID number in `text` (masked ones are not found). */
export function fullIdNumbersIn(text: string): string[] {
  const folded = foldFullWidth(text);
  return [...(folded.match(fullId18) ?? []), ...(folded.match(fullId15) ?? [])];
}

/** The refusal (Chinese) when `text` may not be posted in public, or null when it may. */
export function publicNoticeProblem(text: string): string | null {
  const found = fullIdNumbersIn(text);
  if (found.length === 0) return null;
  return `公示内容中含有 ${found.length} 处完整的身份证号（如 ${maskIdNumber(found[0]!)}），按规定公示不得公开身份证号，已停止生成。请在公示设置中去掉含身份证号的栏目，或检查户主姓名、备注等内容`;
}
