import { Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MonthlyTable } from '../../../../shared/contract/subsidies';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { formatYuan } from '../../components/money';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';

function cell(kind: MonthlyTable['columns'][number]['kind'], v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (kind === 'money') return formatYuan(Number(v));
  if (kind === 'percent') return `${(Number(v) * 100).toFixed(1)}%`;
  return String(v);
}

function TableCard({ t }: { t: MonthlyTable }) {
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t.title}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped aria-label={t.title}>
          <Table.Thead>
            <Table.Tr>
              {t.columns.map((c) => (
                <Table.Th key={c.key}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {t.rows.map((r, i) => (
              <Table.Tr key={String(r[t.columns[0]?.key ?? 'village'])} fw={i === t.rows.length - 1 ? 600 : undefined}>
                {t.columns.map((c) => (
                  <Table.Td key={c.key}>{cell(c.kind, r[c.key])}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** 月报 R2–R5 for a month, as the quarterly submission's 汇总表 carries them. */
export function MonthlyTablesView() {
  const today = useToday();
  const [month, setMonth] = useState(today.slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const tables = useQuery({ ...apiQuery('subsidies.monthlyTables', { month }), enabled: valid });
  return (
    <Stack gap="sm">
      <TextInput label="月份" w={120} value={month} onChange={(e) => setMonth(e.currentTarget.value)} error={valid ? undefined : '请按 年-月 填写，例如 2026-03'} />
      <Text size="sm" c="dimmed">
        R2 按就业参数中摸排覆盖的户类统计，截至该月最后一天（本月截至今天），与去年同一天比较；R3 为该月公益岗在岗人数与考勤补贴。R4 为各资金来源截至该日的下达、分配、拨付与进度节点要求，R5 为当年项目所处步骤与开工、完工情况。季度报送的汇总表附有季度最后一个月的这四张表。
      </Text>
      {tables.isLoading && <LoadingBlock />}
      {tables.error && <ErrorBlock error={tables.error} onRetry={() => void tables.refetch()} />}
      {tables.data && (
        <>
          <TableCard t={tables.data.r2} />
          <TableCard t={tables.data.r3} />
          <TableCard t={tables.data.r4} />
          <TableCard t={tables.data.r5} />
        </>
      )}
    </Stack>
  );
}
