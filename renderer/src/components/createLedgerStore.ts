import { useSyncExternalStore } from 'react';

// A ledger page's filters, sort and scroll position live outside the page, so that opening a
// record and coming back (or reloading the window) finds the list exactly as it was left.
// sessionStorage keeps them for the life of the window; nothing here is shared between users.

export interface LedgerState<F, S> {
  filters: F;
  sort: S;
  /** The record opened last, marked in the list on return. */
  lastOpenedId: string | null;
}

interface Remembered {
  key: string;
  value: number;
}

export interface LedgerStore<F, S> {
  subscribe(listener: () => void): () => void;
  get(): LedgerState<F, S>;
  setFilters(patch: Partial<F>): void;
  resetFilters(): void;
  setSort(sort: S): void;
  setLastOpened(id: string): void;
  /** Where the list for `key` was scrolled to; 0 for any other list. */
  getScrollTop(key: string): number;
  setScrollTop(key: string, value: number): void;
  /** The last known row count for a query key, so the list can be laid out before its first page arrives. */
  getKnownTotal(key: string): number | null;
  setKnownTotal(key: string, total: number): void;
  /** Writes the scroll position out (called when the ledger unmounts and when the window hides). */
  flush(): void;
}

/** A ledger store's state, re-rendering the component when it changes. */
export function useLedgerStore<F, S>(store: LedgerStore<F, S>): LedgerState<F, S> {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export function createLedgerStore<F extends object, S extends object>(storageKey: string, defaultFilters: F, defaultSort: S): LedgerStore<F, S> {
  function load(): { state: LedgerState<F, S>; scroll: Remembered | null; total: Remembered | null } {
    const fallback = { state: { filters: defaultFilters, sort: defaultSort, lastOpenedId: null }, scroll: null, total: null };
    try {
      const raw = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(storageKey);
      if (!raw) return fallback;
      const saved = JSON.parse(raw) as Partial<{ state: Partial<LedgerState<F, S>>; scroll: Remembered | null; total: Remembered | null }>;
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
  let state = initial.state;
  // Not part of the rendered state: written on every scroll, read when the ledger shows a list.
  let scroll = initial.scroll;
  let knownTotal = initial.total;
  const listeners = new Set<() => void>();

  function persist(): void {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ state, scroll, total: knownTotal }));
    } catch {
      // Storage full or unavailable: the state still lives in memory for this window.
    }
  }

  function emit(): void {
    persist();
    listeners.forEach((l) => l());
  }

  const store: LedgerStore<F, S> = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => state,
    setFilters(patch) {
      state = { ...state, filters: { ...state.filters, ...patch } };
      emit();
    },
    resetFilters() {
      state = { ...state, filters: defaultFilters };
      emit();
    },
    setSort(sort) {
      state = { ...state, sort };
      emit();
    },
    setLastOpened(id) {
      if (state.lastOpenedId === id) return;
      state = { ...state, lastOpenedId: id };
      emit();
    },
    getScrollTop: (key) => (scroll && scroll.key === key ? scroll.value : 0),
    setScrollTop(key, value) {
      scroll = { key, value };
    },
    getKnownTotal: (key) => (knownTotal && knownTotal.key === key ? knownTotal.value : null),
    setKnownTotal(key, total) {
      if (knownTotal?.key === key && knownTotal.value === total) return;
      knownTotal = { key, value: total };
      persist();
    },
    flush: persist,
  };
  return store;
}
