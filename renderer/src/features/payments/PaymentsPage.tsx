import { Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { paymentListStatuses, paymentListStatusLabels, type PaymentListStatus } from '../../../../shared/domain/payments';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels, officeQuery } from '../../api/queries';
import { ProjectLinkFields, type ProjectLink } from './ProjectLinkFields';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';
import { formatYuan } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';

export const statusColors: Record<PaymentListStatus, string> = { draft: 'gray', notice: 'orange', approved: 'blue', bank: 'violet', reconciled: 'green' };

/** 发放清册: every payment list by purpose and status; a list opens to its lines and steps. */
export function PaymentsPage() {
  const [purpose, setPurpose] = useState('');
  const [status, setStatus] = useState('');
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const lists = useQuery(apiQuery('payments.list', { ...(purpose ? { purpose } : {}), ...(status ? { status: status as PaymentListStatus } : {}) }));
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <PageHeader title="发放清册" description="到户到人的补贴发放：草稿 → 公示 → 审核 → 交银行 → 对账。已交银行的清册不能修改，更正以冲回行办理。">
        <Button onClick={() => setCreating(true)}>新建清册</Button>
      </PageHeader>
      <Group align="flex-end">
        <NativeSelect label="用途" value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} data={[{ value: '', label: '全部' }, ...(catalog.data?.purposes ?? [])]} w={180} />
        <NativeSelect label="状态" value={status} onChange={(e) => setStatus(e.currentTarget.value)} data={[{ value: '', label: '全部' }, ...paymentListStatuses.map((s) => ({ value: s, label: paymentListStatusLabels[s] }))]} w={160} />
      </Group>
      {lists.isLoading && <LoadingBlock />}
      {lists.error && <ErrorBlock error={lists.error} onRetry={() => void lists.refetch()} />}
      {lists.data && (
        <Paper withBorder>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>清册名称</Table.Th>
                <Table.Th>用途</Table.Th>
                <Table.Th>期间</Table.Th>
                <Table.Th>村</Table.Th>
                <Table.Th>人数</Table.Th>
                <Table.Th>金额（元）</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>失败</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed" ta="center" py="md">
                      没有发放清册。公益岗补贴可在“月度考勤与补贴”中一键生成。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {lists.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <Link to={`/payments/${l.id}`}>{l.title}</Link>
                  </Table.Td>
                  <Table.Td>{l.purpose}</Table.Td>
                  <Table.Td>{l.period}</Table.Td>
                  <Table.Td>{l.villageName ?? '全乡'}</Table.Td>
                  <Table.Td>{l.lineCount}</Table.Td>
                  <Table.Td>{formatYuan(l.totalFen)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColors[l.status]} radius="sm">
                      {paymentListStatusLabels[l.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td c={l.failedCount > 0 ? 'red' : undefined}>{l.failedCount || ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="新建发放清册">
        {creating && <CreateForm purposes={catalog.data?.purposes ?? []} onClose={() => setCreating(false)} />}
      </Modal>
    </Stack>
  );
}

function CreateForm({ purposes, onClose }: { purposes: string[]; onClose: () => void }) {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const [purpose, setPurpose] = useState(purposes[0] ?? '');
  const [period, setPeriod] = useState(today.slice(0, 7));
  const [villageId, setVillageId] = useState('');
  const [title, setTitle] = useState('');
  const [link, setLink] = useState<ProjectLink>({ projectId: '', disbursementId: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const r = await invoke('payments.create', { purpose, period, villageId: villageId || null, title, projectId: link.projectId || null, disbursementId: link.disbursementId || null });
      await invalidateChannels(queryClient, 'payments.list');
      onClose();
      void navigate(`/payments/${r.id}`);
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
        <NativeSelect label="发放用途" data={purposes} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={errors.purpose} />
        <TextInput label="发放期间（年或年-月）" value={period} onChange={(e) => setPeriod(e.currentTarget.value)} error={errors.period} />
        <NativeSelect label="村（全乡统一发放可不选）" data={[{ value: '', label: '全乡' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]} value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} />
        <ProjectLinkFields value={link} onChange={setLink} errors={errors} />
        <TextInput label="清册名称" placeholder="例如 2026年一次性交通补助（第一批）" value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
        <FormFooter failure={failure} submitLabel="新建" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
