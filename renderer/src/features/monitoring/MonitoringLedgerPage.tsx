import { Alert, Box, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { functionalUpdate, useTable, type Row, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
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
import { caseLedgerColumns, caseLedgerFeatures, isCaseSortColumn } from './ledgerColumns';
import {
  caseFiltersActive,
  caseLedgerStore,
  useCaseLedgerState,
  type CaseLedgerFilters,
  type CaseLedgerSort,
  type CaseStatusFilter,
} from './ledgerStore';
import { ExportButton } from '../files';
import classes from './monitoring.module.css';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 35;

type ListBase = Omit<CaseListInput, 'offset' | 'limit'>;

function listBaseOf(f: CaseLedgerFilters, search: string, helperName: string, sort: CaseLedgerSort): ListBase {
  const base: ListBase = { status: f.status, search: search.trim().slice(0, 30), sort };
  if (f.villageId) base.villageId = f.villageId;
  if (f.category) base.category = f.category;
  if (f.riskType) base.riskType = f.riskType;
  if (f.overdue) base.overdue = f.overdue;
  const helper = helperName.trim().slice(0, 20);
  if (helper) base.helperName = helper;
  return base;
}

function pageQuery(base: ListBase, page: number) {
  return queryOptions({
    queryKey: ['monitoring.list', base, 'page', page] as const,
    queryFn: () => invoke('monitoring.list', { ...base, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
    staleTime: 30_000,
    gcTime: 30 * 60_000,
  });
}

function cachedTotal(queryClient: ReturnType<typeof useQueryClient>, base: ListBase): number | null {
  for (const [, data] of queryClient.getQueriesData<{ total: number }>({ queryKey: ['monitoring.list', base] })) {
    if (data) return data.total;
  }
  return null;
}

interface Shown {
  key: string;
  base: ListBase;
  total: number;
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

  const base = useMemo(() => listBaseOf(filters, search, helperName, sort), [filters, search, helperName, sort]);
  const key = JSON.stringify(base);

  const [shown, setShown] = useState<Shown | null>(() => {
    const total = cachedTotal(queryClient, base) ?? caseLedgerStore.getKnownTotal(key);
    return total === null ? null : { key, base, total };
  });
  const showingCurrent = shown?.key === key;

  // --- layout: the table fills the window below the filters --------------------------------
  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const update = () => {
      const top = rootRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(320, Math.floor(window.innerHeight - top - 12)));
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);

  const shownKey = shown?.key ?? null;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || shownKey === null) return;
    el.scrollTop = caseLedgerStore.getScrollTop(shownKey);
  }, [shownKey]);

  const virtualizer = useVirtualizer({
    count: shown?.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: () => (shownKey === null ? 0 : caseLedgerStore.getScrollTop(shownKey)),
  });
  const items = virtualizer.getVirtualItems();

  // --- data: the pages under the visible rows -----------------------------------------------
  const neededPages = useMemo(() => {
    if (!showingCurrent || items.length === 0) return [0];
    const first = Math.floor(items[0]!.index / PAGE_SIZE);
    const last = Math.floor(items[items.length - 1]!.index / PAGE_SIZE);
    const pages: number[] = [];
    for (let p = first; p <= last; p++) pages.push(p);
    return pages;
  }, [showingCurrent, items]);
  const results = useQueries({ queries: neededPages.map((p) => pageQuery(base, p)) });
  const fresh = results.find((r) => r.data !== undefined)?.data;
  const failed = results.find((r) => r.isError && r.data === undefined)?.error ?? null;
  if (fresh && (shown === null || shown.key !== key || shown.total !== fresh.total)) {
    setShown({ key, base, total: fresh.total });
  }
  useEffect(() => {
    if (fresh) caseLedgerStore.setKnownTotal(key, fresh.total);
  }, [key, fresh]);

  const pageRows = (page: number): CaseRow[] | undefined => {
    if (!shown) return undefined;
    if (shown.key === key) {
      const i = neededPages.indexOf(page);
      if (i >= 0) return results[i]?.data?.rows;
    }
    return queryClient.getQueryData(pageQuery(shown.base, page).queryKey)?.rows;
  };
  const windowRows: { index: number; row: CaseRow }[] = [];
  for (const item of items) {
    const row = pageRows(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
    if (row) windowRows.push({ index: item.index, row });
  }
  const windowRef = useRef<{ index: number; row: CaseRow }[]>([]);
  const prev = windowRef.current;
  const same = prev.length === windowRows.length && prev.every((w, i) => w.row === windowRows[i]!.row && w.index === windowRows[i]!.index);
  if (!same) windowRef.current = windowRows;
  const windowStable = same ? prev : windowRows;
  const data = useMemo(() => windowStable.map((w) => w.row), [windowStable]);

  // --- the table: columns and sort ----------------------------------------------------------
  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.direction === 'desc' }], [sort]);
  const table = useTable({
    features: caseLedgerFeatures,
    columns: caseLedgerColumns,
    data,
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
  const tableRows = table.getRowModel().rows;
  const rowAt = new Map<number, Row<typeof caseLedgerFeatures, CaseRow>>();
  windowStable.forEach((w, i) => {
    const r = tableRows[i];
    if (r) rowAt.set(w.index, r);
  });
  const visibleColumns = table.getVisibleLeafColumns();

  // --- keyboard: arrows move, Enter opens ---------------------------------------------------
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

  const open = (row: CaseRow) => {
    caseLedgerStore.setLastOpened(row.id);
    caseLedgerStore.flush();
    void navigate(`/monitoring/${row.id}`);
  };

  const total = shown?.total ?? 0;
  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActiveIndex(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageStep = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const onBodyKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const current = activeIndex ?? items[0]?.index ?? 0;
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
      case 'Enter': {
        const row = rowAt.get(current);
        if (row) open(row.original);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  useEffect(() => {
    const flush = () => caseLedgerStore.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : Math.max(0, virtualizer.getTotalSize() - HEADER_HEIGHT);
  const tabStop = activeIndex !== null && rowAt.has(activeIndex) ? activeIndex : (first?.index ?? -1);
  const anyFilter = caseFiltersActive(filters);

  return (
    <Stack ref={rootRef} gap="xs" style={{ height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>监测对象台账</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {shown === null ? '正在加载…' : `共 ${shown.total.toLocaleString('zh-CN')} 个监测对象`}
          {shown !== null && !showingCurrent ? '（正在查询…）' : ''}
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
            if (e.key === 'ArrowDown' && total > 0) {
              e.preventDefault();
              moveTo(activeIndex ?? items[0]?.index ?? 0);
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
          label="逾期"
          w={140}
          data={[{ value: ANY, label: '不限' }, ...overdueKinds.map((k) => ({ value: k, label: overdueLabels[k] }))]}
          value={filters.overdue ?? ANY}
          onChange={(e) => caseLedgerStore.setFilters({ overdue: (e.currentTarget.value || null) as OverdueKind | null })}
        />
        <TextInput
          label="帮扶联系人"
          placeholder="姓名（完整）"
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

      {failed && (
        <Alert color="red" title="台账没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void queryClient.invalidateQueries({ queryKey: ['monitoring.list'] })}>
              重试
            </Button>
          </Group>
        </Alert>
      )}

      <Box
        ref={scrollRef}
        className={classes.scroller}
        style={{ flex: 1, minHeight: 0 }}
        onScroll={(e) => {
          if (shownKey !== null) caseLedgerStore.setScrollTop(shownKey, e.currentTarget.scrollTop);
        }}
      >
        <table
          className={`${classes.table} ${shown !== null && !showingCurrent ? classes.stale : ''}`}
          style={{ width: table.getTotalSize() }}
          aria-label="监测对象台账"
          aria-rowcount={total + 1}
        >
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
                    <th
                      key={header.id}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                    >
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
                return (
                  <tr
                    key={item.index}
                    className={classes.placeholderRow}
                    data-index={item.index}
                    tabIndex={-1}
                    onFocus={() => setActiveIndex(item.index)}
                  >
                    <td colSpan={visibleColumns.length}>{item.index % 10 === 0 ? '正在加载…' : ''}</td>
                  </tr>
                );
              }
              const c = row.original;
              const cls = [
                classes.row,
                c.status === 'rejected' || c.status === 'eliminated' ? classes.closedRow : '',
                c.id === lastOpenedId ? classes.lastOpened : '',
              ].join(' ');
              return (
                <tr
                  key={item.index}
                  className={cls}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  onFocus={() => setActiveIndex(item.index)}
                  onClick={() => open(c)}
                  title="单击或按回车打开该监测对象"
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
        {showingCurrent && shown.total === 0 && (
          <div className={classes.empty}>
            {anyFilter ? (
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
            )}
          </div>
        )}
      </Box>
    </Stack>
  );
}
