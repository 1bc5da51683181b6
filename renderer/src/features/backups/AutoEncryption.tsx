import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, invoke } from '../../api/client';
import { invalidateChannels } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import { backupStatusQuery } from './BackupStatus';

/**
 * 自动备份加密 (admin): the daily backups encrypted with a passphrase the admin keeps. The program
 * keeps only what encrypts (a public key, the private key locked by the passphrase), so it can
 * never open these backups by itself: restoring one asks for the passphrase.
 */
export function AutoEncryption() {
  const queryClient = useQueryClient();
  const status = useQuery(backupStatusQuery);
  const [editing, setEditing] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const on = status.data?.autoEncrypted ?? false;

  async function save(input: { enabled: true; passphrase: string } | { enabled: false }) {
    setBusy(true);
    setFailure(null);
    try {
      const r = await invoke('backups.setAutoEncryption', input);
      notifications.show({
        color: 'green',
        title: r.autoEncrypted ? '自动备份已加密' : '自动备份不再加密',
        message: r.autoEncrypted ? '此后的自动备份都用这个口令加密；恢复时需要输入口令。' : '此后的自动备份不加密；已加密的备份仍需原口令恢复。',
      });
      setEditing(false);
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

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (passphrase.length < 8) found.passphrase = '口令至少 8 个字符';
    if (passphrase !== again) found.again = '两次输入的口令不一致';
    setErrors(found);
    if (Object.keys(found).length === 0) void save({ enabled: true, passphrase });
  }

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={4}>自动备份加密</Title>
          <Badge variant="light" color={on ? 'blue' : 'gray'} radius="sm">
            {on ? '已开启' : '未开启'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          开启后，每天的自动备份用你设置的口令加密。程序只保存加密用的公钥和被口令锁住的私钥，不保存口令本身，自己也打不开这些备份；恢复时需要输入口令。
        </Text>
        {editing ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Group grow align="flex-start">
                <PasswordInput
                  label={on ? '新的口令' : '口令'}
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
                请牢记口令并另行妥善保管（例如写下来锁进文件柜）：忘记口令，加密的自动备份就无法恢复，任何人都打不开。更换口令后，此前的备份仍需用原口令恢复。
              </Alert>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(false)}>
                  取消
                </Button>
                <Button type="submit" loading={busy}>
                  {on ? '更换口令' : '开启加密'}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button variant="light" onClick={() => setEditing(true)} disabled={status.isPending}>
              {on ? '更换口令…' : '开启加密…'}
            </Button>
            {on && (
              <Button variant="default" color="red" loading={busy} onClick={() => void save({ enabled: false })}>
                关闭加密
              </Button>
            )}
          </Group>
        )}
        {failure && (
          <Alert color="red" variant="light" title="设置没有保存" role="alert">
            {failure}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
