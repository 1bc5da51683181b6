import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../shared/lib/result';
import type { DB } from './db/schema';

// Lost updates (issue 16): a form sends back the version of the record it loaded; inside the
// write transaction the core compares it with the row's and refuses a save against a newer one,
// naming who changed the record and when, and which of the submitted fields now differ.

type Db = Kysely<DB> | Transaction<DB>;

export interface VersionedRow {
  version: number;
  updated_at: string;
  updated_by: string;
}

/** A submitted field whose latest stored value differs from what the form sends. */
export interface DifferingField {
  /** The input path the form shows errors at, e.g. `patch.phone`. */
  path: string;
  /** The Chinese label, e.g. 户联系电话. */
  label: string;
}

/** Local time of the change: "10:42" today, "2026-03-09 10:42" on another day. */
export function changedWhen(iso: string, now: Date): string {
  const at = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return day(at) === day(now) ? time : `${day(at)} ${time}`;
}

/**
 * True when the form saw an older version than the row holds. `seen` undefined: the caller
 * (a script, the seed, a test) writes unconditionally. `seen` null: the form saw no record yet
 * (a year's values or incomes not entered before), so any stored row is newer.
 */
export function isStale(row: VersionedRow | undefined, seen: number | null | undefined): row is VersionedRow {
  if (seen === undefined || row === undefined) return false;
  return seen === null || row.version !== seen;
}

/** The CONFLICT error for a stale save: "此记录已被 张三 于 10:42 修改" and the fields that differ. */
export async function staleSaveError(db: Db, row: VersionedRow, now: Date, differing: readonly DifferingField[]): Promise<AppError> {
  const user = await db.selectFrom('users').select('display_name').where('id', '=', row.updated_by).executeTakeFirst();
  const who = user?.display_name ?? '其他操作（导入或维护工具）';
  const labels = [...new Set(differing.map((d) => d.label))];
  const what = labels.length > 0 ? `，与您填写的不同之处：${labels.join('、')}` : '';
  const message = `此记录已被 ${who} 于 ${changedWhen(row.updated_at, now)} 修改${what}。您填写的内容没有保存，仍在表单中；请载入最新内容核对后再保存`;
  const fields: Record<string, string> = {};
  for (const d of differing) fields[d.path] = `${who} 已改过此项，最新内容与您填写的不同`;
  return new AppError('CONFLICT', message, labels.length > 0 ? fields : undefined);
}

/** Throws the CONFLICT error when `seen` is older than the row (see isStale). */
export async function refuseStaleSave(
  db: Db,
  row: VersionedRow | undefined,
  seen: number | null | undefined,
  now: Date,
  differing: readonly DifferingField[],
): Promise<void> {
  if (isStale(row, seen)) throw await staleSaveError(db, row, now, differing);
}
