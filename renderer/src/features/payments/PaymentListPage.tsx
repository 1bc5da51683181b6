import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { exportResultSchema } from '../../../../shared/contract/fileExport';
import type { PaymentLine, PaymentList } from '../../../../shared/contract/payments';
import { printResultSchema } from '../../../../shared/contract/print';
import { isPaid, lineResultLabels, nextPaymentStatus, paymentListStatusLabels, paymentStepLabels, type PaymentListStatus } from '../../../../shared/domain/payments';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { pickFile, printDocument, saveProducedFile } from '../../api/files';
import { JobProgress, useJob } from '../../api/jobs';
import { apiQuery, invalidateChannels, officeQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { useToday } from '../../api/today';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';
import { formatYuan } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { AccountModal } from './AccountModal';
import { statusColors } from './PaymentsPage';
import { DateField } from '../../components/DateField';

/** One payment list: its lines, the next step, paper, the bank round trip, resends and corrections. */
export function PaymentListPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const detail = useQuery(apiQuery('payments.get', { id }));
  const [date, setDate] = useState(today);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PaymentLine | null>(null);
  const [correcting, setCorrecting] = useState<PaymentLine | null>(null);
  const printJob = useJob(printResultSchema);
  const bankJob = useJob(exportResultSchema);
  const mayBank = user.role === 'admin' || user.role === 'reviewer';

  const refresh = () => invalidateChannels(queryClient, 'payments.get', 'payments.list', 'posts.monthGrid', 'payments.forHousehold', 'measures.forCase', 'monitoring.get');
  async function act(run: () => Promise<unknown>) {
    setFailure(null);
    setBusy(true);
    try {
      await run();
      await refresh();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (detail.isLoading) return <LoadingBlock />;
  if (detail.error || !detail.data) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  const { list, lines } = detail.data;
  const next = nextPaymentStatus(list.status);
  const stepLabel = next ? paymentStepLabels[list.status as Exclude<PaymentListStatus, 'reconciled'>] : null;

  async function print(kind: 'paper.payroll' | 'paper.paymentNotice') {
    const result = await printJob.run(() => invoke('payments.print', { id, kind }));
    if (result) {
      try {
        await printDocument(result.file);
      } catch (err) {
        setFailure(errorMessage(err));
      }
    }
  }

  async function bankFile() {
    const result = await bankJob.run(() => invoke('payments.bankFile', { id }));
    if (result) {
      const saved = await saveProducedFile(result.file);
      if (saved) notifications.show({ color: 'green', title: '已导出银行代发文件', message: `${result.rows} 行，含完整账号，请妥善保管：${saved}` });
    }
  }

  async function importResults() {
    const file = await pickFile([{ name: '银行回单（Excel）', extensions: ['xlsx'] }]);
    if (!file) return;
    await act(async () => {
      const r = await invoke('payments.importResults', { id, fileId: file.fileId });
      notifications.show({ color: r.failed > 0 ? 'yellow' : 'green', title: '已导入银行结果', message: [`成功 ${r.success} 行，失败 ${r.failed} 行`, ...r.measureNotes].join('；') });
    });
  }

  return (
    <Stack gap="md">
      <PageHeader title={list.title} description={`${list.purpose} · ${list.period} · ${list.villageName ?? '全乡'} · 共 ${list.lineCount} 行，合计 ${formatYuan(list.totalFen)} 元`}>
        <Badge size="lg" variant="light" color={statusColors[list.status]} radius="sm">
          {paymentListStatusLabels[list.status]}
        </Badge>
      </PageHeader>
      <StepDates list={list} />
      <Group align="flex-end">
        {next && (
          <>
            <DateField label="办理日期" required value={date} onChange={setDate} w={150} />
            <Button loading={busy} onClick={() => void act(() => invoke('payments.advance', { id, version: list.version, date }))}>
              {stepLabel}
            </Button>
          </>
        )}
        {list.status === 'draft' && (
          <Button variant="default" onClick={() => setAdding(true)}>
            添加发放对象
          </Button>
        )}
        <Button variant="default" onClick={() => void print('paper.payroll')} loading={printJob.running}>
          打印花名册
        </Button>
        <Button variant="default" onClick={() => void print('paper.paymentNotice')} loading={printJob.running}>
          打印公示名单
        </Button>
        {mayBank && (list.status === 'approved' || list.status === 'bank') && (
          <Button variant="default" onClick={() => void bankFile()} loading={bankJob.running}>
            导出银行代发文件
          </Button>
        )}
        {mayBank && list.status === 'bank' && (
          <Button variant="default" onClick={() => void importResults()} loading={busy}>
            导入银行结果
          </Button>
        )}
        {list.status === 'reconciled' && list.failedCount > 0 && (
          <Button
            variant="light"
            color="orange"
            onClick={() =>
              void act(async () => {
                const r = await invoke('payments.resendFailed', { id });
                void navigate(`/payments/${r.listId}`);
              })
            }
          >
            失败行重发
          </Button>
        )}
      </Group>
      {(printJob.running || bankJob.running) && <JobProgress snapshot={printJob.snapshot ?? bankJob.snapshot} running label="正在生成" />}
      {(failure ?? printJob.error?.message ?? bankJob.error?.message) && (
        <Alert color="red" variant="light" title="没有办成" role="alert">
          {failure ?? printJob.error?.message ?? bankJob.error?.message}
        </Alert>
      )}
      <Paper withBorder>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>序号</Table.Th>
              <Table.Th>户编号</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>发放依据</Table.Th>
              <Table.Th>金额（元）</Table.Th>
              <Table.Th>收款账户</Table.Th>
              <Table.Th>银行结果</Table.Th>
              <Table.Th w={160}>操作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={l.id} c={l.reversed ? 'dimmed' : undefined}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{l.householdCode}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>
                  {l.basis}
                  {l.reversed && <Text size="xs">（已冲回）</Text>}
                </Table.Td>
                <Table.Td c={l.amountFen < 0 ? 'red' : undefined}>{formatYuan(l.amountFen)}</Table.Td>
                <Table.Td>{l.accountMasked ? `${l.bankName ?? ''} ${l.accountMasked}` : <Text span c="red" size="sm">未登记</Text>}</Table.Td>
                <Table.Td>{l.result ? `${lineResultLabels[l.result]}${l.resultReason ? `：${l.resultReason}` : ''}` : ''}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {!isPaid(list.status) && (
                      <Button size="compact-xs" variant="light" onClick={() => setAccount({ id: l.memberId, name: l.name })}>
                        账号
                      </Button>
                    )}
                    {list.status === 'draft' && (
                      <Button size="compact-xs" variant="default" color="red" onClick={() => setRemoving(l)}>
                        删去
                      </Button>
                    )}
                    {mayBank && isPaid(list.status) && l.amountFen > 0 && !l.reversed && l.result !== 'failed' && (
                      <Button size="compact-xs" variant="default" onClick={() => setCorrecting(l)}>
                        更正
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <AccountModal member={account} onClose={() => setAccount(null)} />
      <ConfirmDialog
        opened={removing !== null}
        title="删去发放行"
        message={removing ? `从清册中删去 ${removing.name}（${formatYuan(removing.amountFen)} 元）？该行仍留有记录。` : ''}
        confirmLabel="删去"
        danger
        reasonLabel="删去原因"
        onConfirm={async (reason) => {
          await invoke('payments.removeLine', { lineId: removing!.id, reason });
          await refresh();
          setRemoving(null);
        }}
        onClose={() => setRemoving(null)}
      />
      <Modal opened={adding} onClose={() => setAdding(false)} title="添加发放对象" size="lg">
        {adding && <AddLineForm list={list} onClose={() => setAdding(false)} />}
      </Modal>
      <Modal opened={correcting !== null} onClose={() => setCorrecting(null)} title={correcting ? `更正：${correcting.name}（原 ${formatYuan(correcting.amountFen)} 元）` : ''}>
        {correcting && <CorrectForm line={correcting} onClose={() => setCorrecting(null)} />}
      </Modal>
    </Stack>
  );
}

function StepDates({ list }: { list: PaymentList }) {
  const parts = [
    ['公示', list.noticeOn],
    ['审核', list.approvedOn],
    ['交银行', list.bankOn],
    ['对账', list.reconciledOn],
  ].filter(([, d]) => d !== null);
  if (parts.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {parts.map(([l, d]) => `${l} ${d}`).join(' · ')}
    </Text>
  );
}

function AddLineForm({ list, onClose }: { list: PaymentList; onClose: () => void }) {
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const [villageId, setVillageId] = useState(list.villageId ?? office.data?.villages[0]?.id ?? '');
  const [q, setQ] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [basis, setBasis] = useState('');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const candidates = useQuery({ ...apiQuery('posts.candidates', { villageId, q }), enabled: villageId !== '' });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const money = readYuan(amount, { label: '金额' });
    if (!money.ok || money.fen === null) return setFailure(money.ok ? '请填写金额（元）' : money.error);
    if (!memberId) return setFailure('请先在列表中选择发放对象');
    setBusy(true);
    try {
      await invoke('payments.addLine', { listId: list.id, memberId, basis, amountFen: money.fen });
      await invalidateChannels(queryClient, 'payments.get', 'payments.list');
      setMemberId(null);
      setAmount('');
      notifications.show({ color: 'green', title: '已添加', message: '可以继续添加下一位' });
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {!list.villageId && <NativeSelect label="村" data={(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))} value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} />}
        <TextInput label="查找人员" description="姓名、身份证号或户编号的一部分" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus />
        <Select label="发放对象" data={(candidates.data ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（户编号 ${c.householdCode}）` }))} value={memberId} onChange={setMemberId} error={errors.memberId} searchable />
        <TextInput label="发放依据" placeholder="例如 省外务工 6 个月" value={basis} onChange={(e) => setBasis(e.currentTarget.value)} error={errors.basis} />
        <TextInput label="金额（元）" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountFen} />
        <FormFooter failure={failure} submitLabel="添加" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

function CorrectForm({ line, onClose }: { line: PaymentLine; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('0');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const money = readYuan(amount, { label: '更正后的金额' });
    if (!money.ok) return setFailure(money.error);
    setBusy(true);
    try {
      const r = await invoke('payments.correct', { lineId: line.id, correctFen: money.fen ?? 0, reason });
      await invalidateChannels(queryClient, 'payments.get', 'payments.list');
      onClose();
      void navigate(`/payments/${r.listId}`);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">已交银行的清册不能修改。更正会新建一份草稿清册：冲回原金额，并按更正后的金额重新发放（填 0 表示只冲回）。</Text>
        <TextInput label="更正后的金额（元）" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} data-autofocus />
        <TextInput label="更正原因" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormFooter failure={failure} submitLabel="更正" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
