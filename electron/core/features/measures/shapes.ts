import type { Measure, MeasureFamily, MeasureType } from '../../../../shared/contract/measures';
import { riskTypeLabels, riskTypes as riskTypeOrder, type MeasureStatus, type RiskType } from '../../../../shared/domain/monitoring';
import type { MeasureRecord, MeasureTypeRecord } from './repository';
import { measureRisks, measureTypeRisks } from '../../db/jsonColumns';

// Measure and catalog rows as the contract and the audit log show them.

/** The cancel reason is stored after the clerk's note, behind this mark. */
export const CANCEL_MARK = '【取消原因】';

export function sortRisks(risks: Iterable<string>): RiskType[] {
  const set = new Set(risks);
  return riskTypeOrder.filter((r) => set.has(r));
}

export function riskNames(risks: readonly RiskType[]): string {
  return risks.map((r) => riskTypeLabels[r]).join('、');
}

export function toMeasureType(r: MeasureTypeRecord): MeasureType {
  return {
    code: r.code,
    family: r.family as MeasureFamily,
    name: r.name,
    riskTypes: measureTypeRisks.decode(r.risk_types),
    hasAmount: r.has_amount === 1,
    sortOrder: r.sort_order,
    version: r.version,
    active: r.active === 1,
    usedCount: r.used_count,
  };
}

/** The note as the clerk wrote it, and the cancel reason stored after it. */
function splitNote(note: string | null): { note: string | null; cancelReason: string | null } {
  if (note === null) return { note: null, cancelReason: null };
  const at = note.lastIndexOf(CANCEL_MARK);
  if (at < 0) return { note, cancelReason: null };
  const own = note.slice(0, at).replace(/\n$/, '');
  return { note: own === '' ? null : own, cancelReason: note.slice(at + CANCEL_MARK.length) };
}

export function toMeasure(r: MeasureRecord): Measure {
  const { note, cancelReason } = splitNote(r.note);
  return {
    id: r.id,
    caseId: r.case_id,
    householdId: r.household_id,
    measureTypeCode: r.measure_type_code,
    typeName: r.type_name ?? r.measure_type_code,
    family: (r.type_family ?? 'other') as MeasureFamily,
    hasAmount: r.type_has_amount === 1,
    riskTypes: measureRisks.decode(r.risk_types),
    responsibleUnit: r.responsible_unit,
    helperName: r.helper_name,
    plannedDate: r.planned_date,
    doneDate: r.done_date,
    status: r.status as MeasureStatus,
    amountFen: r.amount_fen,
    note,
    cancelReason,
    createdAt: r.created_at,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** What the audit log shows of a measure. */
export function measureView(m: Measure) {
  return {
    measureTypeCode: m.measureTypeCode,
    riskTypes: m.riskTypes,
    responsibleUnit: m.responsibleUnit,
    helperName: m.helperName,
    plannedDate: m.plannedDate,
    doneDate: m.doneDate,
    status: m.status,
    amountFen: m.amountFen,
    note: m.note,
    cancelReason: m.cancelReason,
  };
}

export function typeView(t: MeasureType) {
  return { code: t.code, family: t.family, name: t.name, riskTypes: t.riskTypes, hasAmount: t.hasAmount, active: t.active };
}
