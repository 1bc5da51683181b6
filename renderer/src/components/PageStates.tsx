import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from './formErrors';

/** A page's title line with its actions on the right. */
export function PageHeader({ title, description, children }: { title: string; description?: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
      <Stack gap={2}>
        <Title order={3}>{title}</Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {children && <Group gap="sm">{children}</Group>}
    </Group>
  );
}

export function LoadingBlock({ label = '正在读取…', fullScreen = false }: { label?: string; fullScreen?: boolean }) {
  return (
    <Center h={fullScreen ? '100vh' : 160}>
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function ErrorBlock({ error, onRetry, title = '读取失败' }: { error: unknown; onRetry?: () => void; title?: string }) {
  // Locked or signed out: the lock screen or login page is already showing; after unlocking the page reads again.
  if (error instanceof ApiError && (error.code === 'LOCKED' || error.code === 'NOT_SIGNED_IN')) {
    return <LoadingBlock label="解锁后继续读取…" />;
  }
  return (
    <Alert color="red" variant="light" title={title}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            重试
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Shown instead of a page the signed-in role may not use; the core refuses the calls anyway. */
export function NoAccess({ roleLabel }: { roleLabel: string }) {
  return (
    <Alert color="orange" variant="light" title="无权访问" maw={560}>
      当前账号（{roleLabel}）不能使用这个页面。如需办理，请联系本单位管理员。
    </Alert>
  );
}
