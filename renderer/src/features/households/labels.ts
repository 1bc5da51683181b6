import type { HouseholdRow } from '../../../../shared/contract/households';
import type { Labelled } from '../../../../shared/domain/household';

/** `{ value, label }` options for a select, in the order the labels were declared. */
export function optionsOf<K extends string>(labels: Labelled<K>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** Filterable flags of the ledger (the three a clerk sets, and the derived 整户无劳动能力). */
export const ledgerFlagLabels = {
  dibao: '低保户',
  tekun: '特困供养',
  relocated: '易地扶贫搬迁',
  noLabor: '整户无劳动能力',
} as const satisfies Labelled<string>;
export type LedgerFlag = keyof typeof ledgerFlagLabels;
export const ledgerFlags = Object.keys(ledgerFlagLabels) as LedgerFlag[];

/** Short badge texts for the 标识 column. */
export const flagBadges: readonly { flag: LedgerFlag; short: string; color: string }[] = [
  { flag: 'dibao', short: '低保', color: 'orange' },
  { flag: 'tekun', short: '特困', color: 'red' },
  { flag: 'relocated', short: '搬迁', color: 'teal' },
  { flag: 'noLabor', short: '无劳力', color: 'grape' },
];

export function activeFlagBadges(row: Pick<HouseholdRow, LedgerFlag>) {
  return flagBadges.filter((b) => row[b.flag]);
}

export const householdKindColors = {
  povertyExited: 'blue',
  monitored: 'red',
  ordinary: 'gray',
} as const;

/** 'YYYY-MM-DDTHH:mm:ss…' → 'YYYY-MM-DD HH:mm' in the office's local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** '2026-03-15' → '2026年3月15日'. */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
