import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../../../../../shared/contract';
import { measureCreateSchema } from '../../../../../../../shared/contract/measures';
import { cleanHeader } from '../../../../../../../shared/domain/importClean';
import type { RiskType } from '../../../../../../../shared/domain/monitoring';
import { AppError } from '../../../../../../../shared/lib/result';
import { listTypes } from '../../../../measures/repository';
import { checkAmount, resolveRisks } from '../../../../measures/rules';
import { sortRisks, toMeasureType } from '../../../../measures/shapes';
import { inChunks, type CellRenderer, type Db } from '../../planCommon';
import type { ImportCounts, ImportedMeasure, InvalidRow, LineNumber } from '../../types';
import { householdFinder, openCasesOf } from '../activityHouseholds';

// 帮扶措施台账 against the ledger: each row's household (户编号 or 证件号码), its open case, the
// catalog type by name or code, and the measures service's own rules (an active type, open risks
// it answers, an amount only where the type has one) — checked here row by row, so a refused row
// is a line in the preview rather than the end of the whole import. A measure already in the case
// (same type, same planned date) is unchanged; one the file says is now done is marked done.

export interface MeasureCreateOp {
  lines: LineNumber[];
  create: ParsedInputOf<'measures.create'>;
  doneDate: string | null;
}

export interface MeasureDoneOp {
  lines: LineNumber[];
  measureId: string;
  version: number;
  doneDate: string;
  amountFen: number | null;
}

export interface MeasureOperations {
  kind: 'measures';
  inserts: MeasureCreateOp[];
  updates: MeasureDoneOp[];
}

interface Existing {
  id: string;
  case_id: string;
  measure_type_code: string;
  planned_date: string;
  done_date: string | null;
  status: string;
  amount_fen: number | null;
  version: number;
}

function refused(m: ImportedMeasure, reason: string, cells: CellRenderer): InvalidRow[] {
  return m.lines.map((line) => ({
    line,
    reason: `第 ${line} 行：${reason}`,
    cells: cells({ householdCode: m.householdCode, idNumber: m.idNumber, measureType: m.typeText, plannedDate: m.plannedDate, doneDate: m.doneDate }),
  }));
}

/** The service rule's Chinese message when `check` refuses, else null. */
function ruleProblem(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
}

export async function planMeasures(
  db: Db,
  records: readonly ImportedMeasure[],
  cells: CellRenderer,
  defaultUnit: string,
): Promise<{ counts: Omit<ImportCounts, 'invalid'>; conflicts: InvalidRow[]; operations: MeasureOperations }> {
  const finder = await householdFinder(db, records);
  const households = records.map((m) => finder.find(m));
  const openCases = await openCasesOf(
    db,
    households.flatMap((h) => (h.ok ? [h.household.id] : [])),
  );
  const caseIds = [...openCases.values()].map((c) => c.id);
  const risks = new Map<string, RiskType[]>();
  for (const r of await inChunks(caseIds, async (json) =>
    (await sql<{ case_id: string; risk_type: string }>`SELECT case_id, risk_type FROM case_risks WHERE case_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)).rows,
  )) {
    risks.set(r.case_id, sortRisks([...(risks.get(r.case_id) ?? []), r.risk_type]));
  }
  const existing = new Map<string, Existing>();
  for (const e of await inChunks(caseIds, async (json) =>
    (
      await sql<Existing>`SELECT id, case_id, measure_type_code, planned_date, done_date, status, amount_fen, version FROM measures
        WHERE case_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL AND status <> 'cancelled'`.execute(db)
    ).rows,
  )) {
    existing.set(`${e.case_id}|${e.measure_type_code}|${e.planned_date}`, e);
  }
  const types = (await listTypes(db)).map(toMeasureType);
  const typeOf = (text: string) => {
    const key = cleanHeader(text);
    return types.find((t) => t.code.toUpperCase() === text.trim().toUpperCase() || cleanHeader(t.name) === key) ?? null;
  };

  const operations: MeasureOperations = { kind: 'measures', inserts: [], updates: [] };
  const conflicts: InvalidRow[] = [];
  const planned = new Map<string, LineNumber>();
  let unchanged = 0;
  for (const [i, m] of records.entries()) {
    const refuse = (reason: string) => conflicts.push(...refused(m, reason, cells));
    const found = households[i]!;
    if (!found.ok) {
      refuse(found.reason);
      continue;
    }
    const h = found.household;
    const c = openCases.get(h.id);
    if (!c) {
      refuse(`${h.headName}户（户编号 ${h.code}）没有正在监测的监测对象：帮扶措施只能记入识别中或监测中的监测对象。请先在“防返贫监测”中将该户纳入监测，再导入这一行`);
      continue;
    }
    const type = typeOf(m.typeText);
    if (!type) {
      const examples = types.slice(0, 3).map((t) => `${t.name}（${t.code}）`).join('、');
      refuse(`措施类型“${m.typeText}”不在本乡镇的措施目录中，请填目录中的措施名称或代码，如 ${examples}`);
      continue;
    }
    if (!type.active) {
      refuse(`措施“${type.name}”已在目录中停用；如需使用请管理员在措施目录中启用`);
      continue;
    }
    const key = `${c.id}|${type.code}|${m.plannedDate}`;
    const earlier = planned.get(key);
    if (earlier !== undefined) {
      refuse(`与第 ${earlier} 行是同一户的同一措施、同一计划日期，请只保留一行`);
      continue;
    }
    planned.set(key, m.lines[0]!);
    const before = existing.get(key);
    if (before) {
      if (before.done_date === m.doneDate && (m.amountFen === null || before.amount_fen === m.amountFen)) unchanged += 1;
      else if (before.done_date === null && m.doneDate !== null) {
        operations.updates.push({ lines: m.lines, measureId: before.id, version: before.version, doneDate: m.doneDate, amountFen: type.hasAmount ? m.amountFen : null });
      } else refuse(`台账中该户已有这条措施（${type.name}，计划日期 ${m.plannedDate}），但落实日期或金额与文件不同。请在台账中核对修改，不要重复导入`);
      continue;
    }
    const problem = ruleProblem(() => {
      resolveRisks(type, undefined, risks.get(c.id) ?? []);
      checkAmount(type, m.amountFen);
    });
    if (problem !== null) {
      refuse(problem);
      continue;
    }
    const create = measureCreateSchema.safeParse({
      caseId: c.id,
      measureTypeCode: type.code,
      responsibleUnit: m.responsibleUnit ?? defaultUnit,
      helperName: m.helperName,
      plannedDate: m.plannedDate,
      amountFen: type.hasAmount ? m.amountFen : null,
      note: m.note,
    });
    if (!create.success) {
      refuse(create.error.issues.map((x) => x.message).join('；'));
      continue;
    }
    operations.inserts.push({ lines: m.lines, create: create.data, doneDate: m.doneDate });
  }
  return { counts: { new: operations.inserts.length, changed: operations.updates.length, unchanged }, conflicts, operations };
}
