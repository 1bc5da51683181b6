import { Alert, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { SessionUser } from '../../../../shared/contract/users';
import { ChangePasswordForm } from './ChangePasswordModal';

interface ForcedPasswordChangeProps {
  user: SessionUser;
  onChanged: () => void;
  onLogout: () => void;
}

/**
 * Shown right after signing in with a password an admin chose (a new account, a reset): the core
 * refuses everything else until it is changed, so the page says so instead of failing later.
 */
export function ForcedPasswordChange({ user, onChanged, onLogout }: ForcedPasswordChangeProps) {
  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} radius="md">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={3}>请修改密码</Title>
            <Text size="sm">
              {user.displayName}（{user.username}）
            </Text>
          </Stack>
          <Alert color="yellow" variant="light">
            当前密码由管理员设置。为了账号安全，请先设置只有您自己知道的新密码，然后才能继续使用。
          </Alert>
          <ChangePasswordForm onClose={onLogout} onChanged={onChanged} cancelLabel="退出登录" />
        </Stack>
      </Paper>
    </Center>
  );
}
