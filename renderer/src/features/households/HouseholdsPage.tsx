import {
  Alert,
  Box,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Menu,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  functionalUpdate,
  useTable,
  type ColumnVisibilityState,
  type Row,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { HouseholdListInput, HouseholdRow } from '../../../../shared/contract/households';
import { householdKindLabels, type HouseholdKind } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import classes from './households.module.css';
import { ledgerFlagLabels, optionsOf, type LedgerFlag } from './labels';
import {
  isSortColumn,
  ledgerColumns,
  ledgerFeatures,
  loadColumnVisibility,
  saveColumnVisibility,
} from './ledgerColumns';
import { ExportButton } from '../files';
import { filtersActive, ledgerStore, useLedgerState, type LedgerSort, type LedgerStatus } from './ledgerStore';
import { errorMessage } from '../../components/formErrors';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 35;

/** The list query without its window: the filters and the sort. */
type ListBase = Omit<HouseholdListInput, 'offset' | 'limit'>;

function listBaseOf(
  villageId: string | null,
  groupId: string | null,
  kind: HouseholdKind | null,
  flags: LedgerFlag[],
  status: LedgerStatus,
  search: string,
  sort: LedgerSort,
): ListBase {
  const base: ListBase = { flags, status, search: search.trim().slice(0, 30), sort };
  if (villageId) base.villageId = villageId;
  if (villageId && groupId) base.groupId = groupId;
  if (kind) base.kind = kind;
  return base;
}

/** One page of 100 rows; every page also carries the total. Keys start with the channel name. */
function pageQuery(base: ListBase, page: number) {
  return queryOptions({
    queryKey: ['households.list', base, 'page', page] as const,
    queryFn: () => invoke('households.list', { ...base, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
    staleTime: 30_000,
    gcTime: 30 * 60_000,
  });
}

function cachedTotal(queryClient: ReturnType<typeof useQueryClient>, base: ListBase): number | null {
  for (const [, data] of queryClient.getQueriesData<{ total: number }>({ queryKey: ['households.list', base] })) {
    if (data) return data.total;
  }
  return null;
}

interface Shown {
  key: string;
  base: ListBase;
  total: number;
}

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

  const base = useMemo(
    () => listBaseOf(filters.villageId, filters.groupId, filters.kind, filters.flags, filters.status, search, sort),
    [filters.villageId, filters.groupId, filters.kind, filters.flags, filters.status, search, sort],
  );
  const key = JSON.stringify(base);

  // The list on screen. While a new filter is being fetched the previous list stays (dimmed), so
  // typing in the search box never flashes an empty table.
  const [shown, setShown] = useState<Shown | null>(() => {
    const total = cachedTotal(queryClient, base) ?? ledgerStore.getKnownTotal(key);
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

  // Put the list back where it was left (declared before the virtualizer so it reads this offset).
  const shownKey = shown?.key ?? null;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || shownKey === null) return;
    el.scrollTop = ledgerStore.getScrollTop(shownKey);
  }, [shownKey]);

  const virtualizer = useVirtualizer({
    count: shown?.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: () => (shownKey === null ? 0 : ledgerStore.getScrollTop(shownKey)),
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
    if (fresh) ledgerStore.setKnownTotal(key, fresh.total);
  }, [key, fresh]);

  const pageRows = (page: number): HouseholdRow[] | undefined => {
    if (!shown) return undefined;
    if (shown.key === key) {
      const i = neededPages.indexOf(page);
      if (i >= 0) return results[i]?.data?.rows;
    }
    return queryClient.getQueryData(pageQuery(shown.base, page).queryKey)?.rows;
  };
  const windowRows: { index: number; row: HouseholdRow }[] = [];
  for (const item of items) {
    const row = pageRows(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
    if (row) windowRows.push({ index: item.index, row });
  }
  // Hand the table the same array while the same rows are on screen.
  const windowRef = useRef<{ index: number; row: HouseholdRow }[]>([]);
  const prev = windowRef.current;
  const same = prev.length === windowRows.length && prev.every((w, i) => w.row === windowRows[i]!.row && w.index === windowRows[i]!.index);
  if (!same) windowRef.current = windowRows;
  const windowStable = same ? prev : windowRows;
  const data = useMemo(() => windowStable.map((w) => w.row), [windowStable]);

  // --- the table: columns, sort and column visibility ---------------------------------------
  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.direction === 'desc' }], [sort]);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(loadColumnVisibility);
  const table = useTable({
    features: ledgerFeatures,
    columns: ledgerColumns,
    data,
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
        saveColumnVisibility(next);
        return next;
      });
    },
  });
  const tableRows = table.getRowModel().rows;
  const rowAt = new Map<number, Row<typeof ledgerFeatures, HouseholdRow>>();
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

  const open = (row: HouseholdRow) => {
    ledgerStore.setLastOpened(row.id);
    ledgerStore.flush();
    void navigate(`/households/${row.id}`);
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
    const flush = () => ledgerStore.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  // Before the first measurement there are no items: the spacer alone gives the list its full
  // height, so a remembered scroll position can be restored straight away.
  const padBottom = last ? virtualizer.getTotalSize() - last.end : Math.max(0, virtualizer.getTotalSize() - HEADER_HEIGHT);
  const tabStop = activeIndex !== null && rowAt.has(activeIndex) ? activeIndex : (first?.index ?? -1);
  const anyFilter = filtersActive(filters);

  return (
    <Stack ref={rootRef} gap="xs" style={{ height }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="md" align="baseline">
          <Title order={3}>户籍台账</Title>
          <Text c="dimmed" size="sm" aria-live="polite">
            {shown === null ? '正在加载…' : `共 ${shown.total.toLocaleString('zh-CN')} 户`}
            {shown !== null && !showingCurrent ? '（正在查询…）' : ''}
          </Text>
          {anyFilter && (
            <Button variant="subtle" size="compact-sm" onClick={() => ledgerStore.resetFilters()}>
              清除筛选
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <ExportButton ledger="households" filters={base} />
          <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default">显示列</Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>勾选要显示的列</Menu.Label>
              <Stack gap={8} p="xs" pt={4}>
                {table.getAllLeafColumns().map((column) => (
                  <Checkbox
                    key={column.id}
                    label={column.columnDef.meta?.label ?? column.id}
                    checked={column.getIsVisible()}
                    disabled={!column.getCanHide()}
                    onChange={(e) => column.toggleVisibility(e.currentTarget.checked)}
                  />
                ))}
              </Stack>
              <Menu.Divider />
              <Menu.Item onClick={() => table.setColumnVisibility({})}>全部显示</Menu.Item>
            </Menu.Dropdown>
          </Menu>
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
            if (e.key === 'ArrowDown' && total > 0) {
              e.preventDefault();
              moveTo(activeIndex ?? items[0]?.index ?? 0);
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
      </Group>

      {failed && (
        <Alert color="red" title="台账没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void queryClient.invalidateQueries({ queryKey: ['households.list'] })}>
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
          if (shownKey !== null) ledgerStore.setScrollTop(shownKey, e.currentTarget.scrollTop);
        }}
      >
        <table
          className={`${classes.table} ${shown !== null && !showingCurrent ? classes.stale : ''}`}
          style={{ width: table.getTotalSize() }}
          aria-label="户籍台账"
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
                // Same key as the loaded row, so keyboard focus stays on it when its page arrives.
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
              const h = row.original;
              const cls = [
                classes.row,
                h.status === 'closed' ? classes.closedRow : '',
                h.id === lastOpenedId ? classes.lastOpened : '',
              ].join(' ');
              return (
                <tr
                  key={item.index}
                  className={cls}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  onFocus={() => setActiveIndex(item.index)}
                  onClick={() => open(h)}
                  title="单击或按回车打开该户"
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
            )}
          </div>
        )}
      </Box>
    </Stack>
  );
}
