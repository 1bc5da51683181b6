import { useSyncExternalStore } from 'react';
import type { CaseSortColumn, OverdueKind } from '../../../../shared/contract/monitoring';
import type { CaseStatus, MonitoringCategory, RiskType } from '../../../../shared/domain/monitoring';

// The monitoring ledger's filters, sort and scroll position live here, outside the page, so that
// opening a case and coming back (or reloading the window) finds the list exactly as it was left.
// sessionStorage keeps them for the life of the window.

/** 'open' = 识别中 and 监测中 together, the list a clerk works from. */
export type CaseStatusFilter = CaseStatus | 'open' | 'all';

export interface CaseLedgerFilters {
  villageId: string | null;
  category: MonitoringCategory | null;
  riskType: RiskType | null;
  status: CaseStatusFilter;
  overdue: OverdueKind | null;
  /** 帮扶联系人, matched exactly by the core; the list follows the box after a short pause. */
  helperName: string;
  /** Exactly what is in the search box. */
  search: string;
}

export interface CaseLedgerSort {
  column: CaseSortColumn;
  direction: 'asc' | 'desc';
}

export interface CaseLedgerState {
  filters: CaseLedgerFilters;
  sort: CaseLedgerSort;
  lastOpenedId: string | null;
}

export const defaultCaseFilters: CaseLedgerFilters = {
  villageId: null,
  category: null,
  riskType: null,
  status: 'all',
  overdue: null,
  helperName: '',
  search: '',
};
export const defaultCaseSort: CaseLedgerSort = { column: 'caseCode', direction: 'desc' };

const STORAGE_KEY = 'monitoring.ledger.v1';

interface Remembered {
  key: string;
  value: number;
}

function load(): { state: CaseLedgerState; scroll: Remembered | null; total: Remembered | null } {
  const fallback = { state: { filters: defaultCaseFilters, sort: defaultCaseSort, lastOpenedId: null }, scroll: null, total: null };
  try {
    const raw = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<{ state: Partial<CaseLedgerState>; scroll: Remembered | null; total: Remembered | null }>;
    return {
      state: {
        filters: { ...defaultCaseFilters, ...saved.state?.filters },
        sort: { ...defaultCaseSort, ...saved.state?.sort },
        lastOpenedId: saved.state?.lastOpenedId ?? null,
      },
      scroll: saved.scroll ?? null,
      total: saved.total ?? null,
    };
  } catch {
    return fallback;
  }
}

const initial = load();
let state: CaseLedgerState = initial.state;
let scroll: Remembered | null = initial.scroll;
let knownTotal: Remembered | null = initial.total;
const listeners = new Set<() => void>();

function persist(): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ state, scroll, total: knownTotal }));
  } catch {
    // Storage full or unavailable: the state still lives in memory for this window.
  }
}

function emit(): void {
  persist();
  listeners.forEach((l) => l());
}

export const caseLedgerStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): CaseLedgerState {
    return state;
  },
  setFilters(patch: Partial<CaseLedgerFilters>): void {
    state = { ...state, filters: { ...state.filters, ...patch } };
    emit();
  },
  resetFilters(): void {
    state = { ...state, filters: defaultCaseFilters };
    emit();
  },
  setSort(sort: CaseLedgerSort): void {
    state = { ...state, sort };
    emit();
  },
  setLastOpened(id: string): void {
    if (state.lastOpenedId === id) return;
    state = { ...state, lastOpenedId: id };
    emit();
  },
  getScrollTop(key: string): number {
    return scroll && scroll.key === key ? scroll.value : 0;
  },
  setScrollTop(key: string, value: number): void {
    scroll = { key, value };
  },
  getKnownTotal(key: string): number | null {
    return knownTotal && knownTotal.key === key ? knownTotal.value : null;
  },
  setKnownTotal(key: string, total: number): void {
    if (knownTotal?.key === key && knownTotal.value === total) return;
    knownTotal = { key, value: total };
    persist();
  },
  flush(): void {
    persist();
  },
};

export function useCaseLedgerState(): CaseLedgerState {
  return useSyncExternalStore(caseLedgerStore.subscribe, caseLedgerStore.get, caseLedgerStore.get);
}

export function caseFiltersActive(f: CaseLedgerFilters): boolean {
  return (
    f.villageId !== null ||
    f.category !== null ||
    f.riskType !== null ||
    f.status !== defaultCaseFilters.status ||
    f.overdue !== null ||
    f.helperName.trim() !== '' ||
    f.search.trim() !== ''
  );
}
