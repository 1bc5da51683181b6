import { Badge, Button, Collapse, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormBlockStatus, FormStatus } from '../../../../shared/contract/forms';
import type { FormKind } from '../../../../shared/domain/paper';
import { signatureStatusLabels, type SignatureStatus } from '../../../../shared/domain/signatureStatus';
import { invoke } from '../../api/client';
import { pickFile, printDocument, saveDocumentPdf } from '../../api/files';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import { formatDateTime } from '../../components/format';
import { SignatureDialog, type SignTarget } from './SignatureDialog';

export const statusColors: Readonly<Record<SignatureStatus, string>> = {
  valid: 'green',
  stale: 'red',
  unsigned: 'gray',
  awaitingScan: 'orange',
};

/**
 * The case's forms follow the case: the key carries when the case page last read the case, so an
 * edit anywhere on the page (a risk, a step, a measure, a visit) reads the forms' status again.
 */
function formsStatusQuery(caseId: string, caseVersion: number) {
  return queryOptions({
    queryKey: ['forms.status', { caseId }, caseVersion] as const,
    queryFn: () => invoke('forms.status', { caseId }),
    placeholderData: keepPreviousData,
  });
}

/** 表单与签字 on the case page: each form that applies, its signature blocks and their status. */
export function CaseFormsSection({ caseId }: { caseId: string }) {
  const detail = useQuery(apiQuery('monitoring.get', { id: caseId }));
  const status = useQuery({ ...formsStatusQuery(caseId, detail.dataUpdatedAt), enabled: detail.isSuccess });
  const [target, setTarget] = useState<SignTarget | null>(null);

  return (
    <Paper withBorder p="md" component="section" aria-label="表单与签字">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={5}>表单与签字</Title>
          <Text size="xs" c="dimmed">
            签字与表单内容绑定：记录变更后原签字显示"已失效"，须重新签字。纸质签字请在打印件上签字后上传扫描件。
          </Text>
        </Stack>
        {(detail.isPending || status.isPending) && <LoadingBlock label="正在读取表单…" />}
        {status.isError && <ErrorBlock error={status.error} onRetry={() => void status.refetch()} title="表单没有读出来" />}
        {status.data?.forms
          .filter((form) => form.kind !== 'form.visit')
          .map((form) => <FormCard key={`${form.kind}:${form.recordId}`} form={form} onSign={setTarget} />)}
        {status.data && <VisitSheets forms={status.data.forms.filter((form) => form.kind === 'form.visit')} onSign={setTarget} />}
      </Stack>
      <SignatureDialog target={target} onClose={() => setTarget(null)} />
    </Paper>
  );
}

/** The visit records: a case gathers one a month, so they fold away behind one line. */
function VisitSheets({ forms, onSign }: { forms: FormStatus[]; onSign: (t: SignTarget) => void }) {
  const unsigned = forms.filter((f) => !f.complete).length;
  const [open, setOpen] = useState(forms.length <= 2);
  if (forms.length === 0) return null;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>
          入户走访记录（{forms.length} 份{unsigned > 0 ? `，${unsigned} 份签字未齐` : '，签字齐全'}）
        </Text>
        <Button size="xs" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? '收起' : '展开'}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Stack gap="sm">
          {[...forms].reverse().map((form) => (
            <FormCard key={form.recordId} form={form} onSign={onSign} />
          ))}
        </Stack>
      </Collapse>
    </Stack>
  );
}

function FormCard({ form, onSign }: { form: FormStatus; onSign: (t: SignTarget) => void }) {
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const name = `${form.title}${form.recordLabel ? `（${form.recordLabel}）` : ''}`;

  async function print(output: 'print' | 'pdf') {
    setBusy(output);
    try {
      const result = await invoke('forms.print', { kind: form.kind as FormKind, recordId: form.recordId });
      if (output === 'print') await printDocument(result.file);
      else {
        const saved = await saveDocumentPdf(result.file);
        if (saved) notifySuccess(`已保存：${saved}`);
      }
    } catch (error) {
      notifications.show({ color: 'red', title: '没有打印成', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={name}>
      <Group justify="space-between" align="flex-start" mb={6} wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600}>{name}</Text>
          <Text size="xs" c="dimmed">
            当前核验码 <span aria-label="核验码">{form.contentCode}</span>
            {form.complete ? '，签字齐全' : ''}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" loading={busy === 'print'} onClick={() => void print('print')}>
            打印
          </Button>
          <Button size="xs" variant="default" loading={busy === 'pdf'} onClick={() => void print('pdf')}>
            存为 PDF
          </Button>
        </Group>
      </Group>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>签字栏</Table.Th>
            <Table.Th w={100}>状态</Table.Th>
            <Table.Th>签字人与时间</Table.Th>
            <Table.Th w={330}>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {form.blocks.map((b) => (
            <BlockRow key={b.block} form={form} block={b} onSign={onSign} />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function BlockRow({ form, block, onSign }: { form: FormStatus; block: FormBlockStatus; onSign: (t: SignTarget) => void }) {
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const s = block.signature;
  const stale = block.status === 'stale';

  async function upload() {
    if (!s) return;
    setUploading(true);
    try {
      const file = await pickFile([{ name: '签字页扫描件', extensions: ['jpg', 'jpeg', 'png', 'pdf'] }]);
      if (!file) return;
      await invoke('forms.attachScan', { signatureId: s.id, fileId: file.fileId });
      await invalidateChannels(queryClient, 'forms.status', 'audit.list');
      notifySuccess(`已附上${block.roleLabel}的签字页扫描件`);
    } catch (error) {
      notifications.show({ color: 'red', title: '扫描件没有上传成', message: errorMessage(error) });
    } finally {
      setUploading(false);
    }
  }

  return (
    <Table.Tr aria-label={`${form.title} ${block.roleLabel}`}>
      <Table.Td>
        {block.roleLabel}
        {block.optional && (
          <Text span size="xs" c="dimmed">
            （可空）
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={statusColors[block.status]} variant={stale ? 'filled' : 'light'}>
          {signatureStatusLabels[block.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {s ? (
          <Stack gap={0}>
            <Text size="sm" c={stale ? 'red' : undefined}>
              {s.signerName}，{s.method === 'screen' ? '屏幕签字' : '纸质签字'}，{formatDateTime(s.signedAt)}
            </Text>
            {s.method === 'ink' && (
              <Text size="xs" c="dimmed">
                {s.scanAttachedAt ? `已附扫描件（${formatDateTime(s.scanAttachedAt)}）` : '待上传签字页扫描件'}
              </Text>
            )}
            {stale && (
              <Text size="xs" c="red">
                签字后记录已变更，需重新签字
              </Text>
            )}
            {!stale && block.informationalChanges.length > 0 && (
              <Text size="xs" c="dimmed">
                签字后有非实质变更：{block.informationalChanges.join('、')}
              </Text>
            )}
            {block.replaced.length > 0 && (
              <Text size="xs" c="dimmed">
                此前 {block.replaced.length} 次签字已被替换（{block.replaced[0]!.supersededReason ?? ''}）
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {block.suggestedSigner ? `应由 ${block.suggestedSigner} 签字` : '—'}
            {block.reviewerOnly ? '（审核人或管理员办理）' : ''}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          {stale ? (
            <Button size="compact-sm" color="red" onClick={() => onSign({ form, block, method: 'screen' })}>
              重新签字
            </Button>
          ) : (
            <Button size="compact-sm" variant="light" onClick={() => onSign({ form, block, method: 'screen' })}>
              屏幕签字
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={() => onSign({ form, block, method: 'ink' })}>
            纸质签字
          </Button>
          {s && s.method === 'ink' && !s.scanAttachedAt && (
            <Button size="compact-sm" variant="default" loading={uploading} onClick={() => void upload()}>
              上传扫描件
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
