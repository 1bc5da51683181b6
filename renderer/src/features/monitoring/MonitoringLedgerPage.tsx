import { Alert, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { functionalUpdate, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { overdueKinds, overdueLabels, type CaseListInput, type CaseRow, type OverdueKind } from '../../../../shared/contract/monitoring';
import {
  caseStatuses,
  caseStatusLabels,
  monitoringCategories,
  monitoringCategoryLabels,
  riskTypeLabels,
  riskTypes,
  type MonitoringCategory,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import { LEDGER_PAGE_SIZE, LedgerTable, ledgerClasses, ledgerFeatures, usePagedLedger } from '../../components/ledger';
import { caseLedgerColumns, isCaseSortColumn } from './ledgerColumns';
import {
  caseFiltersActive,
  caseLedgerStore,
  useCaseLedgerState,
  type CaseLedgerFilters,
  type CaseLedgerSort,
  type CaseStatusFilter,
} from './ledgerStore';
import { ExportButton } from '../files';
import { oneOf, useFiltersFromUrl } from '../../components/urlFilters';

type ListBase = Omit<CaseListInput, 'offset' | 'limit'>;

function listBaseOf(f: CaseLedgerFilters, search: string, helperName: string, sort: CaseLedgerSort): ListBase {
  const base: ListBase = { status: f.status, search: search.trim().slice(0, 30), sort };
  if (f.villageId) base.villageId = f.villageId;
  if (f.category) base.category = f.category;
  if (f.riskType) base.riskType = f.riskType;
  if (f.overdue) base.overdue = f.overdue;
  if (f.objectionOpen) base.objectionOpen = true;
  if (f.pending) base.pending = true;
  const helper = helperName.trim().slice(0, 20);
  if (helper) base.helperName = helper;
  return base;
}

function pageQuery(base: ListBase, page: number) {
  return queryOptions({
    queryKey: ['monitoring.list', base, 'page', page] as const,
    queryFn: () => invoke('monitoring.list', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
    gcTime: 30 * 60_000,
  });
}

const ANY = '';
const statusOptions: { value: CaseStatusFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '识别中和监测中' },
  ...caseStatuses.map((s) => ({ value: s, label: caseStatusLabels[s] })),
];

/** 监测对象台账: every monitoring case of the township, filtered, sorted and paged by the core. */
export function MonitoringLedgerPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { filters, sort, lastOpenedId } = useCaseLedgerState();
  const [search] = useDebouncedValue(filters.search, 150);
  const [helperName] = useDebouncedValue(filters.helperName, 250);
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  // Opened from a to-do on the workbench: exactly that list (status, deadline, objection, helper).
  useFiltersFromUrl((p) => {
    caseLedgerStore.resetFilters();
    caseLedgerStore.setFilters({
      status: oneOf(p.get('status'), [...caseStatuses, 'open', 'all'] as const) ?? 'all',
      overdue: oneOf(p.get('overdue'), overdueKinds),
      objectionOpen: p.get('objection') === 'open',
      pending: p.get('pending') === '1',
      helperName: (p.get('helper') ?? '').slice(0, 20),
      villageId: p.get('village'),
    });
  });

  const base = useMemo(() => listBaseOf(filters, search, helperName, sort), [filters, search, helperName, sort]);
  const ledger = usePagedLedger({ base, pageQuery, memory: caseLedgerStore, fit: { margin: 12, min: 320, initial: 600 } });
  const { shown } = ledger;

  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.direction === 'desc' }], [sort]);
  const table = useTable({
    features: ledgerFeatures,
    columns: caseLedgerColumns,
    data: ledger.data,
    getRowId: (row) => row.id,
    state: { sorting },
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (next && isCaseSortColumn(next.id)) caseLedgerStore.setSort({ column: next.id, direction: next.desc ? 'desc' : 'asc' });
    },
  });

  const open = (row: CaseRow) => {
    caseLedgerStore.setLastOpened(row.id);
    caseLedgerStore.flush();
    void navigate(`/monitoring/${row.id}`);
  };
  const anyFilter = caseFiltersActive(filters);

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>监测对象台账</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {shown === null ? '正在加载…' : `共 ${shown.total.toLocaleString('zh-CN')} 个监测对象`}
          {ledger.stale ? '（正在查询…）' : ''}
        </Text>
        {anyFilter && (
          <Button variant="subtle" size="compact-sm" onClick={() => caseLedgerStore.resetFilters()}>
            清除筛选
          </Button>
        )}
        <ExportButton ledger="monitoring" filters={base} />
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="户主/户编号"
          placeholder="输入开头几个字或几位数字"
          w={200}
          value={filters.search}
          onChange={(e) => caseLedgerStore.setFilters({ search: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') caseLedgerStore.setFilters({ search: '' });
            if (e.key === 'ArrowDown' && ledger.total > 0) {
              e.preventDefault();
              ledger.enterList();
            }
          }}
          rightSection={
            filters.search ? <CloseButton size="sm" aria-label="清空搜索" onClick={() => caseLedgerStore.setFilters({ search: '' })} /> : null
          }
        />
        <NativeSelect
          label="村"
          w={130}
          data={[{ value: ANY, label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          value={filters.villageId ?? ANY}
          onChange={(e) => caseLedgerStore.setFilters({ villageId: e.currentTarget.value || null })}
        />
        <NativeSelect
          label="类别"
          w={150}
          data={[{ value: ANY, label: '全部类别' }, ...monitoringCategories.map((c) => ({ value: c, label: monitoringCategoryLabels[c] }))]}
          value={filters.category ?? ANY}
          onChange={(e) => caseLedgerStore.setFilters({ category: (e.currentTarget.value || null) as MonitoringCategory | null })}
        />
        <NativeSelect
          label="风险类型"
          w={150}
          data={[{ value: ANY, label: '全部风险' }, ...riskTypes.map((r) => ({ value: r, label: riskTypeLabels[r] }))]}
          value={filters.riskType ?? ANY}
          onChange={(e) => caseLedgerStore.setFilters({ riskType: (e.currentTarget.value || null) as RiskType | null })}
        />
        <NativeSelect
          label="状态"
          w={170}
          data={statusOptions}
          value={filters.status}
          onChange={(e) => caseLedgerStore.setFilters({ status: e.currentTarget.value as CaseStatusFilter })}
        />
        <NativeSelect
          label="时限"
          w={170}
          data={[{ value: ANY, label: '不限' }, ...overdueKinds.map((k) => ({ value: k, label: overdueLabels[k] }))]}
          value={filters.overdue ?? ANY}
          onChange={(e) => caseLedgerStore.setFilters({ overdue: (e.currentTarget.value || null) as OverdueKind | null })}
        />
        <NativeSelect
          label="待补充"
          w={90}
          data={[
            { value: ANY, label: '全部' },
            { value: 'yes', label: '有' },
          ]}
          value={filters.pending ? 'yes' : ANY}
          onChange={(e) => caseLedgerStore.setFilters({ pending: e.currentTarget.value === 'yes' })}
        />
        {filters.objectionOpen && (
          <Button variant="light" size="sm" rightSection="×" aria-label="取消筛选：有未处理的公示异议" onClick={() => caseLedgerStore.setFilters({ objectionOpen: false })}>
            有未处理的公示异议
          </Button>
        )}
        <TextInput
          label="帮扶联系人"
          placeholder="姓名或其中几个字"
          w={130}
          value={filters.helperName}
          onChange={(e) => caseLedgerStore.setFilters({ helperName: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') caseLedgerStore.setFilters({ helperName: '' });
          }}
          rightSection={
            filters.helperName ? (
              <CloseButton size="sm" aria-label="清空帮扶联系人" onClick={() => caseLedgerStore.setFilters({ helperName: '' })} />
            ) : null
          }
        />
      </Group>

      {ledger.failed && (
        <Alert color="red" title="台账没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(ledger.failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void queryClient.invalidateQueries({ queryKey: ['monitoring.list'] })}>
              重试
            </Button>
          </Group>
        </Alert>
      )}

      <LedgerTable
        ledger={ledger}
        table={table}
        label="监测对象台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={open}
        rowId={(c) => c.id}
        lastOpenedId={lastOpenedId}
        rowClassName={(c) => (c.status === 'rejected' || c.status === 'eliminated' ? ledgerClasses.closedRow : '')}
        rowTitle="单击或按回车打开该监测对象"
        empty={
          anyFilter ? (
            <Stack gap="xs" align="center">
              <Text fw={500}>没有符合条件的监测对象</Text>
              <Text size="sm" c="dimmed">
                请检查搜索内容，或放宽筛选条件（上方“清除筛选”可一次清空）。
              </Text>
            </Stack>
          ) : (
            <Stack gap="xs" align="center">
              <Text fw={500}>还没有监测对象</Text>
              <Text size="sm" c="dimmed">
                在户籍台账打开一户，在“防返贫监测”一栏点“新增监测线索”开始识别。
              </Text>
            </Stack>
          )
        }
      />
    </Stack>
  );
}
