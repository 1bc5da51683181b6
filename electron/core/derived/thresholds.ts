import type { Kysely, Transaction } from 'kysely';
import { thresholdsInForce, type DeadlineUnit, type Thresholds, type ThresholdsInForce } from '../../../shared/domain/thresholds';
import type { DB, ThresholdYearTable } from '../db/schema';
import { thresholdHolidays, thresholdMakeupWorkdays } from '../db/jsonColumns';

// The thresholds in force, read from the saved years: every rule (case dates, visit schedule,
// income lines, notices, forms) reads them, so they sit below the features that call them; the
// thresholds feature only edits the years.

type Db = Kysely<DB> | Transaction<DB>;

export function toThresholds(r: Omit<ThresholdYearTable, 'version'>): Thresholds {
  return {
    year: r.year,
    monitoringLineFen: r.monitoring_line_fen,
    eliminationFloorFen: r.elimination_floor_fen,
    periodStartMonth: r.period_start_month,
    noticeDays: r.notice_days,
    identificationDeadlineDays: r.identification_deadline_days,
    identificationDeadlineUnit: r.identification_deadline_unit as DeadlineUnit,
    planDeadlineDays: r.plan_deadline_days,
    minMonitoringMonths: r.min_monitoring_months,
    visitOpenMonths: r.visit_open_months,
    visitEliminatedMonths: r.visit_eliminated_months,
    visitStableMonths: r.visit_stable_months,
    holidays: thresholdHolidays.decode(r.holidays),
    makeupWorkdays: thresholdMakeupWorkdays.decode(r.makeup_workdays),
  };
}

/** Every saved year, oldest first. */
export async function savedThresholds(db: Db): Promise<Thresholds[]> {
  const rows = await db.selectFrom('threshold_years').selectAll().where('deleted_at', 'is', null).orderBy('year').execute();
  return rows.map(toThresholds);
}

/** The values in force on `date` (YYYY-MM-DD): what every rule must read. */
export async function thresholdsOn(db: Db, date: string): Promise<ThresholdsInForce> {
  return thresholdsInForce(await savedThresholds(db), date);
}
