import { Alert, Badge, Button, Checkbox, Group, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { backupKindLabels, type BackupRun } from '../../../../shared/contract/backups';
import { ApiError, invoke } from '../../api/client';
import { isDesktop, pickFile, pickFolder } from '../../api/files';
import { apiQuery, forgetUserData, invalidateChannels, meQuery } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../components/formErrors';
import { formatDateTime } from '../../components/format';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { AutoEncryption } from './AutoEncryption';
import { BackupStatus } from './BackupStatus';

const listQuery = apiQuery('backups.list', {});

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What is about to be restored: a backup from the list, a picked file, or a typed path. */
interface RestoreTarget {
  /** What the core gets: a backup id, a staged file id or a full path. */
  file: string;
  /** What the admin reads. */
  label: string;
  /** true / false when known (a backup from the list); null for another file. */
  encrypted: boolean | null;
}

/** 备份与恢复 (admin): the backups on record, a backup to a chosen folder, restore. */
export function BackupsPage() {
  const list = useQuery(listQuery);
  const [restoring, setRestoring] = useState<RestoreTarget | null>(null);

  return (
    <>
      <PageHeader title="备份与恢复" description="每天自动备份；也可以随时备份到U盘等其他位置（可加密）。恢复前会先把现在的数据另存一份。" />
      <Stack gap="md">
        <BackupStatus showLink={false} />
        <AutoEncryption />
        <BackupForm />
        <RestoreOtherFile onChoose={setRestoring} />
        <Paper withBorder>
          <Title order={4} p="md" pb="sm">
            备份记录
          </Title>
          {list.isPending && <LoadingBlock />}
          {list.isError && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}
          {list.data && <BackupTable rows={list.data.rows} onRestore={setRestoring} />}
        </Paper>
      </Stack>
      <RestoreDialog target={restoring} onClose={() => setRestoring(null)} />
    </>
  );
}

function BackupTable({ rows, onRestore }: { rows: BackupRun[]; onRestore: (t: RestoreTarget) => void }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md" pt={0}>
        还没有备份记录。
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover aria-label="备份记录">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={170}>完成时间</Table.Th>
          <Table.Th w={120}>类型</Table.Th>
          <Table.Th>文件</Table.Th>
          <Table.Th w={90}>大小</Table.Th>
          <Table.Th w={120}>状态</Table.Th>
          <Table.Th w={90}>操作</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{formatDateTime(r.finishedAt)}</Table.Td>
            <Table.Td>{backupKindLabels[r.kind]}</Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-all' }} title={`SHA-256 ${r.sha256}`}>
                {r.file}
              </Text>
            </Table.Td>
            <Table.Td>{sizeText(r.sizeBytes)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {r.encrypted && (
                  <Badge variant="light" color="blue" radius="sm">
                    已加密
                  </Badge>
                )}
                {!r.exists && (
                  <Badge variant="light" color="gray" radius="sm">
                    找不到文件
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                disabled={!r.exists}
                title={r.exists ? undefined : '文件已不在原处（U盘未插上或已被删除）'}
                onClick={() => onRestore({ file: r.id, label: r.file, encrypted: r.encrypted })}
              >
                恢复
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** 备份到…: a folder (desktop: chosen in a dialog; browser host: typed), optionally with a passphrase. */
function BackupForm() {
  const queryClient = useQueryClient();
  const desktop = isDesktop();
  const [targetDir, setTargetDir] = useState('');
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function choose() {
    const dir = await pickFolder();
    if (dir) {
      setTargetDir(dir);
      setErrors((e) => ({ ...e, targetDir: '' }));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (encrypt && passphrase.length < 8) found.passphrase = '口令至少 8 个字符';
    if (encrypt && passphrase !== again) found.again = '两次输入的口令不一致';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const dir = targetDir.trim();
      const run = await invoke('backups.run', { ...(dir ? { targetDir: dir } : {}), ...(encrypt ? { passphrase } : {}) });
      notifications.show({
        color: 'green',
        title: '已备份',
        message: `${run.file}（${sizeText(run.sizeBytes)}${run.encrypted ? '，已加密' : ''}）`,
      });
      setPassphrase('');
      setAgain('');
      await invalidateChannels(queryClient, 'backups.status', 'backups.list');
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fields);
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={4}>备份到…</Title>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="备份到文件夹"
              description={desktop ? '点“选择文件夹…”，或直接填写；不填则存到数据文件夹的 backups/manual' : '填写完整路径，例如 E:\\台账备份；不填则存到数据文件夹的 backups/manual'}
              placeholder="E:\台账备份"
              value={targetDir}
              error={errors.targetDir || undefined}
              onChange={(e) => setTargetDir(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            {desktop && (
              <Button variant="default" onClick={() => void choose()}>
                选择文件夹…
              </Button>
            )}
          </Group>
          <Checkbox label="加密备份（设置口令）" checked={encrypt} onChange={(e) => setEncrypt(e.currentTarget.checked)} />
          {encrypt && (
            <>
              <Group grow align="flex-start">
                <PasswordInput
                  label="口令"
                  description="至少 8 个字符"
                  autoComplete="new-password"
                  value={passphrase}
                  error={errors.passphrase || undefined}
                  onChange={(e) => setPassphrase(e.currentTarget.value)}
                />
                <PasswordInput
                  label="再次输入口令"
                  description=" "
                  autoComplete="new-password"
                  value={again}
                  error={errors.again || undefined}
                  onChange={(e) => setAgain(e.currentTarget.value)}
                />
              </Group>
              <Alert color="orange" variant="light">
                请牢记口令并另行妥善保管：忘记口令，这份备份就无法恢复，任何人都打不开。
              </Alert>
            </>
          )}
          {failure && (
            <Alert color="red" variant="light" title="备份没有完成" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              备份
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** 从其他文件恢复: a backup file picked (both hosts) or its path typed. */
function RestoreOtherFile({ onChoose }: { onChoose: (t: RestoreTarget) => void }) {
  const [path, setPath] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  async function pick() {
    setFailure(null);
    try {
      const file = await pickFile([{ name: '台账备份', extensions: ['sqlite', 'enc'] }]);
      if (file) onChoose({ file: file.fileId, label: file.fileName, encrypted: null });
    } catch (err) {
      setFailure(errorMessage(err));
    }
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>从其他备份文件恢复</Title>
        <Group align="flex-end" gap="sm">
          <TextInput
            label="备份文件路径"
            placeholder="E:\台账备份\ledger-350421101-20260310-091500.sqlite.enc"
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            color="red"
            disabled={path.trim() === ''}
            onClick={() => onChoose({ file: path.trim(), label: path.trim(), encrypted: null })}
          >
            恢复此文件…
          </Button>
          <Button variant="default" onClick={() => void pick()}>
            选择文件…
          </Button>
        </Group>
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function RestoreDialog({ target, onClose }: { target: RestoreTarget | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [passphrase, setPassphrase] = useState('');
  const askPassphrase = target !== null && target.encrypted !== false;

  return (
    <ConfirmDialog
      opened={target !== null}
      title="从备份恢复数据"
      confirmLabel="恢复"
      danger
      message={
        target && (
          <Stack gap="sm">
            <Text size="sm">
              将用这份备份替换现在的全部数据：
              <Text span fw={500} style={{ wordBreak: 'break-all' }}>
                {target.label}
              </Text>
            </Text>
            <Text size="sm">
              恢复前，程序会先检查备份是否完好，并把现在的数据另存一份（数据文件夹的 backups/pre-restore-…），需要时可以再恢复回来。
            </Text>
            <Text size="sm" fw={500}>
              恢复后所有人（包括你）都需要重新登录。
            </Text>
            {askPassphrase && (
              <PasswordInput
                label={target.encrypted ? '口令（手动备份时设置的口令；加密的自动备份用管理员设置的自动备份口令）' : '口令（只有加密的备份才需要）'}
                autoComplete="off"
                data-autofocus
                value={passphrase}
                onChange={(e) => setPassphrase(e.currentTarget.value)}
              />
            )}
          </Stack>
        )
      }
      onClose={() => {
        setPassphrase('');
        onClose();
      }}
      onConfirm={async () => {
        if (!target) return;
        const result = await invoke('backups.restore', { file: target.file, ...(passphrase ? { passphrase } : {}) });
        notifications.show({
          color: 'green',
          title: '已恢复',
          message: `数据已从备份恢复，恢复前的数据另存为 ${result.preRestoreFile}。请重新登录。`,
          autoClose: false,
        });
        // The core has signed everyone out: show the login page now rather than at the next click.
        queryClient.setQueryData(meQuery.queryKey, (old) => ({ user: null, locked: false, mustChangePassword: false, idleMinutes: old?.idleMinutes ?? 15 }));
        forgetUserData(queryClient);
        void navigate('/');
      }}
    />
  );
}
