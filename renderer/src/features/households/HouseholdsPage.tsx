import { Alert, Button, CloseButton, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { functionalUpdate, useTable, type ColumnVisibilityState, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { HouseholdListInput, HouseholdRow } from '../../../../shared/contract/households';
import { householdKindLabels, type HouseholdKind } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import {
  ColumnChooser,
  LEDGER_PAGE_SIZE,
  LedgerTable,
  ledgerClasses,
  ledgerFeatures,
  loadColumnVisibility,
  saveColumnVisibility,
  usePagedLedger,
} from '../../components/ledger';
import { useFiltersFromUrl } from '../../components/urlFilters';
import { ExportButton } from '../files';
import { ledgerFlagLabels, optionsOf, type LedgerFlag } from './labels';
import { COLUMN_VISIBILITY_KEY, isSortColumn, ledgerColumns } from './ledgerColumns';
import { filtersActive, ledgerStore, useLedgerState, type LedgerSort, type LedgerStatus } from './ledgerStore';

/** The list query without its window: the filters and the sort. */
type ListBase = Omit<HouseholdListInput, 'offset' | 'limit'>;

function listBaseOf(
  villageId: string | null,
  groupId: string | null,
  kind: HouseholdKind | null,
  flags: LedgerFlag[],
  status: LedgerStatus,
  pending: boolean,
  search: string,
  sort: LedgerSort,
): ListBase {
  const base: ListBase = { flags, status, search: search.trim().slice(0, 30), sort };
  if (pending) base.pending = true;
  if (villageId) base.villageId = villageId;
  if (villageId && groupId) base.groupId = groupId;
  if (kind) base.kind = kind;
  return base;
}

/** One page of 100 rows; every page also carries the total. Keys start with the channel name. */
function pageQuery(base: ListBase, page: number) {
  return queryOptions({
    queryKey: ['households.list', base, 'page', page] as const,
    queryFn: () => invoke('households.list', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
    gcTime: 30 * 60_000,
  });
}

const pendingOptions = [
  { value: 'all', label: '全部' },
  { value: 'yes', label: '有' },
];
const statusOptions: { value: LedgerStatus; label: string }[] = [
  { value: 'active', label: '在册' },
  { value: 'closed', label: '已注销' },
  { value: 'all', label: '全部' },
];
const kindOptions = optionsOf(householdKindLabels);
const flagOptions = optionsOf(ledgerFlagLabels);
/** Closed dropdowns leave the page, so a label names exactly one element (Mantine keeps them by default). */
const dropdownProps = { keepMounted: false } as const;

/** 户籍台账: every household of the township, filtered, sorted and paged by the core. */
export function HouseholdsPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { filters, sort, lastOpenedId } = useLedgerState();
  const [search] = useDebouncedValue(filters.search, 150);
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const village = villages.find((v) => v.id === filters.villageId) ?? null;
  // Opened from the 待补充 page (`/households?pending=1&village=…`): exactly that list.
  useFiltersFromUrl((p) => {
    ledgerStore.resetFilters();
    ledgerStore.setFilters({ pending: p.get('pending') === '1', villageId: p.get('village') });
  });

  const base = useMemo(
    () => listBaseOf(filters.villageId, filters.groupId, filters.kind, filters.flags, filters.status, filters.pending, search, sort),
    [filters.villageId, filters.groupId, filters.kind, filters.flags, filters.status, filters.pending, search, sort],
  );
  // The table fills the window below the filters.
  const ledger = usePagedLedger({
    base,
    pageQuery,
    memory: ledgerStore,
    fit: { margin: 12, min: 320, initial: 600 },
  });
  const { shown } = ledger;

  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.direction === 'desc' }], [sort]);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(() => loadColumnVisibility(COLUMN_VISIBILITY_KEY));
  const table = useTable({
    features: ledgerFeatures,
    columns: ledgerColumns,
    data: ledger.data,
    getRowId: (row) => row.id,
    state: { sorting, columnVisibility },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (next && isSortColumn(next.id)) ledgerStore.setSort({ column: next.id, direction: next.desc ? 'desc' : 'asc' });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      setColumnVisibility((old) => {
        const next = functionalUpdate(updater, old);
        saveColumnVisibility(COLUMN_VISIBILITY_KEY, next);
        return next;
      });
    },
  });

  const open = (row: HouseholdRow) => {
    ledgerStore.setLastOpened(row.id);
    ledgerStore.flush();
    void navigate(`/households/${row.id}`);
  };
  const anyFilter = filtersActive(filters);

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" align="baseline">
          <Title order={3}>户籍台账</Title>
          <Text c="dimmed" size="sm" aria-live="polite">
            {shown === null ? '正在加载…' : `共 ${shown.total.toLocaleString('zh-CN')} 户`}
            {ledger.stale ? '（正在查询…）' : ''}
          </Text>
          {anyFilter && (
            <Button variant="subtle" size="compact-sm" onClick={() => ledgerStore.resetFilters()}>
              清除筛选
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <ExportButton ledger="households" filters={base} />
          <ColumnChooser table={table} />
          <Button component={Link} to="/households/new">
            新建户
          </Button>
        </Group>
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="姓名/身份证号/户编号"
          placeholder="输入开头几个字或几位数字"
          w={240}
          value={filters.search}
          onChange={(e) => ledgerStore.setFilters({ search: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') ledgerStore.setFilters({ search: '' });
            if (e.key === 'ArrowDown' && ledger.total > 0) {
              e.preventDefault();
              ledger.enterList();
            }
          }}
          rightSection={
            filters.search ? (
              <CloseButton size="sm" aria-label="清空搜索" onClick={() => ledgerStore.setFilters({ search: '' })} />
            ) : null
          }
        />
        <Select
          label="村"
          placeholder="全部村"
          w={150}
          data={villages.map((v) => ({ value: v.id, label: v.name }))}
          value={filters.villageId}
          onChange={(v) => ledgerStore.setFilters({ villageId: v, groupId: null })}
          clearable
          searchable
          nothingFoundMessage="没有这个村"
          comboboxProps={dropdownProps}
        />
        <Select
          label="组"
          placeholder={village ? '全部组' : '先选村'}
          w={120}
          data={(village?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={filters.groupId}
          onChange={(v) => ledgerStore.setFilters({ groupId: v })}
          disabled={!village}
          clearable
          comboboxProps={dropdownProps}
        />
        <Select
          label="户类型"
          placeholder="全部类型"
          w={130}
          data={kindOptions}
          value={filters.kind}
          onChange={(v) => ledgerStore.setFilters({ kind: (v as HouseholdKind | null) ?? null })}
          clearable
          comboboxProps={dropdownProps}
        />
        <MultiSelect
          label="标识"
          placeholder={filters.flags.length ? '' : '不限'}
          w={250}
          data={flagOptions}
          value={filters.flags}
          onChange={(v) => ledgerStore.setFilters({ flags: v as LedgerFlag[] })}
          clearable
          comboboxProps={dropdownProps}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="ledger-status-label">
            状态
          </Text>
          <SegmentedControl
            aria-labelledby="ledger-status-label"
            data={statusOptions}
            value={filters.status}
            onChange={(v) => ledgerStore.setFilters({ status: v as LedgerStatus })}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="ledger-pending-label">
            待补充
          </Text>
          <SegmentedControl
            aria-labelledby="ledger-pending-label"
            data={pendingOptions}
            value={filters.pending ? 'yes' : 'all'}
            onChange={(v) => ledgerStore.setFilters({ pending: v === 'yes' })}
          />
        </Stack>
      </Group>

      {ledger.failed && (
        <Alert color="red" title="台账没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(ledger.failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void queryClient.invalidateQueries({ queryKey: ['households.list'] })}>
              重试
            </Button>
          </Group>
        </Alert>
      )}

      <LedgerTable
        ledger={ledger}
        table={table}
        label="户籍台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={open}
        rowId={(h) => h.id}
        lastOpenedId={lastOpenedId}
        rowClassName={(h) => (h.status === 'closed' ? ledgerClasses.closedRow : '')}
        rowTitle="单击或按回车打开该户"
        empty={
          anyFilter ? (
            <Stack gap="xs" align="center">
              <Text fw={500}>没有符合条件的户</Text>
              <Text size="sm" c="dimmed">
                请检查搜索内容，或放宽筛选条件（上方“清除筛选”可一次清空）。
              </Text>
            </Stack>
          ) : (
            <Stack gap="xs" align="center">
              <Text fw={500}>还没有录入任何户</Text>
              <Text size="sm" c="dimmed">
                点击右上角的“新建户”开始录入。
              </Text>
            </Stack>
          )
        }
      />
    </Stack>
  );
}
