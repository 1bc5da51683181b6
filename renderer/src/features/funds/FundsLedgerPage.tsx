import { Alert, Anchor, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fundLevelLabels, fundLevels, type FundLevel } from '../../../../shared/domain/funds';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import {
  LEDGER_HEADER_HEIGHT,
  LEDGER_ROW_HEIGHT,
  LedgerTable,
  ledgerClasses,
  useLedgerTable,
  usePagedLedger,
  wholeListPageQuery,
  type ListSort,
  type WholeListBase,
} from '../../components/ledger';
import { PageHeader } from '../../components/PageStates';
import { ExportButton } from '../files';
import { BatchModal } from './BatchModal';
import { batchColumns, batchSortValue, fundLedgerColumns, isBatchSortColumn, type BatchSortColumn } from './ledgerColumns';
import { yearOptions } from './util';

// The 合计 line rides as the last row of the source table (the kit has no footer).
const sourcesQuery = wholeListPageQuery('funds.ledger', (out) => [...out.rows, out.total], () => null);
const batchesQuery = wholeListPageQuery('funds.listBatches', (out) => out.rows, batchSortValue);
const never = (id: string): id is never => id === '' && false;

/** A short ledger shows all its rows without an inner scrollbar, up to `most` rows. */
const heightFor = (rows: number, most: number) => LEDGER_HEADER_HEIGHT + LEDGER_ROW_HEIGHT * Math.max(3, Math.min(rows, most)) + 2;

/** 资金台账: per source, what was issued, allocated, disbursed and what is left, with the batches below. */
export function FundsLedgerPage() {
  const today = useToday();
  const navigate = useNavigate();
  const { user } = useSession();
  const [year, setYear] = useState(today.slice(0, 4));
  const [level, setLevel] = useState<FundLevel | ''>('');
  const [batchSort, setBatchSort] = useState<ListSort<BatchSortColumn> | null>(null);
  const [batchOpen, batchModal] = useDisclosure(false);
  const catalog = useQuery(apiQuery('funds.catalog', {}));
  const todos = useQuery(apiQuery('funds.todos', {}));
  const mayEnter = user.role !== 'reviewer';

  const fit = { margin: 12, min: 200, initial: 400 };
  const sourcesBase = useMemo<WholeListBase<'funds.ledger', never>>(() => ({ input: { year: Number(year), level: level === '' ? null : level }, sort: null }), [year, level]);
  const sources = usePagedLedger({ base: sourcesBase, pageQuery: sourcesQuery, fit });
  const sourcesTable = useLedgerTable({ columns: fundLedgerColumns, data: sources.data, rowId: (r) => r.sourceCode, sort: null, onSort: () => undefined, isSortColumn: never });

  const batchesBase = useMemo<WholeListBase<'funds.listBatches', BatchSortColumn>>(() => ({ input: { year: Number(year) }, sort: batchSort }), [year, batchSort]);
  const batches = usePagedLedger({ base: batchesBase, pageQuery: batchesQuery, fit });
  const batchesTable = useLedgerTable({
    columns: batchColumns,
    data: batches.data,
    rowId: (b) => b.id,
    sort: batchSort,
    onSort: setBatchSort,
    isSortColumn: isBatchSortColumn,
    visibilityKey: 'funds.batches.columns.v1',
  });
  const failed = sources.failed ?? batches.failed;

  return (
    <Stack gap="xs">
      <PageHeader title="资金台账" description="每个来源的资金下达、分配、拨付和结余；支出进度按资金项目参数中的进度节点检查。">
        <NativeSelect aria-label="年度" data={yearOptions(today)} value={year} onChange={(e) => setYear(e.currentTarget.value)} />
        <NativeSelect
          aria-label="资金级次"
          data={[{ value: '', label: '全部级次' }, ...fundLevels.map((l) => ({ value: l, label: fundLevelLabels[l] }))]}
          value={level}
          onChange={(e) => setLevel(e.currentTarget.value as FundLevel | '')}
        />
        <ExportButton ledger="funds" filters={{ year: Number(year), ...(level === '' ? {} : { level }) }} />
        {mayEnter && <Button onClick={batchModal.open}>新增资金批次</Button>}
      </PageHeader>
      {todos.data && todos.data.count > 0 && (
        <Alert color="orange" title="资金项目待办">
          支出进度落后的项目 {todos.data.lateSpending.length} 个，公示期满待审核超期的项目 {todos.data.overdueReviews.length} 个。
          <Anchor component={Link} to="/funds/projects?late=1" ml={6}>
            查看
          </Anchor>
        </Alert>
      )}
      {failed && (
        <Alert color="red" title="资金台账没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => (sources.refetch(), batches.refetch())}>
              重试
            </Button>
          </Group>
        </Alert>
      )}
      <LedgerTable
        ledger={sources}
        table={sourcesTable}
        label="资金台账"
        style={{ height: heightFor(sources.total, 20) }}
        onOpen={(r) => {
          if (r.sourceCode !== 'total') void navigate('/funds/projects');
        }}
        rowId={(r) => r.sourceCode}
        rowData={(r) => ({ 'data-source': r.sourceCode })}
        rowClassName={(r) => (r.sourceCode === 'total' ? ledgerClasses.totalRow : undefined)}
        rowTitle="资金来源的下达、分配、拨付和结余；单击打开项目库台账"
        empty={<Text size="sm">没有资金来源。</Text>}
      />
      <Title order={4} mt="sm">
        {year} 年资金批次
      </Title>
      <LedgerTable
        ledger={batches}
        table={batchesTable}
        label="资金批次"
        style={{ height: heightFor(batches.total, 15) }}
        onOpen={() => undefined}
        rowId={(b) => b.id}
        rowClassName={() => ledgerClasses.inertRow}
        rowTitle="资金批次：分配和拨付在项目页办理"
        empty={
          <Stack gap={4} align="center">
            <Text fw={500}>{year} 年还没有录入资金批次</Text>
            <Text size="sm" c="dimmed">
              {mayEnter ? '点右上角“新增资金批次”录入上级下达的资金文件。' : '资金批次由乡镇经办人员录入。'}
            </Text>
          </Stack>
        }
      />
      <BatchModal opened={batchOpen} onClose={batchModal.close} sources={catalog.data?.sources ?? []} />
    </Stack>
  );
}
