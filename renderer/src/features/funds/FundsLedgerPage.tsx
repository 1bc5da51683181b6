import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { FundLedgerRow } from '../../../../shared/contract/funds';
import { fundLevelLabels, fundLevels, yuan, type FundLevel } from '../../../../shared/domain/funds';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { useToday } from '../../api/today';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { ExportButton } from '../files';
import { BatchModal } from './BatchModal';
import { percentText, yearOptions } from './util';

function LedgerLine({ r, bold = false }: { r: FundLedgerRow; bold?: boolean }) {
  return (
    <Table.Tr fw={bold ? 700 : undefined} data-source={r.sourceCode}>
      <Table.Td>{r.sourceName}</Table.Td>
      <Table.Td ta="right">{yuan(r.issuedFen)}</Table.Td>
      <Table.Td ta="right">{yuan(r.allocatedFen)}</Table.Td>
      <Table.Td ta="right">{yuan(r.disbursedFen)}</Table.Td>
      <Table.Td ta="right">{yuan(r.balanceFen)}</Table.Td>
      <Table.Td ta="right" c={r.late ? 'red' : undefined}>
        {percentText(r.progressPermille)}
        {r.late && `（应达 ${r.requiredPercent}%）`}
      </Table.Td>
    </Table.Tr>
  );
}

/** 资金台账: per source, what was issued, allocated, disbursed and what is left, with the batches below. */
export function FundsLedgerPage() {
  const today = useToday();
  const { user } = useSession();
  const [year, setYear] = useState(today.slice(0, 4));
  const [level, setLevel] = useState<FundLevel | ''>('');
  const [batchOpen, batchModal] = useDisclosure(false);
  const catalog = useQuery(apiQuery('funds.catalog', {}));
  const ledger = useQuery(apiQuery('funds.ledger', { year: Number(year), level: level === '' ? null : level }));
  const batches = useQuery(apiQuery('funds.listBatches', { year: Number(year) }));
  const todos = useQuery(apiQuery('funds.todos', {}));
  const mayEnter = user.role !== 'reviewer';

  return (
    <>
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
        <Alert color="orange" mb="sm" title="资金项目待办">
          支出进度落后的项目 {todos.data.lateSpending.length} 个，公示期满待审核超期的项目 {todos.data.overdueReviews.length} 个。
          <Anchor component={Link} to="/funds/projects?late=1" ml={6}>
            查看
          </Anchor>
        </Alert>
      )}
      {ledger.isPending && <LoadingBlock />}
      {ledger.isError && <ErrorBlock error={ledger.error} onRetry={() => void ledger.refetch()} />}
      <Stack>
        {ledger.data && (
          <Paper withBorder>
            <Table striped aria-label="资金台账" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>资金来源</Table.Th>
                  <Table.Th ta="right">下达（元）</Table.Th>
                  <Table.Th ta="right">分配（元）</Table.Th>
                  <Table.Th ta="right">拨付（元）</Table.Th>
                  <Table.Th ta="right">结余（元）</Table.Th>
                  <Table.Th ta="right">支出进度</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.data.rows.map((r) => (
                  <LedgerLine key={r.sourceCode} r={r} />
                ))}
                <LedgerLine r={ledger.data.total} bold />
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        <Title order={4}>{year} 年资金批次</Title>
        {batches.data && (
          <Paper withBorder>
            <Table striped aria-label="资金批次">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>文号</Table.Th>
                  <Table.Th>下达日期</Table.Th>
                  <Table.Th>级次</Table.Th>
                  <Table.Th>来源</Table.Th>
                  <Table.Th>用途</Table.Th>
                  <Table.Th ta="right">金额（元）</Table.Th>
                  <Table.Th ta="right">已分配</Table.Th>
                  <Table.Th ta="right">已拨付</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        {year} 年还没有录入资金批次。{mayEnter ? '点右上角“新增资金批次”录入。' : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {batches.data.rows.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{b.docNo}</Table.Td>
                    <Table.Td>{b.issuedDate}</Table.Td>
                    <Table.Td>{fundLevelLabels[b.level]}</Table.Td>
                    <Table.Td>{b.sourceName}</Table.Td>
                    <Table.Td>{b.useDirection}</Table.Td>
                    <Table.Td ta="right">{yuan(b.amountFen)}</Table.Td>
                    <Table.Td ta="right">{yuan(b.allocatedFen)}</Table.Td>
                    <Table.Td ta="right">{yuan(b.disbursedFen)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
      <Group />
      <BatchModal opened={batchOpen} onClose={batchModal.close} sources={catalog.data?.sources ?? []} />
    </>
  );
}
