import { functionalUpdate, useTable, type ColumnDef, type ColumnVisibilityState, type RowData, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { loadColumnVisibility, saveColumnVisibility } from './columnVisibility';
import { ledgerFeatures, type LedgerFeatures } from './features';
import type { ListSort } from './wholeList';

export interface LedgerTableOptions<TRow extends RowData, TColumn extends string> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column list type: each column keeps its value type
  columns: ColumnDef<LedgerFeatures, TRow, any>[];
  data: TRow[];
  rowId: (row: TRow) => string;
  /** The sort on screen (done by the core or by the whole-list pager); null: the list's own order. */
  sort: ListSort<TColumn> | null;
  onSort: (sort: ListSort<TColumn>) => void;
  isSortColumn: (id: string) => id is TColumn;
  /** localStorage key of the hidden columns (the column chooser); absent: every column shown. */
  visibilityKey?: string;
}

/** A ledger's table: one sort column sorted outside the table, and hidden columns kept on this PC. */
export function useLedgerTable<TRow extends RowData, TColumn extends string>(o: LedgerTableOptions<TRow, TColumn>) {
  const { sort, onSort, isSortColumn, visibilityKey } = o;
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.column, desc: sort.direction === 'desc' }] : []), [sort]);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(() => (visibilityKey ? loadColumnVisibility(visibilityKey) : {}));
  return useTable({
    features: ledgerFeatures,
    columns: o.columns,
    data: o.data,
    getRowId: o.rowId,
    state: { sorting, columnVisibility },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (next && isSortColumn(next.id)) onSort({ column: next.id, direction: next.desc ? 'desc' : 'asc' });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      setColumnVisibility((old) => {
        const next = functionalUpdate(updater, old);
        if (visibilityKey) saveColumnVisibility(visibilityKey, next);
        return next;
      });
    },
  });
}
