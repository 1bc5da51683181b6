import { columnSizingFeature, columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures, type RowData } from '@tanstack/react-table';

export interface LedgerColumnMeta {
  /** The name in the column chooser and the sort button's title. */
  label: string;
  className?: string;
}

/** The table features every ledger uses: sort (by the core), hide columns, fixed widths. */
export const ledgerFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnMeta: {} as LedgerColumnMeta,
});
export type LedgerFeatures = typeof ledgerFeatures;

export function ledgerColumnHelper<TRow extends RowData>() {
  return createColumnHelper<LedgerFeatures, TRow>();
}
