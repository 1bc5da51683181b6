import { useQueries, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type DependencyList } from 'react';

export const LEDGER_PAGE_SIZE = 100;
export const LEDGER_ROW_HEIGHT = 34;
export const LEDGER_HEADER_HEIGHT = 35;

/** One page of a ledger channel's answer; every page also carries the total. */
export interface LedgerPageAnswer<TRow> {
  rows: TRow[];
  total: number;
}


/** Where a ledger keeps its scroll position and row count between visits (createLedgerStore). */
export interface LedgerMemory {
  getScrollTop(key: string): number;
  setScrollTop(key: string, value: number): void;
  getKnownTotal(key: string): number | null;
  setKnownTotal(key: string, total: number): void;
  flush(): void;
}

export interface PagedLedgerOptions<TBase, TPage, TKey extends QueryKey> {
  /** The list query without its window: the filters and the sort. */
  base: TBase;
  /** One page's query; its key starts with the channel name, then the base. */
  pageQuery: (base: TBase, page: number) => UseQueryOptions<TPage, Error, TPage, TKey>;
  /** With a memory the list comes back where it was left; without, a new filter starts at the top. */
  memory?: LedgerMemory;
  /** Keep showing the previous filter's rows (dimmed) while the new ones load; else placeholders. */
  keepRowsWhileLoading?: boolean;
  /** The measured element's height is the window's below its top, less `margin`, at least `min`. */
  fit: { margin: number; min: number; initial: number; deps?: DependencyList };
}

interface Shown<TBase, TPage> {
  key: string;
  base: TBase;
  total: number;
  /** The latest page of these filters (its summary fields, if any); null until one arrives. */
  page: TPage | null;
}

/**
 * A ledger's rows, fetched 100 at a time under the visible window of a virtualised list. While a
 * new filter is fetched the previous list stays on screen, so typing in a search box never
 * flashes an empty table. Also owns the active row for the keyboard.
 */
export function usePagedLedger<TBase, TPage extends LedgerPageAnswer<unknown>, TKey extends QueryKey>(options: PagedLedgerOptions<TBase, TPage, TKey>) {
  type TRow = TPage['rows'][number];
  const { base, pageQuery, memory, keepRowsWhileLoading = true, fit } = options;
  const queryClient = useQueryClient();
  const key = JSON.stringify(base);

  const [shown, setShown] = useState<Shown<TBase, TPage> | null>(() => {
    if (!memory) return null;
    const prefix = pageQuery(base, 0).queryKey.slice(0, 2);
    let total: number | null = null;
    for (const [, data] of queryClient.getQueriesData<{ total: number }>({ queryKey: prefix })) {
      if (data) {
        total = data.total;
        break;
      }
    }
    total ??= memory.getKnownTotal(key);
    return total === null ? null : { key, base, total, page: null };
  });
  const showingCurrent = shown?.key === key;

  // --- layout: the list fills the window below its top ---------------------------------------
  const measureRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(fit.initial);
  useLayoutEffect(() => {
    const update = () => {
      const top = measureRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(fit.min, Math.floor(window.innerHeight - top - fit.margin)));
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the page says when its top may move
  }, fit.deps ?? []);

  // Put the list back where it was left (declared before the virtualizer so it reads this offset),
  // or start a new filter at the top.
  const shownKey = shown?.key ?? null;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !memory || shownKey === null) return;
    el.scrollTop = memory.getScrollTop(shownKey);
  }, [shownKey, memory]);
  useEffect(() => {
    if (!memory && scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [key, memory]);

  const total = shown?.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LEDGER_ROW_HEIGHT,
    overscan: 12,
    paddingStart: LEDGER_HEADER_HEIGHT,
    scrollPaddingStart: LEDGER_HEADER_HEIGHT,
    ...(memory ? { initialOffset: () => (shownKey === null ? 0 : memory.getScrollTop(shownKey)) } : {}),
  });
  const items = virtualizer.getVirtualItems();

  // --- data: the pages under the visible rows -------------------------------------------------
  const neededPages = useMemo(() => {
    if (!showingCurrent || items.length === 0) return [0];
    const first = Math.floor(items[0]!.index / LEDGER_PAGE_SIZE);
    const last = Math.floor(items[items.length - 1]!.index / LEDGER_PAGE_SIZE);
    const pages: number[] = [];
    for (let p = first; p <= last; p++) pages.push(p);
    return pages;
  }, [showingCurrent, items]);
  const results = useQueries({ queries: neededPages.map((p) => pageQuery(base, p)) });
  const fresh = results.find((r) => r.data !== undefined)?.data;
  const failed = results.find((r) => r.isError && r.data === undefined)?.error ?? null;
  if (fresh && (shown === null || shown.key !== key || shown.total !== fresh.total || shown.page !== fresh)) {
    setShown({ key, base, total: fresh.total, page: fresh });
  }
  useEffect(() => {
    if (fresh) memory?.setKnownTotal(key, fresh.total);
  }, [key, fresh, memory]);

  const pageRows = (page: number): TRow[] | undefined => {
    if (!shown) return undefined;
    if (shown.key === key) {
      const i = neededPages.indexOf(page);
      if (i >= 0) return results[i]?.data?.rows;
    }
    if (!keepRowsWhileLoading) return undefined;
    return queryClient.getQueryData<TPage>(pageQuery(shown.base, page).queryKey)?.rows;
  };
  const windowRows: { index: number; row: TRow }[] = [];
  for (const item of items) {
    const row = pageRows(Math.floor(item.index / LEDGER_PAGE_SIZE))?.[item.index % LEDGER_PAGE_SIZE];
    if (row) windowRows.push({ index: item.index, row });
  }
  // Hand the table the same array while the same rows are on screen.
  const windowRef = useRef<{ index: number; row: TRow }[]>([]);
  const prev = windowRef.current;
  const same = prev.length === windowRows.length && prev.every((w, i) => w.row === windowRows[i]!.row && w.index === windowRows[i]!.index);
  if (!same) windowRef.current = windowRows;
  const windowStable = same ? prev : windowRows;
  const data = useMemo(() => windowStable.map((w) => w.row), [windowStable]);

  // --- keyboard: the active row, and moving it ------------------------------------------------
  const [activeIndex, setActiveIndex] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });
  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActiveIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  /** From a search box: ArrowDown enters the list at the active (or first visible) row. */
  const enterList = () => moveTo(activeIndex ?? items[0]?.index ?? 0);

  useEffect(() => {
    if (!memory) return;
    const flush = () => memory.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [memory]);

  const refetch = () => results.forEach((r) => void r.refetch());

  return {
    key,
    shown,
    shownKey,
    showingCurrent,
    /** The previous filter's list is on screen while the new one loads. */
    stale: shown !== null && !showingCurrent,
    total,
    failed,
    refetch,
    measureRef,
    scrollRef,
    height,
    virtualizer,
    items,
    windowRows: windowStable,
    data,
    activeIndex,
    setActiveIndex,
    moveTo,
    enterList,
    memory,
  };
}

export type PagedLedger<TRow> = Omit<ReturnType<typeof usePagedLedger<unknown, LedgerPageAnswer<TRow>, QueryKey>>, 'shown'>;
