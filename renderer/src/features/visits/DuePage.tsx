import { Alert, Badge, Button, Group, NativeSelect, Paper, ScrollArea, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { columnSizingFeature, columnVisibilityFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { DueRow, VisitsDue, VisitsDueInput } from '../../../../shared/contract/visits';
import { visitCycleLabels } from '../../../../shared/domain/monitoring';
import { daysBetween } from '../../../../shared/lib/dates';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { ErrorBlock } from '../../components/PageStates';
import { officeQuery } from '../../api/queries';
import { ExportButton } from '../files';
import { VisitDialog, type VisitTarget } from './VisitDialog';
import classes from './visits.module.css';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 35;
/** byHelper's "no helper recorded" as a select value (the core filters it with helperName ''). */
const NO_HELPER = '__none__';

type Show = 'all' | 'overdue' | 'upcoming';
interface Filters {
  /** null = this month (follows the office's today). */
  month: string | null;
  villageId: string;
  /** '' = every helper; NO_HELPER = households without one. */
  helper: string;
  show: Show;
}
const initialFilters: Filters = { month: null, villageId: '', helper: '', show: 'all' };
/** Kept while the program runs, so coming back from a household finds the list as it was left. */
let remembered: Filters = initialFilters;

type Base = Omit<VisitsDueInput, 'offset' | 'limit'>;

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['visits.due', base, 'page', page] as const,
    queryFn: () => invoke('visits.due', { ...base, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const dueFeatures = tableFeatures({ columnSizingFeature, columnVisibilityFeature, columnMeta: {} as { className?: string } });
const col = createColumnHelper<typeof dueFeatures, DueRow>();

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** 走访待办: the visits due by the end of a month and those already overdue, by village and by helper. */
export function DuePage(_props: Record<string, never>) {
  const navigate = useNavigate();
  const today = useToday();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const [filters, setFiltersState] = useState<Filters>(remembered);
  const setFilters = (patch: Partial<Filters>) =>
    setFiltersState((f) => {
      remembered = { ...f, ...patch };
      return remembered;
    });
  const thisMonth = today.slice(0, 7);
  const month = filters.month ?? thisMonth;
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);

  const base: Base = useMemo(() => {
    const b: Base = { month, show: filters.show };
    if (filters.villageId) b.villageId = filters.villageId;
    if (filters.helper) b.helperName = filters.helper === NO_HELPER ? '' : filters.helper;
    return b;
  }, [month, filters.villageId, filters.helper, filters.show]);
  const key = JSON.stringify(base);

  // The last answer for these filters (or the previous filters while the new ones load).
  const [shown, setShown] = useState<{ key: string; base: Base; data: VisitsDue } | null>(null);
  const showingCurrent = shown?.key === key;
  const hasShown = shown !== null;

  // --- layout ---------------------------------------------------------------------------------
  const listRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(480);
  useLayoutEffect(() => {
    const update = () => {
      const top = listRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(360, Math.floor(window.innerHeight - top - 16)));
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [hasShown]);

  const total = shown?.data.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();

  // A new filter starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [key]);

  // --- data -------------------------------------------------------------------------------------
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
  // Summary and totals come with every page: keep the latest one of the current filters.
  if (fresh && (shown === null || shown.key !== key || shown.data !== fresh)) setShown({ key, base, data: fresh });

  const pageRows = (page: number): DueRow[] | undefined => {
    if (!showingCurrent) return undefined;
    const i = neededPages.indexOf(page);
    return i >= 0 ? results[i]?.data?.rows : undefined;
  };
  const windowRows: { index: number; row: DueRow }[] = [];
  for (const item of items) {
    const row = pageRows(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
    if (row) windowRows.push({ index: item.index, row });
  }
  const data = windowRows.map((w) => w.row);

  const startVisit = (r: DueRow) =>
    setVisiting({
      householdId: r.householdId,
      ...(r.caseId ? { caseId: r.caseId } : {}),
      headName: r.headName,
      householdCode: r.householdCode,
      helperName: r.helperName,
      openCase: r.cycle === 'openCase',
    });

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('householdCode', { header: '户编号', size: 128, meta: { className: classes.mono } }),
        col.accessor('headName', { header: '户主', size: 76 }),
        col.accessor('villageName', { header: '村', size: 90 }),
        col.accessor('groupName', { header: '组', size: 64 }),
        col.accessor('helperName', { header: '帮扶联系人', size: 92, cell: (i) => i.getValue() ?? '（未填）' }),
        col.accessor('cycle', { header: '走访周期', size: 92, cell: (i) => visitCycleLabels[i.getValue()] }),
        col.accessor('lastVisitDate', { header: '上次走访', size: 96, cell: (i) => i.getValue() ?? '无', meta: { className: classes.mono } }),
        col.accessor('nextVisitDue', { header: '应访日期', size: 96, meta: { className: classes.mono } }),
        col.display({
          id: 'state',
          header: '状态',
          size: 110,
          cell: (i) => {
            const r = i.row.original;
            if (r.overdueDays > 0) return <span className={classes.overdue}>已逾期 {r.overdueDays} 天</span>;
            const left = daysBetween(today, r.nextVisitDue);
            return left === 0 ? <span>今天到期</span> : <span>还有 {left} 天</span>;
          },
        }),
        col.accessor('caseCode', { header: '监测对象', size: 110, cell: (i) => i.getValue() ?? '', meta: { className: classes.mono } }),
        col.display({
          id: 'action',
          header: '操作',
          size: 92,
          cell: (i) => (
            <Button
              size="compact-xs"
              variant="light"
              tabIndex={-1}
              aria-label={`记录走访 ${i.row.original.headName}`}
              onClick={(e) => {
                e.stopPropagation();
                startVisit(i.row.original);
              }}
            >
              记录走访
            </Button>
          ),
        }),
      ]),
    // startVisit only sets state; today changes the 状态 text.
    [today],
  );
  const table = useTable({ features: dueFeatures, columns, data, getRowId: (r) => r.householdId });
  const tableRows = table.getRowModel().rows;
  const rowAt = new Map<number, (typeof tableRows)[number]>();
  windowRows.forEach((w, i) => {
    const r = tableRows[i];
    if (r) rowAt.set(w.index, r);
  });
  const visibleColumns = table.getVisibleLeafColumns();

  // --- keyboard ---------------------------------------------------------------------------------
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
  const pageStep = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
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
        if (row) void navigate(`/households/${row.householdId}`);
        break;
      case ' ':
        if (row) startVisit(row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : Math.max(0, virtualizer.getTotalSize() - HEADER_HEIGHT);
  const tabStop = activeIndex !== null && rowAt.has(activeIndex) ? activeIndex : (first?.index ?? -1);

  const summary = shown?.data;
  const anyFilter = filters.month !== null || filters.villageId !== '' || filters.helper !== '' || filters.show !== 'all';
  const helperOptions = useMemo(() => {
    const names = (summary?.byHelper ?? []).map((h) => (h.helperName === null ? NO_HELPER : h.helperName));
    if (filters.helper && !names.includes(filters.helper)) names.push(filters.helper);
    return [
      { value: '', label: '全部帮扶联系人' },
      ...names.map((n) => ({ value: n, label: n === NO_HELPER ? '（未填写帮扶联系人）' : n })),
    ];
  }, [summary?.byHelper, filters.helper]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3}>走访待办</Title>
          <Text size="sm" c="dimmed">
            {monthLabel(month)}底前应走访的户和已逾期未走访的户。监测中每月一次，风险已消除每半年一次，稳定脱贫户每年一次（以当年设置为准）。
          </Text>
        </Stack>
        <ExportButton ledger="visitsDue" filters={base} />
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="month"
          label="月份"
          w={160}
          value={month}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}$/.test(v)) setFilters({ month: v === thisMonth ? null : v });
          }}
        />
        <NativeSelect
          label="村"
          w={150}
          data={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          value={filters.villageId}
          onChange={(e) => setFilters({ villageId: e.currentTarget.value })}
        />
        <NativeSelect
          label="帮扶联系人"
          w={170}
          data={helperOptions}
          value={filters.helper}
          onChange={(e) => setFilters({ helper: e.currentTarget.value })}
        />
        <SegmentedControl
          value={filters.show}
          onChange={(v) => setFilters({ show: v as Show })}
          aria-label="显示"
          data={[
            { value: 'all', label: '全部待访' },
            { value: 'overdue', label: '只看已逾期' },
            { value: 'upcoming', label: '本月未到期' },
          ]}
        />
        {anyFilter && (
          <Button variant="subtle" size="compact-sm" mb={6} onClick={() => setFilters(initialFilters)}>
            清除筛选
          </Button>
        )}
      </Group>

      {failed !== null && <ErrorBlock error={failed} onRetry={() => results.forEach((r) => void r.refetch())} title="走访待办没有读出来" />}

      {summary && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <SummaryTable
              title="按村"
              nameHeader="村"
              rows={summary.byVillage.map((v) => ({ key: v.villageId, name: v.name, due: v.due, overdue: v.overdue }))}
              selected={filters.villageId}
              onSelect={(k) => setFilters({ villageId: filters.villageId === k ? '' : k })}
            />

            <SummaryTable
              title="按帮扶联系人"
              nameHeader="帮扶联系人"
              rows={summary.byHelper.map((h) => ({
                key: h.helperName ?? NO_HELPER,
                name: h.helperName ?? '（未填写）',
                due: h.due,
                overdue: h.overdue,
              }))}
              selected={filters.helper}
              onSelect={(k) => setFilters({ helper: filters.helper === k ? '' : k })}
            />
        </SimpleGrid>
      )}

      <Group justify="space-between" align="baseline">
        <Text size="sm" aria-live="polite">
          {shown === null
            ? '正在加载…'
            : `共 ${total.toLocaleString('zh-CN')} 户${shown.data.overdueTotal > 0 ? `，其中已逾期 ${shown.data.overdueTotal.toLocaleString('zh-CN')} 户` : ''}`}
          {shown !== null && !showingCurrent ? '（正在查询…）' : ''}
        </Text>
        <Text size="xs" c="dimmed">
          ↑↓ 选择 · 回车打开该户 · 空格记录走访
        </Text>
      </Group>

      <div ref={listRef}>
        <div ref={scrollRef} className={classes.scroller} style={{ height }}>
          <table
            className={classes.dueTable}
            style={{ width: table.getTotalSize(), opacity: shown !== null && !showingCurrent ? 0.55 : 1 }}
            aria-label="待走访的户"
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
                  {group.headers.map((header) => (
                    <th key={header.id}>
                      <table.FlexRender header={header} />
                    </th>
                  ))}
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
                    <tr key={item.index} className={classes.placeholderRow} data-index={item.index} tabIndex={-1} onFocus={() => setActiveIndex(item.index)}>
                      <td colSpan={visibleColumns.length}>{item.index % 10 === 0 ? '正在加载…' : ''}</td>
                    </tr>
                  );
                }
                const r = row.original;
                return (
                  <tr
                    key={item.index}
                    className={`${classes.row} ${r.overdueDays > 0 ? classes.overdueRow : ''}`}
                    data-index={item.index}
                    data-overdue={r.overdueDays > 0 || undefined}
                    aria-rowindex={item.index + 2}
                    tabIndex={item.index === tabStop ? 0 : -1}
                    onFocus={() => setActiveIndex(item.index)}
                    onClick={() => void navigate(`/households/${r.householdId}`)}
                    title="单击或按回车打开该户，空格记录走访"
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
          {showingCurrent && total === 0 && (
            <div className={classes.empty}>
              <Stack gap="xs" align="center">
                <Text fw={500}>{anyFilter ? '没有符合条件的待访户' : `${monthLabel(month)}没有待走访的户`}</Text>
                <Text size="sm" c="dimmed">
                  {anyFilter ? '可放宽筛选条件（上方“清除筛选”）。' : '所有户都已按周期走访。'}
                </Text>
              </Stack>
            </div>
          )}
        </div>
      </div>

      {month < thisMonth && (
        <Alert color="gray" variant="light">
          所选月份已过去：列表按今天的走访情况显示，仍未走访的户都算已逾期。
        </Alert>
      )}

      <VisitDialog target={visiting} onClose={() => setVisiting(null)} />
    </Stack>
  );
}

interface SummaryRow {
  key: string;
  name: string;
  due: number;
  overdue: number;
}

/** A facet count table; a click (or Enter) on a row filters the list by it, a second click clears it. */
function SummaryTable({
  title,
  nameHeader,
  rows,
  selected,
  onSelect,
}: {
  title: string;
  nameHeader: string;
  rows: SummaryRow[];
  selected: string;
  onSelect: (key: string) => void;
}) {
  const due = rows.reduce((s, r) => s + r.due, 0);
  const overdue = rows.reduce((s, r) => s + r.overdue, 0);
  return (
    <Paper withBorder>
      <Group justify="space-between" px="sm" py={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          点一行按其筛选
        </Text>
      </Group>
      <ScrollArea.Autosize mah={220}>
        <Table verticalSpacing={4} className={classes.table} aria-label={`走访待办${title}`} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{nameHeader}</Table.Th>
              <Table.Th className={classes.right} w={90}>
                本月应访
              </Table.Th>
              <Table.Th className={classes.right} w={90}>
                已逾期
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    没有待访的户
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((r) => (
              <Table.Tr
                key={r.key}
                className={`${classes.summaryRow} ${selected === r.key ? classes.summaryActive : ''}`}
                tabIndex={0}
                aria-selected={selected === r.key}
                onClick={() => onSelect(r.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(r.key);
                  }
                }}
              >
                <Table.Td>{r.name}</Table.Td>
                <Table.Td className={classes.right}>{r.due}</Table.Td>
                <Table.Td className={classes.right}>
                  {r.overdue > 0 ? (
                    <Badge size="sm" color="red" variant="light" radius="sm">
                      {r.overdue}
                    </Badge>
                  ) : (
                    0
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {rows.length > 1 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>合计</Table.Th>
                <Table.Th className={classes.right}>{due}</Table.Th>
                <Table.Th className={classes.right}>{overdue}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </ScrollArea.Autosize>
    </Paper>
  );
}
