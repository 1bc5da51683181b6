import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Member } from '../../../../shared/contract/households';
import { loanStatusLabels, loanUseLabels } from '../../../../shared/domain/loans';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { LoanDetailDialog } from './LoanDetailDialog';
import { LoanDialog, type LoanTarget } from './LoanDialog';

const statusColor = { current: 'green', overdue: 'red', settled: 'gray' } as const;

/** 小额信贷 on the household page: the household's loans, with add / edit / 还款与贴息. */
export function HouseholdLoansSection({ householdId, members, today, readOnly }: { householdId: string; members: readonly Member[]; today: string; readOnly: boolean }) {
  const { user } = useSession();
  const data = useQuery(apiQuery('loans.forHousehold', { householdId }));
  const [target, setTarget] = useState<LoanTarget | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const mayEnter = !readOnly && user.role !== 'reviewer';
  const people = members.map((m) => ({ id: m.id, name: m.name }));

  if (data.isPending) return <LoadingBlock label="正在读取小额信贷…" />;
  if (data.isError) return <ErrorBlock error={data.error} onRetry={() => void data.refetch()} title="小额信贷读取失败" />;
  const loans = data.data.loans;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>小额信贷</Title>
        {mayEnter && (
          <Button variant="light" size="xs" onClick={() => setTarget({ householdId, members: members.filter((m) => m.status === 'current').map((m) => ({ id: m.id, name: m.name })) })}>
            登记贷款
          </Button>
        )}
      </Group>
      {loans.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚无小额信贷。{mayEnter ? '点“登记贷款”按银行合同填写。' : ''}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover aria-label="小额信贷">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>借款人</Table.Th>
                <Table.Th>银行 / 合同</Table.Th>
                <Table.Th ta="right">金额（元）</Table.Th>
                <Table.Th>放款 至 到期</Table.Th>
                <Table.Th>用途</Table.Th>
                <Table.Th ta="right">尚欠本金（元）</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loans.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.borrowerName}</Table.Td>
                  <Table.Td>
                    {l.bank} {l.contractNo}
                  </Table.Td>
                  <Table.Td ta="right">{formatYuan(l.amountFen)}</Table.Td>
                  <Table.Td>
                    {l.loanDate} 至 {l.dueDate}
                  </Table.Td>
                  <Table.Td>
                    {loanUseLabels[l.use]}
                    {l.warnings.length > 0 && (
                      <Badge ml={4} size="xs" color="yellow" variant="light" title={l.warnings.join('；')}>
                        {l.warnings.length} 项提示
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatYuan(l.outstandingFen)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" color={statusColor[l.status]} variant="light">
                      {loanStatusLabels[l.status]}
                      {l.overdueDays > 0 ? ` ${l.overdueDays} 天` : ''}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" aria-label={`${l.borrowerName} 的贷款 ${l.contractNo} 的还款与贴息`} onClick={() => setOpen(l.id)}>
                        还款与贴息
                      </Button>
                      {mayEnter && (
                        <Button size="compact-xs" variant="subtle" aria-label={`修改 ${l.borrowerName} 的贷款 ${l.contractNo}`} onClick={() => setTarget({ householdId, members: people, loan: l })}>
                          修改
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoanDialog target={target} today={today} onClose={() => setTarget(null)} />
      <LoanDetailDialog loanId={open} today={today} onClose={() => setOpen(null)} />
    </Paper>
  );
}
