import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { backupKindLabels, type BackupStatusInfo } from '../../../../shared/contract/backups';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import { formatDateTime } from '../../components/format';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';

export const backupStatusQuery = apiQuery('backups.status', {});

/** A week without a backup turns the warning from orange to red. */
const redAfterDays = 7;

export function backupWarningColor(status: BackupStatusInfo): 'orange' | 'red' | null {
  if (!status.warn) return null;
  return status.ageDays === null || status.ageDays > redAfterDays ? 'red' : 'orange';
}

export function backupAgeText(status: BackupStatusInfo): string {
  if (status.ageDays === null) return '从未备份';
  if (status.ageDays === 0) return '今天';
  if (status.ageDays === 1) return '昨天';
  return `${status.ageDays} 天前`;
}

/** The settings page's backup block: when the last backup ran, a warning when it is old, 立即备份. */
export function BackupStatus({ showLink = true }: { showLink?: boolean }) {
  const queryClient = useQueryClient();
  const today = useToday();
  const status = useQuery(backupStatusQuery);
  const [busy, setBusy] = useState(false);

  async function backupNow() {
    setBusy(true);
    try {
      const run = await invoke('backups.run', {});
      notifications.show({ color: 'green', title: '已备份', message: `备份文件：${run.file}` });
      await invalidateChannels(queryClient, 'backups.status', 'backups.list');
    } catch (err) {
      notifications.show({ color: 'red', title: '备份没有完成', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" aria-label="数据备份">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={4}>数据备份</Title>
        <Group gap="sm">
          {showLink && (
            <Anchor component={Link} to="/backups" size="sm">
              备份与恢复…
            </Anchor>
          )}
          <Button onClick={() => void backupNow()} loading={busy} disabled={status.isPending}>
            立即备份
          </Button>
        </Group>
      </Group>
      {status.isPending && <LoadingBlock />}
      {status.isError && <ErrorBlock error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && <StatusLines status={status.data} today={today} />}
    </Paper>
  );
}

function StatusLines({ status, today }: { status: BackupStatusInfo; today: string }) {
  const color = backupWarningColor(status);
  return (
    <Stack gap={6}>
      <Text size="sm">
        最近一次备份：
        {status.last ? (
          <>
            <Text span fw={500}>
              {formatDateTime(status.last.at)}
            </Text>
            （{backupAgeText(status)}，{backupKindLabels[status.last.kind]}）
          </>
        ) : (
          <Text span fw={500}>
            无
          </Text>
        )}
      </Text>
      {status.last && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          文件：{status.last.file}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        自动备份：程序开着时每天一份，存放在 {status.autoDir}，保留最近 7 天、4 周和 12 个月各一份。下次自动备份：
        {status.nextAutoDate === today ? '今天（一小时内）' : status.nextAutoDate}。
      </Text>
      {color && (
        <Alert color={color} variant="light" title={status.last ? `已经 ${status.ageDays} 天没有备份` : '还没有备份过'} role="alert">
          超过 {status.warnAfterDays} 天没有备份：电脑损坏或误删时，这期间录入的数据无法找回。请点“立即备份”，并定期备份到U盘等其他存储设备。
        </Alert>
      )}
    </Stack>
  );
}
