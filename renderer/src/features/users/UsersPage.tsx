import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { roleLabels } from '../../../../shared/contract';
import type { UserRow } from '../../../../shared/contract/users';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserModals';

/** 用户管理 (admin): who may sign in, with which role. Users are never deleted, only 停用. */
export function UsersPage() {
  const { user: me } = useSession();
  const users = useQuery(apiQuery('users.list', {}));
  const [createOpened, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);

  return (
    <>
      <PageHeader title="用户管理" description="本单位可以登录本程序的人员。用户不能删除，不再使用时请停用。">
        <Button onClick={createModal.open}>新增用户</Button>
      </PageHeader>

      {users.isPending && <LoadingBlock />}
      {users.isError && <ErrorBlock error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <Paper withBorder>
          <Table striped highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>登录名</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>角色</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>最近登录</Table.Th>
                <Table.Th w={200}>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.rows.map((u) => (
                <Table.Tr key={u.id} c={u.active ? undefined : 'dimmed'}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>
                    {u.displayName}
                    {u.id === me.id && (
                      <Text span size="xs" c="dimmed" ml={4}>
                        （本人）
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{roleLabels[u.role]}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={u.active ? 'green' : 'gray'} radius="sm">
                      {u.active ? '在用' : '停用'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(u.lastLoginAt, '从未登录')}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(u)}>
                        编辑
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => setResetting(u)}>
                        重置密码
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <CreateUserModal opened={createOpened} onClose={createModal.close} />
      <EditUserModal user={editing} isSelf={editing?.id === me.id} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
