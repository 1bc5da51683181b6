import { sql, type Selectable } from 'kysely';
import {
  declineCauseProblem,
  formatYuan,
  incomeCategories,
  incomeFigures,
  isDecline,
  type IncomeCategory,
} from '../../../../../../../shared/domain/income';
import type { IncomeTable } from '../../../../../db/schema';
import { incomeColumn } from '../../../../income/service';
import type { ImportedIncome, InvalidRow, LineNumber } from '../../types';
import { conflictRows, householdsWithPending, inChunks, type CellRenderer, type CreatedHouseholds, type Db, type PendingHouseholds } from '../../planCommon';

// The incomes part of the plan: one record per household and year, with the decline check.

export interface IncomeValues {
  source: 'nationalPerCapita' | null;
  member_count: number;
  net_income_fen: number;
  per_capita_fen: number;
  decline_cause: string | null;
  note: string | null;
  fen: Record<IncomeCategory, number>;
}

export interface IncomeOperations {
  kind: 'incomes';
  inserts: { lines: LineNumber[]; householdId: string; year: number; values: IncomeValues }[];
  updates: { lines: LineNumber[]; id: string; values: IncomeValues }[];
}

// ---------------------------------------------------------------------------------------------
// Incomes

export async function planIncomes(db: Db, today: string, records: ImportedIncome[], render: CellRenderer, pending?: PendingHouseholds, created?: CreatedHouseholds) {
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const ops: IncomeOperations = { kind: 'incomes', inserts: [], updates: [] };
  const { households, fresh } = await householdsWithPending(db, records.map((r) => r.householdCode), pending, created);
  const ids = [...households.values()].map((h) => h.id).filter((id) => !fresh.has(id));
  const stored = new Map<string, Selectable<IncomeTable>>();
  for (const inc of await inChunks(ids, async (json) =>
    (await sql<Selectable<IncomeTable>>`SELECT * FROM incomes WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)).rows,
  )) {
    stored.set(`${inc.household_id}:${inc.year}`, inc);
  }
  const thisYear = Number(today.slice(0, 4));
  /** Per-capita income per household and year after this import (file over database), for the decline check. */
  const perCapitaAfter = new Map<string, number>();
  for (const inc of stored.values()) perCapitaAfter.set(`${inc.household_id}:${inc.year}`, inc.per_capita_fen);
  const seen = new Map<string, LineNumber>();

  // Earlier years first: a file with two years compares the later one with the earlier one.
  const ordered = [...records].sort((a, b) => a.income.year - b.income.year || (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
  for (const r of ordered) {
    const cellsOf = () => render({ householdCode: r.householdCode, year: r.income.year });
    const refuse = (reason: string) => conflicts.push(...conflictRows(r.lines, reason, cellsOf));
    const h = households.get(r.householdCode);
    if (!h || h.deleted_at !== null) {
      refuse(`户编号 ${r.householdCode} 在本系统中不存在。请先导入或录入该户，再导入收入`);
      continue;
    }
    if (h.status === 'closed') {
      refuse(`户 ${h.household_code} 已注销，不能录入或修改收入。如需办理，请先恢复该户`);
      continue;
    }
    const year = r.income.year;
    if (year > thisYear) {
      refuse(`不能导入 ${year} 年的收入：该年度尚未开始（今年是 ${thisYear} 年）`);
      continue;
    }
    const key = `${h.id}:${year}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      refuse(`户 ${h.household_code} 的 ${year} 年收入在本文件第 ${dup} 行已出现，请删除重复行`);
      continue;
    }
    seen.set(key, r.lines[0] ?? 0);
    const existing = stored.get(key);
    const memberCount = r.income.memberCount ?? existing?.member_count ?? h.member_count;
    if (memberCount < 1) {
      refuse('该户当前没有在册成员，请在文件中填写该年度的家庭人口数');
      continue;
    }
    const fen = Object.fromEntries(incomeCategories.map((c) => [c, r.income[c]])) as Record<IncomeCategory, number>;
    // The national export's undivided per-capita figure is the authority for the year (0013).
    const figures =
      r.perCapitaFen !== undefined ? { perCapitaFen: r.perCapitaFen, netIncomeFen: r.perCapitaFen * memberCount } : incomeFigures(fen, memberCount);
    const previous = perCapitaAfter.get(`${h.id}:${year - 1}`);
    const decline = isDecline(previous, figures.perCapitaFen);
    const cause = decline ? r.income.declineCause : null;
    const problem = declineCauseProblem(decline, cause, r.income.note);
    if (problem && previous !== undefined) {
      refuse(
        problem === 'missingCause'
          ? `${year} 年人均纯收入 ${formatYuan(figures.perCapitaFen)} 元，低于 ${year - 1} 年的 ${formatYuan(previous)} 元，属于减收户，请在文件中填写减收原因`
          : '减收原因为“其他原因”，请在备注中写明具体原因',
      );
      continue;
    }
    perCapitaAfter.set(key, figures.perCapitaFen);
    const values: IncomeValues = {
      source: r.perCapitaFen !== undefined ? 'nationalPerCapita' : null,
      member_count: memberCount,
      net_income_fen: figures.netIncomeFen,
      per_capita_fen: figures.perCapitaFen,
      decline_cause: cause,
      note: r.income.note,
      fen,
    };
    if (!existing) {
      ops.inserts.push({ lines: r.lines, householdId: h.id, year, values });
      counts.new++;
      continue;
    }
    const same =
      existing.source === values.source &&
      existing.member_count === values.member_count &&
      existing.net_income_fen === values.net_income_fen &&
      existing.per_capita_fen === values.per_capita_fen &&
      existing.decline_cause === values.decline_cause &&
      existing.note === values.note &&
      incomeCategories.every((c) => existing[incomeColumn[c]] === fen[c]);
    if (same) counts.unchanged++;
    else {
      ops.updates.push({ lines: r.lines, id: existing.id, values });
      counts.changed++;
    }
  }
  return { counts, conflicts, operations: ops };
}

