import { Box } from '@mantine/core';
import type { ReactTable, Row, RowData } from '@tanstack/react-table';
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import type { LedgerFeatures } from './features';
import classes from './ledger.module.css';
import { LEDGER_HEADER_HEIGHT, LEDGER_ROW_HEIGHT, type PagedLedger } from './usePagedLedger';

export interface LedgerTableProps<TRow extends RowData> {
  ledger: PagedLedger<TRow>;
  table: ReactTable<LedgerFeatures, TRow>;
  /** The table's accessible name (tests and screen readers find the ledger by it). */
  label: string;
  /** What a click or Enter on a row opens. */
  onOpen: (row: TRow) => void;
  rowTitle: string;
  rowClassName?: (row: TRow) => string | undefined;
  rowData?: (row: TRow) => Record<`data-${string}`, string | boolean | undefined>;
  /** Keys beyond arrows/Enter (走访待办's Space); return true when handled. */
  onRowKey?: (key: string, row: TRow) => boolean;
  /** Id of the row opened last, marked so the clerk finds their place again. */
  lastOpenedId?: string | null;
  rowId: (row: TRow) => string;
  style?: CSSProperties;
  /** Shown under the header when the current filters have no rows. */
  empty: ReactNode;
}

/**
 * The ledger table: a virtualised list with a sticky header whose sortable columns are buttons
 * (sorted by the core), rows fetched by page, and the keyboard of a list (arrows, PageUp/PageDown,
 * Home/End, Enter opens).
 */
export function LedgerTable<TRow extends RowData>(props: LedgerTableProps<TRow>) {
  const { ledger, table, label, onOpen, rowTitle, rowClassName, rowData, onRowKey, lastOpenedId, rowId, style, empty } = props;
  const { items, total, activeIndex, moveTo, virtualizer } = ledger;

  const tableRows = table.getRowModel().rows;
  const rowAt = new Map<number, Row<LedgerFeatures, TRow>>();
  ledger.windowRows.forEach((w, i) => {
    const r = tableRows[i];
    if (r) rowAt.set(w.index, r);
  });
  const visibleColumns = table.getVisibleLeafColumns();

  const pageStep = Math.max(1, Math.floor((ledger.height - LEDGER_HEADER_HEIGHT) / LEDGER_ROW_HEIGHT) - 1);
  const onBodyKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = activeIndex ?? items[0]?.index ?? 0;
    const row = rowAt.get(current)?.original;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current - 1);
        break;
      case 'PageDown':
        moveTo(current + pageStep);
        break;
      case 'PageUp':
        moveTo(current - pageStep);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
        if (row) onOpen(row);
        break;
      default:
        if (!(row && onRowKey?.(e.key, row))) return;
    }
    e.preventDefault();
  };

  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - LEDGER_HEADER_HEIGHT : 0;
  // Before the first measurement there are no items: the spacer alone gives the list its full
  // height, so a remembered scroll position can be restored straight away.
  const padBottom = last ? virtualizer.getTotalSize() - last.end : Math.max(0, virtualizer.getTotalSize() - LEDGER_HEADER_HEIGHT);
  const tabStop = activeIndex !== null && rowAt.has(activeIndex) ? activeIndex : (first?.index ?? -1);
  const { memory, shownKey } = ledger;

  return (
    <Box
      ref={ledger.scrollRef}
      className={classes.scroller}
      style={style}
      onScroll={(e) => {
        if (memory && shownKey !== null) memory.setScrollTop(shownKey, e.currentTarget.scrollTop);
      }}
    >
      <table className={`${classes.table} ${ledger.stale ? classes.stale : ''}`} style={{ width: table.getTotalSize() }} aria-label={label} aria-rowcount={total + 1}>
        <colgroup>
          {visibleColumns.map((c) => (
            <col key={c.id} style={{ width: c.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th key={header.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}>
                    {canSort ? (
                      <button
                        type="button"
                        className={classes.headerButton}
                        onClick={header.column.getToggleSortingHandler()}
                        title={`按${header.column.columnDef.meta?.label ?? ''}排序`}
                      >
                        <table.FlexRender header={header} />
                        {sorted ? (
                          <span className={classes.sortMark} aria-hidden>
                            {sorted === 'asc' ? '▲' : '▼'}
                          </span>
                        ) : (
                          <span className={classes.sortIdle} aria-hidden>
                            ⇅
                          </span>
                        )}
                      </button>
                    ) : (
                      <div className={classes.headerStatic}>
                        <table.FlexRender header={header} />
                      </div>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody onKeyDown={onBodyKeyDown}>
          {padTop > 0 && (
            <tr aria-hidden>
              <td colSpan={visibleColumns.length} style={{ height: padTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rowAt.get(item.index);
            if (!row) {
              // Same key as the loaded row, so keyboard focus stays on it when its page arrives.
              return (
                <tr key={item.index} className={classes.placeholderRow} data-index={item.index} tabIndex={-1} onFocus={() => ledger.setActiveIndex(item.index)}>
                  <td colSpan={visibleColumns.length}>{item.index % 10 === 0 ? '正在加载…' : ''}</td>
                </tr>
              );
            }
            const r = row.original;
            const cls = [classes.row, rowClassName?.(r) ?? '', lastOpenedId != null && rowId(r) === lastOpenedId ? classes.lastOpened : ''].join(' ');
            return (
              <tr
                key={item.index}
                className={cls}
                data-index={item.index}
                {...rowData?.(r)}
                aria-rowindex={item.index + 2}
                tabIndex={item.index === tabStop ? 0 : -1}
                onFocus={() => ledger.setActiveIndex(item.index)}
                onClick={() => onOpen(r)}
                title={rowTitle}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cell.column.columnDef.meta?.className}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={visibleColumns.length} style={{ height: padBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {ledger.showingCurrent && total === 0 && <div className={classes.empty}>{empty}</div>}
    </Box>
  );
}
