import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { channels, roleLabels } from '../../../../shared/contract';
import type { SessionUser } from '../../../../shared/contract/users';
import { invoke } from '../../api/client';
import { applyApiError, schemaErrors } from '../../components/formErrors';

interface LockScreenProps {
  user: SessionUser;
  idleMinutes: number;
  onUnlocked: () => void;
  onLogout: () => Promise<void>;
}

/**
 * Laid over the still-mounted frame: nothing behind it shows through (ID numbers are on screen),
 * and whatever was half-typed is still there after unlocking.
 */
export function LockScreen({ user, idleMinutes, onUnlocked, onLogout }: LockScreenProps) {
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const form = useForm({
    initialValues: { password: '' },
    validate: (values) => schemaErrors(channels['users.unlock'].input, values),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await invoke('users.unlock', values);
      onUnlocked();
    } catch (err) {
      // NOT_SIGNED_IN (too many misses) is handled by the session: it shows the login page.
      setError(applyApiError(form, err));
      form.setFieldValue('password', '');
    }
  });

  return (
    <Box
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      style={{ position: 'fixed', inset: 0, zIndex: 1000, backdropFilter: 'blur(8px)' }}
      bg="rgba(233, 237, 243, 0.97)"
    >
      <Center h="100%" p="md">
        <Paper withBorder shadow="md" p="xl" w={400} radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={3} id="lock-title">
                  已锁定
                </Title>
                <Text size="sm">
                  当前用户：
                  <Text span fw={600}>
                    {user.displayName}
                  </Text>
                  （{roleLabels[user.role]}，登录名 {user.username}）
                </Text>
                <Text size="xs" c="dimmed">
                  为保护群众信息，{idleMinutes} 分钟无操作或手动锁定后需输入密码才能继续。未保存的内容仍然保留。
                </Text>
              </Stack>
              <PasswordInput label="密码" autoComplete="current-password" autoFocus {...form.getInputProps('password')} />
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              )}
              <Group justify="space-between">
                <Button
                  variant="default"
                  loading={leaving}
                  onClick={() => {
                    setLeaving(true);
                    void onLogout().finally(() => setLeaving(false));
                  }}
                >
                  退出登录
                </Button>
                <Button type="submit" loading={form.submitting}>
                  解锁
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
