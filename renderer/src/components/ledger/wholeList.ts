import { queryOptions } from '@tanstack/react-query';
import type { ChannelName, InputOf, OutputOf } from '../../../../shared/contract';
import { apiQuery } from '../../api/queries';
import { LEDGER_PAGE_SIZE } from './usePagedLedger';

// Ledgers whose channel answers the whole filtered list at once (项目库, 待补充, 资金批次: hundreds
// of rows, not the tens of thousands of 户籍台账): the list is fetched once per filter, sorted
// here, and cut into the kit's pages, so these pages get the same table, keyboard and column
// chooser as the paged ledgers without a paging change in the core.

export interface ListSort<TColumn extends string> {
  column: TColumn;
  direction: 'asc' | 'desc';
}

/** The kit's `base` for a whole-list ledger: the channel's input and the sort done here. */
export interface WholeListBase<C extends ChannelName, TColumn extends string> {
  input: InputOf<C>;
  sort: ListSort<TColumn> | null;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

export function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  // Empty values go last whichever way the column is sorted.
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<TRow, TColumn extends string>(
  rows: readonly TRow[],
  sort: ListSort<TColumn> | null,
  value: (row: TRow, column: TColumn) => string | number | null,
): TRow[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Nulls stay last: flip only the comparison of two present values.
  return rows
    .map((row, i) => ({ row, i, v: value(row, sort.column) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return compareValues(x.v, y.v) || x.i - y.i;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/**
 * The kit's `pageQuery` for a channel that returns `{ rows, … }` whole. Keys start with the
 * channel name, so `invalidateChannels(…, channel)` refreshes the list and its pages together.
 */
export function wholeListPageQuery<C extends ChannelName, TRow, TColumn extends string>(
  channel: C,
  rowsOf: (out: OutputOf<C>) => readonly TRow[],
  sortValue: (row: TRow, column: TColumn) => string | number | null,
) {
  return (base: WholeListBase<C, TColumn>, page: number) =>
    queryOptions({
      queryKey: [channel, base, 'page', page] as const,
      queryFn: async ({ client }) => {
        const whole = await client.fetchQuery({ ...apiQuery(channel, base.input), staleTime: 30_000 });
        const rows = sortRows(rowsOf(whole), base.sort, sortValue);
        return { whole, rows: rows.slice(page * LEDGER_PAGE_SIZE, (page + 1) * LEDGER_PAGE_SIZE), total: rows.length };
      },
      staleTime: 30_000,
      gcTime: 10 * 60_000,
    });
}
