// The ledger kit: a ledger page is its filters, its columns, a page query and what a row opens.
export { ColumnChooser } from './ColumnChooser';
export { loadColumnVisibility, saveColumnVisibility } from './columnVisibility';
export { ledgerColumnHelper, ledgerFeatures, type LedgerColumnMeta, type LedgerFeatures } from './features';
export { LedgerTable, type LedgerTableProps } from './LedgerTable';
export { default as ledgerClasses } from './ledger.module.css';
export { LEDGER_HEADER_HEIGHT, LEDGER_PAGE_SIZE, LEDGER_ROW_HEIGHT, usePagedLedger, type LedgerMemory, type LedgerPageAnswer, type PagedLedger } from './usePagedLedger';
export { compareValues, sortRows, wholeListPageQuery, type ListSort, type WholeListBase } from './wholeList';
export { useLedgerTable, type LedgerTableOptions } from './useLedgerTable';
export { LedgerPage, type LedgerPageProps } from './LedgerPage';
export { ChoiceFilter, VillageFilter, YearFilter, useYearFilter, type ChoiceFilterProps, type YearFilterState } from './filters';
