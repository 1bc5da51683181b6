import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LoanEvent } from '../../../../shared/contract/loans';
import { loanEventKindLabels, loanStatusLabels, loanUseLabels } from '../../../../shared/domain/loans';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import { LoanEventForm } from './LoanEventForm';
import { rateText, refreshAfterLoan } from './queries';

const statusColor = { current: 'green', overdue: 'red', settled: 'gray' } as const;

/** One loan: its terms, the rules it breaks, its repayments and 贴息, and where to add one. */
export function LoanDetailDialog({ loanId, today, onClose }: { loanId: string | null; today: string; onClose: () => void }) {
  return (
    <Modal opened={loanId !== null} onClose={onClose} title="小额信贷明细" size="xl">
      {loanId && <LoanDetail loanId={loanId} today={today} />}
    </Modal>
  );
}

function LoanDetail({ loanId, today }: { loanId: string; today: string }) {
  const { user } = useSession();
  const data = useQuery(apiQuery('loans.get', { id: loanId }));
  if (data.isPending) return <LoadingBlock label="正在读取贷款…" />;
  if (data.isError) return <ErrorBlock error={data.error} onRetry={() => void data.refetch()} title="贷款读取失败" />;
  const { loan, events } = data.data;
  const mayEnter = user.role !== 'reviewer';
  const mayReverse = user.role !== 'clerk';
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Text fw={600}>
          {loan.villageName} {loan.householdCode} · 借款人 {loan.borrowerName}
        </Text>
        <Badge color={statusColor[loan.status]} variant="light">
          {loanStatusLabels[loan.status]}
          {loan.overdueDays > 0 ? ` ${loan.overdueDays} 天` : ''}
        </Badge>
      </Group>
      <Text size="sm">
        {loan.bank} 合同 {loan.contractNo}：{formatYuan(loan.amountFen)} 元，年利率 {rateText(loan.rateBp)}%，{loan.loanDate} 至 {loan.dueDate}，用途 {loanUseLabels[loan.use]}
        {loan.useDetail ? `（${loan.useDetail}）` : ''}。尚欠本金 <b>{formatYuan(loan.outstandingFen)}</b> 元。
      </Text>
      {loan.warnings.length > 0 && (
        <Alert color="yellow" title="不符合政策之处（按银行放款如实登记）">
          {loan.warnings.join('；')}
        </Alert>
      )}
      <Table striped aria-label="还款与贴息记录">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>日期</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th ta="right">本金（元）</Table.Th>
            <Table.Th ta="right">利息（元）</Table.Th>
            <Table.Th ta="right">贴息（元）</Table.Th>
            <Table.Th>备注</Table.Th>
            {mayReverse && <Table.Th>操作</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text size="sm" c="dimmed">
                  尚无还款或贴息记录。{mayEnter ? '在下方登记。' : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {events.map((e) => (
            <EventRow key={e.id} event={e} mayReverse={mayReverse} />
          ))}
        </Table.Tbody>
      </Table>
      {mayEnter && loan.status !== 'settled' && <LoanEventForm loan={loan} today={today} />}
    </Stack>
  );
}

function EventRow({ event: e, mayReverse }: { event: LoanEvent; mayReverse: boolean }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reverse = async () => {
    setFailure(null);
    try {
      await invoke('loans.reverseEvent', { eventId: e.id, reason: reason ?? '' });
      notifySuccess('已冲销');
      setReason(null);
      await refreshAfterLoan(queryClient);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  const reversible = e.reversesId === null && e.reversedBy === null;
  return (
    <Table.Tr style={e.reversedBy ? { textDecoration: 'line-through' } : undefined}>
      <Table.Td>{e.eventDate}</Table.Td>
      <Table.Td>
        {e.reversesId ? '冲销' : ''}
        {loanEventKindLabels[e.kind]}
      </Table.Td>
      <Table.Td ta="right">{e.principalFen ? formatYuan(e.principalFen) : ''}</Table.Td>
      <Table.Td ta="right">{e.interestFen ? formatYuan(e.interestFen) : ''}</Table.Td>
      <Table.Td ta="right">{e.subsidyFen ? `${formatYuan(e.subsidyFen)}（${e.subsidyYear} 年度）` : ''}</Table.Td>
      <Table.Td>{e.note}</Table.Td>
      {mayReverse && (
        <Table.Td>
          {reversible && reason === null && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setReason('')}>
              冲销
            </Button>
          )}
          {reason !== null && (
            <Group gap={4} wrap="nowrap">
              <TextInput size="xs" aria-label="冲销原因" placeholder="冲销原因" value={reason} error={failure} onChange={(ev) => setReason(ev.currentTarget.value)} data-autofocus />
              <Button size="compact-xs" color="red" onClick={() => void reverse()}>
                确认冲销
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => setReason(null)}>
                返回
              </Button>
            </Group>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
