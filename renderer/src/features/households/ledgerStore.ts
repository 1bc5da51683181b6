import { useSyncExternalStore } from 'react';
import type { HouseholdSortColumn } from '../../../../shared/contract/households';
import type { HouseholdKind } from '../../../../shared/domain/household';
import type { LedgerFlag } from './labels';

// The ledger's filters, sort and scroll position live here, outside the page, so that opening a
// household and coming back (or reloading the window) finds the list exactly as it was left.
// sessionStorage keeps them for the life of the window; nothing here is shared between users.

export type LedgerStatus = 'active' | 'closed' | 'all';

export interface LedgerFilters {
  villageId: string | null;
  groupId: string | null;
  kind: HouseholdKind | null;
  flags: LedgerFlag[];
  status: LedgerStatus;
  /** Exactly what is in the search box; the list follows it after a short pause. */
  search: string;
}

export interface LedgerSort {
  column: HouseholdSortColumn;
  direction: 'asc' | 'desc';
}

export interface LedgerState {
  filters: LedgerFilters;
  sort: LedgerSort;
  /** The household opened last, marked in the list on return. */
  lastOpenedId: string | null;
}

export const defaultFilters: LedgerFilters = { villageId: null, groupId: null, kind: null, flags: [], status: 'active', search: '' };
export const defaultSort: LedgerSort = { column: 'householdCode', direction: 'asc' };

const STORAGE_KEY = 'households.ledger.v1';

interface Remembered {
  key: string;
  value: number;
}

function load(): { state: LedgerState; scroll: Remembered | null; total: Remembered | null } {
  const fallback = { state: { filters: defaultFilters, sort: defaultSort, lastOpenedId: null }, scroll: null, total: null };
  try {
    const raw = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return fallback;
    const saved = JSON.parse(raw) as Partial<{ state: Partial<LedgerState>; scroll: Remembered | null; total: Remembered | null }>;
    return {
      state: {
        filters: { ...defaultFilters, ...saved.state?.filters },
        sort: { ...defaultSort, ...saved.state?.sort },
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
let state: LedgerState = initial.state;
/** Not part of the rendered state: written on every scroll, read when the ledger shows a list. */
let scroll: Remembered | null = initial.scroll;
/** The last known row count for a query key, so the list can be laid out before its first page arrives. */
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

export const ledgerStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): LedgerState {
    return state;
  },
  setFilters(patch: Partial<LedgerFilters>): void {
    state = { ...state, filters: { ...state.filters, ...patch } };
    emit();
  },
  resetFilters(): void {
    state = { ...state, filters: defaultFilters };
    emit();
  },
  setSort(sort: LedgerSort): void {
    state = { ...state, sort };
    emit();
  },
  setLastOpened(id: string): void {
    if (state.lastOpenedId === id) return;
    state = { ...state, lastOpenedId: id };
    emit();
  },
  /** Where the list for `key` was scrolled to; 0 for any other list. */
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
  /** Writes the scroll position out (called when the ledger unmounts and when the window hides). */
  flush(): void {
    persist();
  },
};

export function useLedgerState(): LedgerState {
  return useSyncExternalStore(ledgerStore.subscribe, ledgerStore.get, ledgerStore.get);
}

export function filtersActive(f: LedgerFilters): boolean {
  return f.villageId !== null || f.groupId !== null || f.kind !== null || f.flags.length > 0 || f.status !== 'active' || f.search.trim() !== '';
}
