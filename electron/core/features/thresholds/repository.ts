import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Thresholds } from '../../../../shared/domain/thresholds';
import type { DB, ThresholdYearTable } from '../../db/schema';
import { thresholdHolidays, thresholdMakeupWorkdays } from '../../db/jsonColumns';

type Db = Kysely<DB> | Transaction<DB>;

// Reading the thresholds in force (savedThresholds, thresholdsOn) is in core/derived/thresholds.ts:
// every rule reads them, so they sit below the features; this file only edits the saved years.

export type ThresholdYearRecord = Selectable<ThresholdYearTable>;

/** Saved years newest first, with the name of whoever saved each last. */
export function listThresholdYears(db: Db) {
  return db
    .selectFrom('threshold_years as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .selectAll('t')
    .select('u.display_name as updated_by_name')
    .where('t.deleted_at', 'is', null)
    .orderBy('t.year', 'desc')
    .execute();
}

export function findThresholdYear(db: Db, year: number): Promise<ThresholdYearRecord | undefined> {
  return db.selectFrom('threshold_years').selectAll().where('year', '=', year).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertThresholdYear(db: Db, row: Insertable<ThresholdYearTable>): Promise<void> {
  await db.insertInto('threshold_years').values(row).execute();
}

export async function updateThresholdYear(db: Db, id: string, values: Updateable<ThresholdYearTable>): Promise<void> {
  await db.updateTable('threshold_years').set(values).where('id', '=', id).execute();
}

/** Columns of one year's values (without the row meta). */
export function thresholdColumns(t: Thresholds) {
  return {
    year: t.year,
    monitoring_line_fen: t.monitoringLineFen,
    elimination_floor_fen: t.eliminationFloorFen,
    period_start_month: t.periodStartMonth,
    notice_days: t.noticeDays,
    identification_deadline_days: t.identificationDeadlineDays,
    identification_deadline_unit: t.identificationDeadlineUnit,
    plan_deadline_days: t.planDeadlineDays,
    min_monitoring_months: t.minMonitoringMonths,
    visit_open_months: t.visitOpenMonths,
    visit_eliminated_months: t.visitEliminatedMonths,
    visit_stable_months: t.visitStableMonths,
    holidays: thresholdHolidays.encode(t.holidays),
    makeup_workdays: thresholdMakeupWorkdays.encode(t.makeupWorkdays),
  };
}
