import { addDays, addMonths, daysBetween, weekday } from '../lib/dates';

// Which automatic backups to keep (ARCHITECTURE §5, issue 5): the newest backup of each of the last
// 7 days, of each of the last 4 ISO weeks and of each of the last 12 months. "Last N days" counts
// today as the first; "last 4 ISO weeks" the week containing today and the 3 before it (weeks start
// on Monday, so a week may straddle a month or a year); "last 12 months" this calendar month and
// the 11 before it. One backup can satisfy several rules at once. A backup dated after today
// (a PC clock that was set back) is always kept: deleting the newest copy is never the safe side.

export interface RetentionRule {
  daily: number;
  weekly: number;
  monthly: number;
}

export const defaultRetention: RetentionRule = { daily: 7, weekly: 4, monthly: 12 };

export interface DatedBackup {
  id: string;
  /** 'YYYY-MM-DD' (the day it was taken) or a full ISO time; only the first 10 characters count for the day. */
  at: string;
}

/** Monday of the ISO week `date` falls in. */
export function isoWeekStart(date: string): string {
  const dow = weekday(date); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** 'YYYY-Www' of the ISO week (the year is the year of that week's Thursday). */
export function isoWeekKey(date: string): string {
  const thursday = addDays(isoWeekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${thursday.slice(0, 4)}-01-04`;
  const week1Monday = isoWeekStart(jan4);
  const week = daysBetween(week1Monday, isoWeekStart(date)) / 7 + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ids of the backups to keep; every other automatic backup may be deleted. */
export function backupsToKeep(backups: readonly DatedBackup[], today: string, rule: RetentionRule = defaultRetention): Set<string> {
  const keep = new Set<string>();
  // Newest first; ties broken by id (UUIDv7 ids sort by creation time).
  const sorted = [...backups].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const dayOf = (b: DatedBackup): string => b.at.slice(0, 10);

  for (const b of sorted) if (dayOf(b) > today) keep.add(b.id);

  const newestPer = (buckets: readonly string[], bucketOf: (day: string) => string): void => {
    const wanted = new Set(buckets);
    const seen = new Set<string>();
    for (const b of sorted) {
      const day = dayOf(b);
      if (day > today) continue;
      const bucket = bucketOf(day);
      if (!wanted.has(bucket) || seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(b.id);
    }
  };

  const days = Array.from({ length: rule.daily }, (_, i) => addDays(today, -i));
  newestPer(days, (d) => d);

  const thisWeek = isoWeekStart(today);
  const weeks = Array.from({ length: rule.weekly }, (_, i) => addDays(thisWeek, -7 * i));
  newestPer(weeks, isoWeekStart);

  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: rule.monthly }, (_, i) => addMonths(thisMonth, -i).slice(0, 7));
  newestPer(months, (d) => d.slice(0, 7));

  return keep;
}
