import { incomeCategories } from '../../../../../../../shared/domain/income';
import { incomeColumn } from '../../../../income/service';
import type { IncomeOperations, IncomeValues } from '../../plan';
import { bulkInsert, metaColumns, progress, type Cell, type Tx, type Writer } from '../../write';

// The incomes part of the write.

function incomeCells(v: IncomeValues): Cell[] {
  return [
    v.source,
    v.member_count,
    ...incomeCategories.map((c) => v.fen[c]),
    v.net_income_fen,
    v.per_capita_fen,
    v.decline_cause,
    v.note,
  ];
}
const incomeValueColumns = ['source', 'member_count', ...incomeCategories.map((c) => incomeColumn[c]), 'net_income_fen', 'per_capita_fen', 'decline_cause', 'note'];

export async function writeIncomes(tx: Tx, w: Writer, ops: IncomeOperations): Promise<void> {
  await bulkInsert(
    tx,
    w,
    'incomes',
    [...metaColumns, 'household_id', 'year', ...incomeValueColumns],
    // Built as they are sent, so SQLite writes the first chunk while the others are built.
    (function* () {
      for (const op of ops.inserts) yield [...w.meta(), op.householdId, op.year, ...incomeCells(op.values)];
    })(),
  );
  progress(w, ops.inserts.length);
  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    const cells = incomeCells(op.values);
    const set = Object.fromEntries(incomeValueColumns.map((c, i) => [c, cells[i] ?? null]));
    await tx.updateTable('incomes').set({ ...set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    progress(w, 1);
  }
}
