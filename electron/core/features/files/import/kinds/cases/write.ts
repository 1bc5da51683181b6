import { sql } from 'kysely';
import {
  eliminationMethodLabels,
  guaranteeKeys,
  type GuaranteeKey,
  type Guarantees,
  type RiskType,
} from '../../../../../../../shared/domain/monitoring';
import { identificationDeadline, planDueDate, thresholdsInForce } from '../../../../../../../shared/domain/thresholds';
import { maxCaseCode } from '../../../../monitoring/repository';
import { savedThresholds } from '../../../../../derived/thresholds';
import type { CaseOperations, TypedPlan } from '../../plan';
import type { ImportedCase } from '../../types';
import { bulkInsert, metaColumns, progress, refreshSchedules, type Cell, type Tx, type Writer } from '../../write';

// The monitoring part of the write: cases with their risks and steps, as the national system decided them.

/** The national system, as the one who decided, in the history of an imported case. */
const nationalSystem = '国家防返贫监测信息系统';
function eliminationNote(r: ImportedCase): string {
  const method = r.eliminationMethod ? `（${eliminationMethodLabels[r.eliminationMethod]}）` : '（文件未写明消除方式）';
  return `从${nationalSystem}导入：国家系统中已标注风险消除${method}`;
}

function eliminationDetails(r: ImportedCase, fileName: string, sha256: string, lines: readonly number[]): string {
  return JSON.stringify({ ...(r.eliminationMethod ? { eliminationMethod: r.eliminationMethod } : {}), imported: { fileName, sha256, lines } });
}
/** Guarantees of an imported case: a risk that names a guarantee marks it at risk until a visit checks it. */
function importedGuarantees(risks: readonly RiskType[], eliminated: boolean): Guarantees {
  const byRisk: Partial<Record<RiskType, GuaranteeKey>> = { housing: 'housing', drinkingWater: 'water', schooling: 'education', illness: 'medical' };
  const atRisk = new Set(eliminated ? [] : risks.map((r) => byRisk[r]).filter((k): k is GuaranteeKey => k !== undefined));
  return Object.fromEntries(
    guaranteeKeys.map((k) => [k, atRisk.has(k) ? { status: 'atRisk', note: '导入时按风险类型推定，请入户核实' } : { status: 'secure', note: null }]),
  ) as unknown as Guarantees;
}

const caseInsertColumns = [
  'case_code', 'household_id', 'status', 'category', 'suggested_category', 'category_confirmed_by', 'helper_name', 'helper_phone',
  'clue_source', 'clue_date', 'clue_note', 'deadline_date', 'included_date', 'plan_due_date', 'eliminated_date', 'elimination_method',
  'rejected_date', 'reject_reason', 'guarantees', 'active_workflow', 'next_step', 'round',
];
const stepColumns = ['case_id', 'workflow', 'round', 'step', 'step_date', 'people', 'outcome', 'note', 'details'];

export async function writeCases(tx: Tx, w: Writer, ops: CaseOperations, p: TypedPlan): Promise<void> {
  const saved = await savedThresholds(tx);
  const { fileName, sha256 } = p.parsed;
  const source = (lines: readonly number[]) => `文件 ${fileName} 第 ${lines.join('、')} 行`;
  const nextCode = new Map<string, number>();
  const codeFor = async (date: string): Promise<string> => {
    const prefix = `JC${date.slice(0, 4)}-`;
    let n = nextCode.get(prefix);
    if (n === undefined) {
      const max = await maxCaseCode(tx, prefix);
      n = max ? Number(max.slice(prefix.length)) + 1 : 1;
      if (!Number.isFinite(n)) n = 1;
    }
    nextCode.set(prefix, n + 1);
    return `${prefix}${String(n).padStart(4, '0')}`;
  };
  const imported = (lines: readonly number[]) => JSON.stringify({ imported: { fileName, sha256, lines } });
  const cases: Cell[][] = [];
  const risks: Cell[][] = [];
  const steps: Cell[][] = [];
  const households = new Set<string>();
  const toMonitored = new Set<string>();

  for (const op of ops.inserts) {
    const r = op.record;
    const m = w.meta();
    const caseId = m[0] as string;
    const t = thresholdsInForce(saved, r.identifiedDate);
    const helperName = r.helperName ?? op.householdHelperName;
    const helperPhone = r.helperName === null ? op.householdHelperPhone : null;
    cases.push([
      ...m,
      await codeFor(r.identifiedDate), op.householdId, r.eliminated ? 'eliminated' : 'monitoring', r.category, null,
      `${w.userName}（导入国家系统数据）`, helperName, helperPhone,
      'other', r.identifiedDate, `从${nationalSystem}导入：已识别纳入监测（${source(op.lines)}）`,
      identificationDeadline(r.identifiedDate, t), r.identifiedDate, planDueDate(r.identifiedDate, t),
      r.eliminated ? r.eliminatedDate : null, r.eliminated ? r.eliminationMethod : null,
      null, null, JSON.stringify(importedGuarantees(r.risks, r.eliminated)), null, null, 1,
    ]);
    for (const risk of new Set(r.risks)) risks.push([...w.meta(), caseId, risk, null]);
    steps.push([
      ...w.meta(), caseId, 'identification', 1, 'countyDecision', r.identifiedDate, JSON.stringify([nationalSystem]), 'passed',
      `从${nationalSystem}导入：该户已在国家系统中识别为监测对象（${source(op.lines)}）`, imported(op.lines),
    ]);
    if (r.eliminated && r.eliminatedDate) {
      steps.push([
        ...w.meta(), caseId, 'elimination', 1, 'countyDecision', r.eliminatedDate, JSON.stringify([nationalSystem]), 'passed',
        eliminationNote(r),
        eliminationDetails(r, fileName, sha256, op.lines),
      ]);
    }
    households.add(op.householdId);
    if (op.householdKind === 'ordinary') toMonitored.add(op.householdId);
  }
  await bulkInsert(tx, w, 'monitoring_cases', [...metaColumns, ...caseInsertColumns], cases, 1000);
  progress(w, ops.inserts.length);

  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    const r = op.record;
    if (Object.keys(op.set).length > 0 || op.addRisks.length > 0 || op.removeRisks.length > 0) {
      await tx.updateTable('monitoring_cases').set({ ...op.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    }
    for (const risk of op.addRisks) risks.push([...w.meta(), op.id, risk, null]);
    for (const risk of op.removeRisks) {
      await tx
        .updateTable('case_risks')
        .set({ deleted_at: w.now, delete_reason: `导入：国家系统中该案件已无此风险类型（${source(op.lines)}）`, updated_at: w.now, updated_by: w.userId })
        .where('id', '=', risk.id)
        .execute();
    }
    if (op.eliminates && r.eliminatedDate) {
      const round = await tx.selectFrom('monitoring_cases').select('round').where('id', '=', op.id).executeTakeFirstOrThrow();
      steps.push([
        ...w.meta(), op.id, 'elimination', round.round, 'countyDecision', r.eliminatedDate, JSON.stringify([nationalSystem]), 'passed',
        eliminationNote(r),
        eliminationDetails(r, fileName, sha256, op.lines),
      ]);
    }
    if ('status' in op.set || 'eliminated_date' in op.set) households.add(op.householdId);
    progress(w, 1);
  }
  await bulkInsert(tx, w, 'case_risks', [...metaColumns, 'case_id', 'risk_type', 'note'], risks);
  await bulkInsert(tx, w, 'case_steps', [...metaColumns, ...stepColumns], steps);

  // Included in monitoring: an ordinary household becomes a 监测户, as at the county decision.
  const monitored = [...toMonitored];
  for (let i = 0; i < monitored.length; i += 5000) {
    await sql`UPDATE households SET kind = 'monitored', updated_at = ${w.now}, updated_by = ${w.userId}
      WHERE kind = 'ordinary' AND id IN (SELECT value FROM json_each(${JSON.stringify(monitored.slice(i, i + 5000))}))`.execute(tx);
  }
  await refreshSchedules(tx, w, [...households]);
}
