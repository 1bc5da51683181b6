import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Village } from '../../../../shared/contract/settings';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { BackupStatus } from '../backups';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { OfficeForm } from './OfficeForm';
import { VillageModal, type VillageModalTarget } from './VillageModal';
import { nextVillageCode } from './villageCodes';

/** 单位与村组设置 (admin). */
export function SettingsPage() {
  const queryClient = useQueryClient();
  const office = useQuery(apiQuery('settings.office', {}));
  const [editing, setEditing] = useState<VillageModalTarget | null>(null);
  const [removing, setRemoving] = useState<Village | null>(null);

  if (office.isPending) return <LoadingBlock />;
  if (office.isError) return <ErrorBlock error={office.error} onRetry={() => void office.refetch()} />;
  const { villages } = office.data;
  const townshipCode = office.data.office.townshipCode;

  return (
    <>
      <PageHeader title="单位与村组设置" description="本单位名称、自动锁定时间，以及所辖行政村和村民小组。" />
      <Stack gap="md">
        <OfficeForm office={office.data.office} />
        <BackupStatus />

        <Paper withBorder>
          <Group justify="space-between" p="md" pb="sm">
            <Title order={4}>行政村与村民小组（{villages.length} 个村）</Title>
            <Button
              onClick={() =>
                setEditing({ village: null, suggestedCode: nextVillageCode(townshipCode, villages.map((v) => v.code)) })
              }
            >
              新增村
            </Button>
          </Group>
          <Table striped highlightOnHover aria-label="行政村">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>序号</Table.Th>
                <Table.Th w={130}>村代码</Table.Th>
                <Table.Th w={140}>村名</Table.Th>
                <Table.Th>村民小组</Table.Th>
                <Table.Th w={140}>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {villages.map((v, i) => (
                <Table.Tr key={v.id}>
                  <Table.Td c="dimmed">{i + 1}</Table.Td>
                  <Table.Td ff="monospace">{v.code}</Table.Td>
                  <Table.Td fw={500}>{v.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light" color="gray" radius="sm" mr={4}>
                        {v.groups.length} 个组
                      </Badge>
                      <Text size="sm">{v.groups.map((g) => g.name).join('、')}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing({ village: v, suggestedCode: v.code })}>
                        修改
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(v)}>
                        删除
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>

      <VillageModal target={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={removing !== null}
        title={removing ? `删除村：${removing.name}` : '删除村'}
        message={
          removing
            ? `只能删除没有任何户籍记录的村（例如建错了的村）。删除后该村不再出现在选择列表中，记录会保留在操作日志里。确定删除${removing.name}（${removing.code}）吗？`
            : ''
        }
        confirmLabel="删除"
        danger
        reasonLabel="删除原因"
        onClose={() => setRemoving(null)}
        onConfirm={async (reason) => {
          if (!removing) return;
          await invoke('settings.removeVillage', { id: removing.id, reason });
          notifications.show({ color: 'green', title: '已删除', message: `${removing.name}已删除` });
          await invalidateChannels(queryClient, 'settings.office');
        }}
      />
    </>
  );
}
