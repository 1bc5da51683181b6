import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../../../../../shared/contract';
import { visitCreateSchema } from '../../../../../../../shared/contract/visits';
import { inChunks, type CellRenderer, type Db } from '../../planCommon';
import type { ImportCounts, ImportedVisit, InvalidRow, LineNumber } from '../../types';
import { householdFinder } from '../activityHouseholds';
import { visitVisitors } from '../../../../../db/jsonColumns';

// 走访记录 against the ledger: each row's household (户编号 or 证件号码); the visits service links
// the visit to the household's open case itself (or, on the eliminated cycle, its latest case) and
// moves the visit schedule on. A visit already recorded (same household, date and visitors) is
// unchanged; the same visit with other findings is refused, not written twice.

export interface VisitCreateOp {
  lines: LineNumber[];
  create: ParsedInputOf<'visits.create'>;
}

export interface VisitOperations {
  kind: 'visits';
  inserts: VisitCreateOp[];
  updates: never[];
}

function visitorsKey(visitors: readonly string[]): string {
  return [...visitors].sort().join('、');
}

export async function planVisits(
  db: Db,
  records: readonly ImportedVisit[],
  cells: CellRenderer,
): Promise<{ counts: Omit<ImportCounts, 'invalid'>; conflicts: InvalidRow[]; operations: VisitOperations }> {
  const finder = await householdFinder(db, records);
  const households = records.map((v) => finder.find(v));
  const ids = households.flatMap((h) => (h.ok ? [h.household.id] : []));
  const existing = new Map<string, { kind: string; findings: string }>();
  for (const e of await inChunks(ids, async (json) =>
    (
      await sql<{ household_id: string; visit_date: string; visitors: string; kind: string; findings: string }>`SELECT household_id, visit_date, visitors, kind, findings
        FROM visits WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)
    ).rows,
  )) {
    existing.set(`${e.household_id}|${e.visit_date}|${visitorsKey(visitVisitors.decode(e.visitors))}`, { kind: e.kind, findings: e.findings });
  }

  const operations: VisitOperations = { kind: 'visits', inserts: [], updates: [] };
  const conflicts: InvalidRow[] = [];
  const planned = new Map<string, LineNumber>();
  let unchanged = 0;
  const refuse = (v: ImportedVisit, reason: string) => {
    for (const line of v.lines) {
      conflicts.push({ line, reason: `第 ${line} 行：${reason}`, cells: cells({ householdCode: v.householdCode, idNumber: v.idNumber, visitDate: v.visitDate, visitors: v.visitors.join('、') }) });
    }
  };
  records.forEach((v, i) => {
    const found = households[i]!;
    if (!found.ok) {
      refuse(v, found.reason);
      return;
    }
    const h = found.household;
    if (h.status === 'closed') {
      refuse(v, `${h.headName}户（户编号 ${h.code}）已注销，不能再登记走访；如需登记请先恢复该户`);
      return;
    }
    const key = `${h.id}|${v.visitDate}|${visitorsKey(v.visitors)}`;
    const earlier = planned.get(key);
    if (earlier !== undefined) {
      refuse(v, `与第 ${earlier} 行是同一户、同一天、同样走访人的走访，请只保留一行`);
      return;
    }
    planned.set(key, v.lines[0]!);
    const before = existing.get(key);
    if (before) {
      if (before.findings === v.findings && before.kind === v.kind) unchanged += 1;
      else refuse(v, `台账中已有该户 ${v.visitDate} 由 ${v.visitors.join('、')} 走访的记录，但走访情况或类型与文件不同。请在台账中核对，不要重复导入`);
      return;
    }
    const create = visitCreateSchema.safeParse({ householdId: h.id, visitDate: v.visitDate, visitors: v.visitors, kind: v.kind, findings: v.findings });
    if (!create.success) {
      refuse(v, create.error.issues.map((x) => x.message).join('；'));
      return;
    }
    operations.inserts.push({ lines: v.lines, create: create.data });
  });
  return { counts: { new: operations.inserts.length, changed: 0, unchanged }, conflicts, operations };
}
