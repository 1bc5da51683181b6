import type { InputOf } from '../../../../shared/contract';
import { formatYuan, parseYuan } from '../../../../shared/domain/income';
import type { DeadlineUnit, Thresholds } from '../../../../shared/domain/thresholds';

/** The form keeps what the admin typed: money in 元, numbers and date lists as text. */
export interface ThresholdsValues {
  year: string;
  monitoringLineYuan: string;
  eliminationFloorYuan: string;
  periodStartMonth: string;
  noticeDays: string;
  identificationDeadlineDays: string;
  identificationDeadlineUnit: DeadlineUnit;
  planDeadlineDays: string;
  minMonitoringMonths: string;
  visitOpenMonths: string;
  visitEliminatedMonths: string;
  visitStableMonths: string;
  holidaysText: string;
  makeupWorkdaysText: string;
}

export function toValues(t: Thresholds): ThresholdsValues {
  return {
    year: String(t.year),
    monitoringLineYuan: formatYuan(t.monitoringLineFen, false),
    eliminationFloorYuan: formatYuan(t.eliminationFloorFen, false),
    periodStartMonth: String(t.periodStartMonth),
    noticeDays: String(t.noticeDays),
    identificationDeadlineDays: String(t.identificationDeadlineDays),
    identificationDeadlineUnit: t.identificationDeadlineUnit,
    planDeadlineDays: String(t.planDeadlineDays),
    minMonitoringMonths: String(t.minMonitoringMonths),
    visitOpenMonths: String(t.visitOpenMonths),
    visitEliminatedMonths: String(t.visitEliminatedMonths),
    visitStableMonths: String(t.visitStableMonths),
    holidaysText: t.holidays.join('\n'),
    makeupWorkdaysText: t.makeupWorkdays.join('\n'),
  };
}

/** Dates typed one per line (or separated by spaces, commas, 、); '2026/5/1' and '2026-5-1' are accepted. */
export function parseDateList(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
    });
}

/** A number field as typed: an integer, or NaN so that the contract reports it. */
function num(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** Money as typed; NaN (reported by the contract as "请填写…") when it is not an amount in 元. */
function fen(text: string): number {
  const v = parseYuan(text);
  return v === null ? Number.NaN : v;
}

/** The form's values as the channel's input; the keys match, except the money and date lists. */
export function toInput(v: ThresholdsValues): InputOf<'thresholds.save'> {
  return {
    year: num(v.year),
    monitoringLineFen: fen(v.monitoringLineYuan),
    eliminationFloorFen: fen(v.eliminationFloorYuan),
    periodStartMonth: num(v.periodStartMonth),
    noticeDays: num(v.noticeDays),
    identificationDeadlineDays: num(v.identificationDeadlineDays),
    identificationDeadlineUnit: v.identificationDeadlineUnit,
    planDeadlineDays: num(v.planDeadlineDays),
    minMonitoringMonths: num(v.minMonitoringMonths),
    visitOpenMonths: num(v.visitOpenMonths),
    visitEliminatedMonths: num(v.visitEliminatedMonths),
    visitStableMonths: num(v.visitStableMonths),
    holidays: parseDateList(v.holidaysText),
    makeupWorkdays: parseDateList(v.makeupWorkdaysText),
  };
}

/** Contract paths → form fields (`holidays.2` → the holidays text box). */
export function formPath(path: string): string {
  if (path === 'monitoringLineFen') return 'monitoringLineYuan';
  if (path === 'eliminationFloorFen') return 'eliminationFloorYuan';
  if (path.startsWith('holidays')) return 'holidaysText';
  if (path.startsWith('makeupWorkdays')) return 'makeupWorkdaysText';
  return path;
}
