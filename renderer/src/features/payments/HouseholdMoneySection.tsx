import { Anchor, Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { lineResultLabels, paymentListStatusLabels } from '../../../../shared/domain/payments';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';

/** 到户资金 on the household page: every payment-list line to its members, paid or not, and its income category. */
export function HouseholdMoneySection({ householdId }: { householdId: string }) {
  const q = useQuery(apiQuery('payments.forHousehold', { householdId }));
  if (q.isPending) return <LoadingBlock label="正在读取到户资金…" />;
  if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} title="到户资金读取失败" />;
  const { lines } = q.data;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        到户资金（发放清册）
      </Title>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚无通过发放清册发给本户成员的资金。
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="到户资金">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>期间</Table.Th>
                <Table.Th>用途</Table.Th>
                <Table.Th>清册</Table.Th>
                <Table.Th>领取人</Table.Th>
                <Table.Th>依据</Table.Th>
                <Table.Th ta="right">金额（元）</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>计入收入</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l) => (
                <Table.Tr key={l.lineId}>
                  <Table.Td>{l.period}</Table.Td>
                  <Table.Td>{l.purpose}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/payments/${l.listId}`} size="sm">
                      {l.listTitle}
                    </Anchor>
                    {l.projectName && (
                      <Text size="xs" c="dimmed">
                        项目：{l.projectName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{l.basis}</Table.Td>
                  <Table.Td ta="right">{formatYuan(l.amountFen)}</Table.Td>
                  <Table.Td>
                    {l.paid ? (
                      <Badge size="sm" color="green" variant="light">
                        已发放{l.measureTicked ? ' · 措施已落实' : ''}
                      </Badge>
                    ) : l.result === 'failed' ? (
                      <Badge size="sm" color="red" variant="light" title={l.resultReason ?? ''}>
                        {lineResultLabels.failed}：{l.resultReason}
                      </Badge>
                    ) : (
                      <Text size="sm">{paymentListStatusLabels[l.listStatus]}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{l.incomeLabel ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
