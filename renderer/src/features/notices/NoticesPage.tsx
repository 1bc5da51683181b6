import { Alert, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, ScrollArea, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { NoticeSettings } from '../../../../shared/contract/notices';
import { printResultSchema, type PrintResult } from '../../../../shared/contract/print';
import {
  forbiddenNoticeColumns,
  forbiddenNoticeReason,
  noticeColumnKeys,
  noticeColumnLabels,
  requiredNoticeColumns,
  type NoticeColumnKey,
} from '../../../../shared/domain/noticeColumns';
import { documentKindLabels, type NoticeKind } from '../../../../shared/domain/paper';
import { ApiError, invoke } from '../../api/client';
import { isDesktop, printDocument, saveDocumentPdf } from '../../api/files';
import { JobProgress, useJob } from '../../api/jobs';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useSession } from '../../api/session';
import { FormFooter } from '../../components/FormFooter';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { errorMessage, isStaleSave } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';

const kindOptions: { value: NoticeKind; label: string }[] = [
  { value: 'notice.identification', label: '识别公示（拟纳入监测对象）' },
  { value: 'notice.elimination', label: '风险消除公示（拟标注风险消除）' },
];

/** Kept while the program runs, so coming back finds the same village and kind. */
let remembered: { kind: NoticeKind; villageId: string } = { kind: 'notice.identification', villageId: '' };

function zhDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** 公示名单: the cases of a village at the notice step, printed as the notice for the village board. */
export function NoticesPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const isAdmin = user.role === 'admin';
  const [kind, setKindState] = useState<NoticeKind>(remembered.kind);
  const [villageId, setVillageState] = useState(remembered.villageId);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const setKind = (k: NoticeKind) => {
    remembered = { ...remembered, kind: k };
    setKindState(k);
  };
  const setVillage = (id: string) => {
    remembered = { ...remembered, villageId: id };
    setVillageState(id);
  };

  const overview = useQuery(apiQuery('notices.overview', { kind }));
  const villages = useMemo(() => overview.data?.villages ?? [], [overview.data]);
  // Default to the first village with cases at the notice step.
  useEffect(() => {
    if (villageId === '' && villages.length > 0) setVillage((villages.find((v) => v.count > 0) ?? villages[0]!).id);
  }, [villageId, villages]);

  const list = useQuery({ ...apiQuery('notices.list', { villageId, kind }), enabled: villageId !== '' });
  const settings = useQuery(apiQuery('notices.settings', {}));
  const job = useJob(printResultSchema);
  const [openError, setOpenError] = useState<string | null>(null);

  async function openDocument(result: PrintResult) {
    setOpenError(null);
    try {
      await printDocument(result.file);
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  }

  async function print() {
    const result = await job.run(() => invoke('notices.print', { villageId, kind }));
    if (result) {
      await openDocument(result);
      await invalidateChannels(queryClient, 'print.history');
    }
  }

  const rows = list.data?.rows ?? [];
  const columns = settings.data?.columns ?? [];
  const noPhone = settings.isSuccess && !settings.data.noticePhone && !settings.data.officePhone;

  return (
    <Stack gap="md">
      <PageHeader title="公示名单" description="处于“村内公示”步骤（已登记村内公示、尚未乡镇审核）的案件，按村打印张贴用的公示名单。公示不显示身份证号、电话、银行账号和健康状况。">
        {isAdmin && (
          <Button variant="default" onClick={() => setSettingsOpen(true)}>
            公示设置
          </Button>
        )}
      </PageHeader>

      <Group align="flex-end" gap="md">
        <NativeSelect
          label="公示类型"
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as NoticeKind);
            job.reset();
          }}
          data={kindOptions}
          w={280}
        />
        <NativeSelect
          label="村"
          value={villageId}
          onChange={(e) => {
            setVillage(e.currentTarget.value);
            job.reset();
          }}
          data={[
            ...(villageId === '' ? [{ value: '', label: '请选择村' }] : []),
            ...villages.map((v) => ({ value: v.id, label: v.count > 0 ? `${v.name}（${v.count} 户待公示）` : `${v.name}（无）` })),
          ]}
          w={260}
        />
        <Button onClick={() => void print()} disabled={rows.length === 0 || job.running || noPhone} loading={job.running} title={noPhone ? '请先设置监督电话' : undefined}>
          打印公示
        </Button>
      </Group>

      {noPhone && (
        <Alert color="yellow" variant="light" title="还没有监督电话，暂不能打印公示">
          公示上须印监督电话，供群众反映异议。{isAdmin ? '请点右上角“公示设置”填写监督电话，或在“单位与村组设置”中填写办公电话。' : '请管理员在“公示设置”中填写监督电话，或在“单位与村组设置”中填写办公电话。'}
        </Alert>
      )}

      {overview.error && <ErrorBlock error={overview.error} onRetry={() => void overview.refetch()} />}
      {list.isLoading && <LoadingBlock />}
      {list.error && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}

      {job.running && <JobProgress snapshot={job.snapshot} running={job.running} onCancel={() => void job.cancel()} label="打印进度" />}
      {job.error && (
        <Alert color="red" variant="light" title="未能生成公示">
          {job.error.message}
        </Alert>
      )}
      {job.result && (
        <Alert color="green" variant="light" title={`已生成 ${job.result.documents.length} 份公示，已记入打印记录`}>
          <Stack gap="xs">
            {job.result.documents.map((d) => (
              <Text size="sm" key={d.contentCode}>
                {d.title}，核验码 <strong>{d.contentCode}</strong>
              </Text>
            ))}
            <Group gap="sm">
              <Button size="xs" onClick={() => void openDocument(job.result!)}>
                {isDesktop() ? '打印' : '打开打印页'}
              </Button>
              {isDesktop() && (
                <Button size="xs" variant="default" onClick={() => void saveDocumentPdf(job.result!.file).catch((err: unknown) => setOpenError(errorMessage(err)))}>
                  另存为 PDF
                </Button>
              )}
            </Group>
            {!isDesktop() && (
              <Text size="xs" c="dimmed">
                打印页在新标签页中打开；若浏览器拦截了弹出窗口，请点“打开打印页”。在打印页点“打印 / 另存为 PDF”。
              </Text>
            )}
            {openError && (
              <Text size="sm" c="red">
                {openError}
              </Text>
            )}
          </Stack>
        </Alert>
      )}

      {list.data && list.data.emptyMessage && (
        <Alert color="gray" variant="light" title="没有需要公示的案件">
          {list.data.emptyMessage}
        </Alert>
      )}

      {list.data && rows.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>
                {list.data.village.name}
                {documentKindLabels[kind]}，共 {rows.length} 户 {rows.reduce((s, r) => s + r.memberCount, 0)} 人
              </Text>
              <Text size="sm" c="dimmed">
                公示栏目：{['序号', ...columns.map((c) => noticeColumnLabels[c])].join('、')}
              </Text>
            </Group>
            {list.data.periods.map((p) => (
              <Text size="sm" key={`${p.from}-${p.to}-${p.place}`}>
                公示期 {zhDate(p.from)}至{zhDate(p.to)}（共 {p.days} 天），地点：{p.place || '—'}，{p.count} 户
                {list.data.periods.length > 1 && <Badge ml="xs" size="sm" variant="light">单独一份</Badge>}
              </Text>
            ))}
            <ScrollArea.Autosize mah={480}>
              <Table striped withTableBorder stickyHeader aria-label="公示名单">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>序号</Table.Th>
                    <Table.Th>户主</Table.Th>
                    <Table.Th>组</Table.Th>
                    <Table.Th>人口</Table.Th>
                    <Table.Th>类别</Table.Th>
                    <Table.Th>主要风险</Table.Th>
                    <Table.Th>案件编号</Table.Th>
                    <Table.Th>公示期</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r, i) => (
                    <Table.Tr key={r.caseId}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>{r.headName}</Table.Td>
                      <Table.Td>{r.groupName}</Table.Td>
                      <Table.Td>{r.memberCount}</Table.Td>
                      <Table.Td>{r.categoryLabel}</Table.Td>
                      <Table.Td>{r.risks}</Table.Td>
                      <Table.Td>
                        <a href={`#/monitoring/${r.caseId}`}>{r.caseCode}</a>
                      </Table.Td>
                      <Table.Td>
                        {r.noticeStart} 至 {r.noticeEnd}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
      )}

      {isAdmin && settings.data && (
        <NoticeSettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} settings={settings.data} />
      )}
    </Stack>
  );
}

function NoticeSettingsDialog({ opened, onClose, settings }: { opened: boolean; onClose: () => void; settings: NoticeSettings }) {
  const queryClient = useQueryClient();
  const [columns, setColumns] = useState<NoticeColumnKey[]>(settings.columns);
  const [place, setPlace] = useState(settings.objectionPlace ?? '');
  const [note, setNote] = useState(settings.objectionNote ?? '');
  const [phone, setPhone] = useState(settings.noticePhone ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // The version this dialog loaded: a save against a newer one (another admin saved first) is refused.
  const [seenVersion, setSeenVersion] = useState(settings.version);
  const [stale, setStale] = useState<string | null>(null);

  const load = (s: NoticeSettings): void => {
    setColumns(s.columns);
    setPlace(s.objectionPlace ?? '');
    setNote(s.objectionNote ?? '');
    setPhone(s.noticePhone ?? '');
    setSeenVersion(s.version);
  };

  const reloadLatest = async (): Promise<void> => {
    try {
      load(await queryClient.fetchQuery({ ...apiQuery('notices.settings', {}), staleTime: 0 }));
      setStale(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  useEffect(() => {
    if (!opened) return;
    setStale(null);
    load(settings);
    setError(null);
    setFieldErrors({});
  }, [opened, settings]);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await invoke('notices.saveSettings', { columns, objectionPlace: place, objectionNote: note, noticePhone: phone, version: seenVersion });
      await invalidateChannels(queryClient, 'notices.settings', 'notices.list');
      onClose();
    } catch (err) {
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setError(errorMessage(err));
      if (err instanceof ApiError) setFieldErrors(err.fields);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="公示设置" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          <Checkbox.Group
            label="公示栏目（序号总是第一列）"
            description="本单位所有公示名单使用同一组栏目"
            value={columns}
            onChange={(v) => setColumns(noticeColumnKeys.filter((k) => v.includes(k)))}
            error={fieldErrors.columns}
          >
            <Group gap="md" mt="xs">
              {noticeColumnKeys.map((k) => (
                <Checkbox key={k} value={k} label={noticeColumnLabels[k]} disabled={requiredNoticeColumns.includes(k)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Stack gap={4}>
            <Text size="sm">不能公示的栏目</Text>
            <Group gap="md">
              {forbiddenNoticeColumns.map((f) => (
                <Checkbox key={f.key} label={f.label} checked={false} disabled readOnly />
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {forbiddenNoticeReason}。“户主身份证号（隐去中间）”只显示前 6 位和后 4 位。
            </Text>
          </Stack>
          <TextInput
            label="异议受理地点"
            placeholder={settings.defaults.objectionPlace}
            description="不填则印默认文字"
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={fieldErrors.objectionPlace}
          />
          <Textarea
            label="异议方式说明"
            placeholder={settings.defaults.objectionNote}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldErrors.objectionNote}
          />
          <TextInput
            label="监督电话"
            placeholder={settings.officePhone ?? ''}
            description={`不填则印单位电话${settings.officePhone ? `（${settings.officePhone}）` : ''}`}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={fieldErrors.noticePhone}
          />
          {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
          <FormFooter failure={error} submitLabel="保存" onCancel={onClose} busy={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
