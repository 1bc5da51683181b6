import { Alert, Badge, Button, Group, NativeSelect, Paper, ScrollArea, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DueRow, VisitsDueInput } from '../../../../shared/contract/visits';
import { visitCycleLabels } from '../../../../shared/domain/monitoring';
import { daysBetween } from '../../../../shared/lib/dates';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { ErrorBlock } from '../../components/PageStates';
import { LEDGER_PAGE_SIZE, LedgerTable, ledgerColumnHelper, ledgerFeatures, usePagedLedger } from '../../components/ledger';
import { officeQuery } from '../../api/queries';
import { ExportButton } from '../files';
import { VisitDialog, type VisitTarget } from './VisitDialog';
import { oneOf, useFiltersFromUrl } from '../../components/urlFilters';
import classes from './visits.module.css';

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
    queryFn: () => invoke('visits.due', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<DueRow>();

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
  // Opened from a to-do on the workbench: this month, overdue or still to come, maybe one helper's.
  useFiltersFromUrl((p) => setFilters({ ...initialFilters, show: oneOf(p.get('show'), ['all', 'overdue', 'upcoming'] as const) ?? 'all', helper: (p.get('helper') ?? '').slice(0, 20), villageId: p.get('village') ?? '' }));
  const thisMonth = today.slice(0, 7);
  const month = filters.month ?? thisMonth;
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);

  const base: Base = useMemo(() => {
    const b: Base = { month, show: filters.show };
    if (filters.villageId) b.villageId = filters.villageId;
    if (filters.helper) b.helperName = filters.helper === NO_HELPER ? '' : filters.helper;
    return b;
  }, [month, filters.villageId, filters.helper, filters.show]);

  // The list fills the window below its top, which moves down once the summary tables appear.
  const [hasShown, setHasShown] = useState(false);
  const ledger = usePagedLedger({ base, pageQuery, keepRowsWhileLoading: false, fit: { margin: 16, min: 360, initial: 480, deps: [hasShown] } });
  const { shown, total } = ledger;
  if (shown !== null && !hasShown) setHasShown(true);

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
        col.accessor('householdCode', { header: '户编号', size: 128, meta: { label: '户编号', className: classes.mono } }),
        col.accessor('headName', { header: '户主', size: 76 }),
        col.accessor('villageName', { header: '村', size: 90 }),
        col.accessor('groupName', { header: '组', size: 64 }),
        col.accessor('helperName', { header: '帮扶联系人', size: 92, cell: (i) => i.getValue() ?? '（未填）' }),
        col.accessor('cycle', { header: '走访周期', size: 92, cell: (i) => visitCycleLabels[i.getValue()] }),
        col.accessor('lastVisitDate', { header: '上次走访', size: 96, cell: (i) => i.getValue() ?? '无', meta: { label: '上次走访', className: classes.mono } }),
        col.accessor('nextVisitDue', { header: '应访日期', size: 96, meta: { label: '应访日期', className: classes.mono } }),
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
        col.accessor('caseCode', { header: '监测对象', size: 110, cell: (i) => i.getValue() ?? '', meta: { label: '监测对象', className: classes.mono } }),
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
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.householdId, enableSorting: false });
  const openHousehold = (r: DueRow) => void navigate(`/households/${r.householdId}`);

  const summary = shown?.page;
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

      {ledger.failed !== null && <ErrorBlock error={ledger.failed} onRetry={ledger.refetch} title="走访待办没有读出来" />}

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
            : `共 ${total.toLocaleString('zh-CN')} 户${shown.page && shown.page.overdueTotal > 0 ? `，其中已逾期 ${shown.page.overdueTotal.toLocaleString('zh-CN')} 户` : ''}`}
          {ledger.stale ? '（正在查询…）' : ''}
        </Text>
        <Text size="xs" c="dimmed">
          ↑↓ 选择 · 回车打开该户 · 空格记录走访
        </Text>
      </Group>

      <div ref={ledger.measureRef}>
        <LedgerTable
          ledger={ledger}
          table={table}
          label="待走访的户"
          style={{ height: ledger.height }}
          onOpen={openHousehold}
          onRowKey={(key, r) => {
            if (key !== ' ') return false;
            startVisit(r);
            return true;
          }}
          rowId={(r) => r.householdId}
          rowClassName={(r) => (r.overdueDays > 0 ? classes.overdueRow : '')}
          rowData={(r) => ({ 'data-overdue': r.overdueDays > 0 || undefined })}
          rowTitle="单击或按回车打开该户，空格记录走访"
          empty={
            <Stack gap="xs" align="center">
              <Text fw={500}>{anyFilter ? '没有符合条件的待访户' : `${monthLabel(month)}没有待走访的户`}</Text>
              <Text size="sm" c="dimmed">
                {anyFilter ? '可放宽筛选条件（上方“清除筛选”）。' : '所有户都已按周期走访。'}
              </Text>
            </Stack>
          }
        />
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
          点一行（或 ↑↓ 后回车）按其筛选
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
                // One tab stop for the whole table (the selected row, else the first): ↑↓ move
                // between rows, so a long list of helpers is not dozens of Tab presses to pass.
                tabIndex={r.key === (rows.some((x) => x.key === selected) ? selected : rows[0]!.key) ? 0 : -1}
                aria-selected={selected === r.key}
                onClick={() => onSelect(r.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(r.key);
                  }
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const row = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
                    if (row instanceof HTMLElement) row.focus();
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
