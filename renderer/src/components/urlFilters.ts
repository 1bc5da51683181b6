import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A ledger page opened with its filter in the query string (a to-do on the workbench links to
 * `/monitoring?status=identifying&overdue=deadline`): the page's filters are set from it once, and
 * the address is put back to the bare path so the page then keeps its own remembered filters.
 */
export function useFiltersFromUrl(apply: (params: URLSearchParams) => void): void {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (search === '') return;
    apply(new URLSearchParams(search));
    void navigate(pathname, { replace: true });
    // `apply` is a fresh function each render; only a new query string matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, pathname]);
}

/** The value when it is one of `allowed`, else null. */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}
