import { Alert, Group, NativeSelect, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { IncomeSummaryRow } from '../../../../shared/contract/income';
import { declineCauseLabels, declineCauses } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { declineCauseShortLabels, shareText } from './labels';
import { ExportButton } from '../files';

/** 收入监测: households with falling income (减收) per village and for the township, per cause. */
export function IncomeSummaryPage() {
  const today = useToday();
  const thisYear = Number(today.slice(0, 4));
  // The year just ended is the one whose income is complete; this year can be chosen too.
  const [year, setYear] = useState<number>(thisYear - 1);
  const [villageId, setVillageId] = useState('');
  const office = useQuery(apiQuery('settings.office', {}));
  const summary = useQuery(apiQuery('income.summary', villageId === '' ? { year } : { year, villageId }));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);

  return (
    <>
      <PageHeader title="收入监测" description="对比上年人均纯收入，统计各村减收户数量、占比和减收原因。只统计两年都录入了收入的户。">
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label="年度"
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={years.map((y) => ({ value: String(y), label: `${y} 年（对比 ${y - 1} 年）` }))}
          />
          <NativeSelect
            label="村"
            value={villageId}
            onChange={(e) => setVillageId(e.currentTarget.value)}
            data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]}
          />
          <ExportButton ledger="income" filters={villageId === '' ? { year } : { year, villageId }} />
        </Group>
      </PageHeader>

      {summary.isPending && <LoadingBlock />}
      {summary.isError && <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.data && (
        <>
          {summary.data.total.withoutCause > 0 && (
            <Alert color="orange" variant="light" mb="sm" title="有减收户未填原因">
              {summary.data.total.withoutCause} 户人均纯收入低于上年但没有减收原因（多为上年收入事后更正）。请到各户的收入情况中补填。
            </Alert>
          )}
          <Paper withBorder style={{ overflowX: 'auto' }}>
            <Table striped highlightOnHover withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th rowSpan={2}>村</Table.Th>
                  <Table.Th rowSpan={2} ta="right">
                    本年录入户
                  </Table.Th>
                  <Table.Th rowSpan={2} ta="right">
                    可对比户
                  </Table.Th>
                  <Table.Th rowSpan={2} ta="right">
                    减收户
                  </Table.Th>
                  <Table.Th rowSpan={2} ta="right">
                    减收占比
                  </Table.Th>
                  <Table.Th colSpan={declineCauses.length + 1} ta="center">
                    减收原因（户）
                  </Table.Th>
                </Table.Tr>
                <Table.Tr>
                  {declineCauses.map((c) => (
                    <Table.Th key={c} ta="right" title={declineCauseLabels[c]}>
                      {declineCauseShortLabels[c]}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">未填原因</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.data.rows.map((r) => (
                  <SummaryRow key={r.villageId ?? 'none'} row={r} />
                ))}
              </Table.Tbody>
              {villageId === '' && (
                <Table.Tfoot>
                  <SummaryRow row={summary.data.total} strong />
                </Table.Tfoot>
              )}
            </Table>
          </Paper>
          {summary.data.total.compared === 0 && (
            <Text size="sm" c="dimmed" mt="sm">
              {summary.data.year} 年和 {summary.data.previousYear} 年都录入了收入的户还没有，暂无可对比的数据。
            </Text>
          )}
        </>
      )}
    </>
  );
}

function SummaryRow({ row, strong = false }: { row: IncomeSummaryRow; strong?: boolean }) {
  const fw = strong ? 700 : undefined;
  return (
    <Table.Tr>
      <Table.Td fw={fw}>{row.villageName}</Table.Td>
      <Table.Td ta="right" fw={fw}>
        {row.recorded}
      </Table.Td>
      <Table.Td ta="right" fw={fw}>
        {row.compared}
      </Table.Td>
      <Table.Td ta="right" fw={fw} c={row.declined > 0 ? 'red' : undefined}>
        {row.declined}
      </Table.Td>
      <Table.Td ta="right" fw={fw}>
        {shareText(row.declineShare)}
      </Table.Td>
      {declineCauses.map((c) => (
        <Table.Td key={c} ta="right" fw={fw} c={row.byCause[c] === 0 ? 'dimmed' : undefined}>
          {row.byCause[c]}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={fw} c={row.withoutCause > 0 ? 'orange' : 'dimmed'}>
        {row.withoutCause}
      </Table.Td>
    </Table.Tr>
  );
}
