import { sql, type Selectable } from 'kysely';
import {
  caseStatusLabels,
  monitoringCategoryLabels,
  type CaseStatus,
  type MonitoringCategory,
  type RiskType,
} from '../../../../../../../shared/domain/monitoring';
import type { MonitoringCaseTable } from '../../../../../db/schema';
import type { ImportedCase, InvalidRow, LineNumber } from '../../types';
import { conflictRows, householdsWithPending, inChunks, type Cell, type CellRenderer, type CreatedHouseholds, type Db, type PendingHouseholds } from '../../planCommon';

// The monitoring part of the plan: cases matched on (户编号, date identified).

export interface NewCaseOp {
  lines: LineNumber[];
  householdId: string;
  householdCode: string;
  householdKind: string;
  householdHelperName: string | null;
  householdHelperPhone: string | null;
  record: ImportedCase;
}

export interface ChangedCaseOp {
  lines: LineNumber[];
  id: string;
  caseCode: string;
  householdId: string;
  record: ImportedCase;
  set: Record<string, Cell>;
  addRisks: RiskType[];
  removeRisks: { id: string; riskType: RiskType }[];
  /** The national system eliminated a case the office still monitors. */
  eliminates: boolean;
}

export interface CaseOperations {
  kind: 'cases';
  inserts: NewCaseOp[];
  updates: ChangedCaseOp[];
}

// ---------------------------------------------------------------------------------------------
// Monitoring cases

type CaseRecord = Selectable<MonitoringCaseTable>;

export async function planCases(db: Db, today: string, records: ImportedCase[], render: CellRenderer, pending?: PendingHouseholds, created?: CreatedHouseholds) {
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const ops: CaseOperations = { kind: 'cases', inserts: [], updates: [] };
  const { households, fresh } = await householdsWithPending(db, records.map((r) => r.householdCode), pending, created);
  const ids = [...households.values()].map((h) => h.id).filter((id) => !fresh.has(id));
  const casesOf = new Map<string, CaseRecord[]>();
  for (const c of await inChunks(ids, async (json) =>
    (
      await sql<CaseRecord>`SELECT * FROM monitoring_cases WHERE household_id IN (SELECT value FROM json_each(${json}))
        AND deleted_at IS NULL AND status <> 'rejected' ORDER BY clue_date`.execute(db)
    ).rows,
  )) {
    let list = casesOf.get(c.household_id);
    if (!list) casesOf.set(c.household_id, (list = []));
    list.push(c);
  }
  const risksOf = new Map<string, { id: string; risk_type: string }[]>();
  const caseIds = [...casesOf.values()].flat().map((c) => c.id);
  for (const r of await inChunks(caseIds, async (json) =>
    (
      await sql<{ id: string; case_id: string; risk_type: string }>`SELECT id, case_id, risk_type FROM case_risks
        WHERE case_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)
    ).rows,
  )) {
    let list = risksOf.get(r.case_id);
    if (!list) risksOf.set(r.case_id, (list = []));
    list.push(r);
  }
  /** Households that get an open case from this file (one open case per household). */
  const openFromFile = new Map<string, LineNumber>();
  const seen = new Map<string, LineNumber>();

  for (const r of records) {
    const cellsOf = () =>
      render({
        householdCode: r.householdCode,
        category: monitoringCategoryLabels[r.category],
        identifiedDate: r.identifiedDate,
        eliminated: r.eliminated,
        eliminatedDate: r.eliminatedDate,
      });
    const refuse = (reason: string) => conflicts.push(...conflictRows(r.lines, reason, cellsOf));
    const h = households.get(r.householdCode);
    if (!h || h.deleted_at !== null) {
      refuse(`户编号 ${r.householdCode} 在本系统中不存在。请先导入或录入该户，再导入监测对象`);
      continue;
    }
    if (r.identifiedDate > today || (r.eliminatedDate !== null && r.eliminatedDate > today)) {
      refuse(`识别或消除时间晚于今天（${today}），请核对`);
      continue;
    }
    if (r.eliminated && r.eliminatedDate === null) {
      refuse('风险已消除的监测对象须有风险消除时间，请补上');
      continue;
    }
    if (r.eliminatedDate !== null && r.eliminatedDate < r.identifiedDate) {
      refuse(`风险消除时间 ${r.eliminatedDate} 早于风险识别时间 ${r.identifiedDate}，请核对`);
      continue;
    }
    const key = `${h.id}:${r.identifiedDate}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      refuse(`户 ${h.household_code} 在 ${r.identifiedDate} 识别的监测对象在本文件第 ${dup} 行已出现，请删除重复行`);
      continue;
    }
    seen.set(key, r.lines[0] ?? 0);

    const cases = casesOf.get(h.id) ?? [];
    const open = cases.find((c) => c.status === 'identifying' || c.status === 'monitoring');
    // The same case: identified (included) on the same day; else the household's case under
    // monitoring of the same category, when the file says it is still monitored.
    let match = cases.find((c) => c.included_date === r.identifiedDate);
    if (!match && !r.eliminated && open && open.status === 'monitoring' && open.category === r.category) match = open;

    if (match) {
      const planned = planExistingCase(r, match, risksOf.get(match.id) ?? []);
      if (typeof planned === 'string') refuse(planned);
      else if (planned === null) counts.unchanged++;
      else {
        counts.changed++;
        ops.updates.push(planned);
      }
      continue;
    }

    if (h.status === 'closed' && !r.eliminated) {
      refuse(`户 ${h.household_code} 已注销，不能新增监测中的监测对象。如需办理，请先恢复该户`);
      continue;
    }
    if (!r.eliminated) {
      if (open) {
        const status = caseStatusLabels[open.status as CaseStatus];
        refuse(
          open.status === 'monitoring' && open.category !== r.category
            ? `该户已有${status}的案件 ${open.case_code}（${monitoringCategoryLabels[open.category as MonitoringCategory]}），与文件中的类别（${monitoringCategoryLabels[r.category]}）不同，请核对后在案件中修改`
            : `该户已有${status}的案件 ${open.case_code}，一户只能有一个未结束的案件，请在该案件中继续办理`,
        );
        continue;
      }
      const other = openFromFile.get(h.id);
      if (other !== undefined) {
        refuse(`本文件第 ${other} 行已为该户导入一个监测中的案件，一户只能有一个未结束的案件`);
        continue;
      }
      openFromFile.set(h.id, r.lines[0] ?? 0);
    } else {
      // A past case closed in the national system: its period may not overlap a case in the ledger.
      const overlaps = cases.find((c) => {
        const start = c.included_date ?? c.clue_date;
        const end = c.eliminated_date ?? '9999-12-31';
        return start <= r.eliminatedDate! && r.identifiedDate <= end;
      });
      if (overlaps) {
        refuse(`该户的案件 ${overlaps.case_code}（${overlaps.included_date ?? overlaps.clue_date} 起）与文件中的监测期（${r.identifiedDate} 至 ${r.eliminatedDate}）重叠，请核对风险识别时间`);
        continue;
      }
    }
    ops.inserts.push({
      lines: r.lines,
      householdId: h.id,
      householdCode: h.household_code,
      householdKind: h.kind,
      householdHelperName: h.helper_name,
      householdHelperPhone: h.helper_phone,
      record: r,
    });
    counts.new++;
  }
  return { counts, conflicts, operations: ops };
}

function planExistingCase(r: ImportedCase, c: CaseRecord, risks: { id: string; risk_type: string }[]): ChangedCaseOp | string | null {
  const set: Record<string, Cell> = {};
  if (c.category !== r.category) set.category = r.category;
  if (r.helperName !== null && r.helperName !== c.helper_name) set.helper_name = r.helperName;
  let eliminates = false;
  if (r.eliminated) {
    if (c.status === 'identifying') return `本系统中案件 ${c.case_code} 仍在识别中，文件中已标注风险消除，请先在案件中办理完识别`;
    if (c.status === 'monitoring') {
      if (c.active_workflow !== null) return `案件 ${c.case_code} 正在办理${c.active_workflow === 'elimination' ? '风险消除' : '识别'}流程，请办完流程后再导入`;
      eliminates = true;
      set.status = 'eliminated';
      set.eliminated_date = r.eliminatedDate;
      set.elimination_method = r.eliminationMethod;
    } else {
      if (c.eliminated_date !== r.eliminatedDate) set.eliminated_date = r.eliminatedDate;
      if (c.elimination_method !== r.eliminationMethod) set.elimination_method = r.eliminationMethod;
    }
  } else if (c.status === 'eliminated') {
    return `本系统中案件 ${c.case_code} 已于 ${c.eliminated_date ?? ''} 标注风险消除，文件中仍为监测中。如风险返回，请在案件页办理回退`;
  }
  const have = new Set(risks.map((x) => x.risk_type));
  const want = new Set<string>(r.risks);
  const addRisks = r.risks.filter((x) => !have.has(x));
  const removeRisks = risks.filter((x) => !want.has(x.risk_type)).map((x) => ({ id: x.id, riskType: x.risk_type as RiskType }));
  if (Object.keys(set).length === 0 && addRisks.length === 0 && removeRisks.length === 0) return null;
  return { lines: r.lines, id: c.id, caseCode: c.case_code, householdId: c.household_id, record: r, set, addRisks, removeRisks, eliminates };
}
