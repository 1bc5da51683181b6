import { createLedgerStore, useLedgerStore, type LedgerState } from '../../components/createLedgerStore';
import type { CaseSortColumn, OverdueKind } from '../../../../shared/contract/monitoring';
import type { CaseStatus, MonitoringCategory, RiskType } from '../../../../shared/domain/monitoring';

// The monitoring ledger's filters and sort (kept for the window's life by createLedgerStore).

/** 'open' = 识别中 and 监测中 together, the list a clerk works from. */
export type CaseStatusFilter = CaseStatus | 'open' | 'all';

export interface CaseLedgerFilters {
  villageId: string | null;
  category: MonitoringCategory | null;
  riskType: RiskType | null;
  status: CaseStatusFilter;
  overdue: OverdueKind | null;
  /** Only cases with a notice objection not yet resolved (set from the workbench's to-do). */
  objectionOpen: boolean;
  /** Only cases whose household has an open 待补充 item (待补充：有). */
  pending: boolean;
  /** 帮扶联系人, matched exactly by the core; the list follows the box after a short pause. */
  helperName: string;
  /** Exactly what is in the search box. */
  search: string;
}

export interface CaseLedgerSort {
  column: CaseSortColumn;
  direction: 'asc' | 'desc';
}

export type CaseLedgerState = LedgerState<CaseLedgerFilters, CaseLedgerSort>;

export const defaultCaseFilters: CaseLedgerFilters = {
  villageId: null,
  category: null,
  riskType: null,
  status: 'all',
  overdue: null,
  objectionOpen: false,
  pending: false,
  helperName: '',
  search: '',
};
export const defaultCaseSort: CaseLedgerSort = { column: 'caseCode', direction: 'desc' };

export const caseLedgerStore = createLedgerStore('monitoring.ledger.v1', defaultCaseFilters, defaultCaseSort);

export function useCaseLedgerState(): CaseLedgerState {
  return useLedgerStore(caseLedgerStore);
}

export function caseFiltersActive(f: CaseLedgerFilters): boolean {
  return (
    f.villageId !== null ||
    f.category !== null ||
    f.riskType !== null ||
    f.status !== defaultCaseFilters.status ||
    f.overdue !== null ||
    f.objectionOpen ||
    f.pending ||
    f.helperName.trim() !== '' ||
    f.search.trim() !== ''
  );
}
