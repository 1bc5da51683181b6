import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { errorMessage } from '../formErrors';
import type { LedgerFeatures } from './features';
import { LedgerTable, type LedgerTableProps } from './LedgerTable';
import type { PagedLedger } from './usePagedLedger';

export interface LedgerPageProps<TRow extends RowData> {
  title: string;
  /** The count beside the title: `共 N <unit>`, or `count(total)` when the page says more. */
  unit?: string;
  count?: (total: number) => string;
  /** Beside the count: the export button, a "new" button. */
  actions?: ReactNode;
  /** The filter row above the table. */
  filters?: ReactNode;
  ledger: PagedLedger<TRow>;
  table: ReactTable<LedgerFeatures, TRow>;
  /** The table's accessible name. */
  label: string;
  onOpen: (row: TRow) => void;
  rowId: (row: TRow) => string;
  rowTitle: string;
  /** What the table says when the filters have no rows, and where such rows come from. */
  emptyTitle: string;
  emptyHint: ReactNode;
  /** Extra table behaviour a page needs (row classes, keys, the last opened row). */
  tableProps?: Pick<LedgerTableProps<TRow>, 'rowClassName' | 'rowData' | 'onRowKey' | 'lastOpenedId'>;
  /** Dialogs the page opens from a row, rendered after the table. */
  children?: ReactNode;
}

/**
 * The frame every ledger page shares: title, live count and actions, the filters, a load-failed
 * alert and the table filling the rest of the window. A page brings only its filters, columns,
 * page query and what a row opens.
 */
export function LedgerPage<TRow extends RowData>(props: LedgerPageProps<TRow>) {
  const { title, unit, count, actions, filters, ledger, table, label, onOpen, rowId, rowTitle, emptyTitle, emptyHint, tableProps, children } = props;
  const total = ledger.shownKey === null ? null : ledger.total;
  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>{title}</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {total === null ? '正在加载…' : count ? count(total) : `共 ${total.toLocaleString('zh-CN')} ${unit ?? '条'}`}
        </Text>
        {actions}
      </Group>
      {filters && (
        <Group gap="sm" align="flex-end">
          {filters}
        </Group>
      )}
      {ledger.failed && (
        <Alert color="red" title="台账没有加载出来">
          {errorMessage(ledger.failed)}
        </Alert>
      )}
      <LedgerTable
        {...tableProps}
        ledger={ledger}
        table={table}
        label={label}
        style={{ flex: 1, minHeight: 0 }}
        onOpen={onOpen}
        rowId={rowId}
        rowTitle={rowTitle}
        empty={
          <Stack gap="xs" align="center">
            <Text fw={500}>{emptyTitle}</Text>
            <Text size="sm" c="dimmed">
              {emptyHint}
            </Text>
          </Stack>
        }
      />
      {children}
    </Stack>
  );
}
