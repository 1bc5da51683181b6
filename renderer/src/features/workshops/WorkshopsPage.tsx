import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { workshopFormLabels, workshopStateLabels, workshopTypeLabels, type WorkshopState } from '../../../../shared/domain/workshops';
import { apiQuery, officeQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { WorkshopModal } from './WorkshopDialogs';

// 帮扶车间: every workshop of the township with its state, today's staff and whether this
// quarter's monitoring check is still due; a row opens the workshop.

export const stateColors: Readonly<Record<WorkshopState, string>> = { running: 'green', pending: 'orange', cleared: 'gray' };

export function WorkshopsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const office = useQuery(officeQuery);
  const [villageId, setVillageId] = useState('');
  const list = useQuery(apiQuery('workshops.list', villageId ? { villageId } : {}));
  const [creating, setCreating] = useState(false);
  const canEdit = user.role !== 'reviewer';

  return (
    <Stack gap="md">
      <PageHeader title="帮扶车间" description="就业帮扶车间的认定、季度监测、务工人员和年度奖补测算。">
        <Anchor component={Link} to="/workshops/ledger" size="sm">
          帮扶车间台账
        </Anchor>
        {canEdit && <Button onClick={() => setCreating(true)}>登记帮扶车间</Button>}
      </PageHeader>
      <Group>
        <NativeSelect
          label="村"
          w={160}
          data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]}
          value={villageId}
          onChange={(e) => setVillageId(e.currentTarget.value)}
        />
      </Group>
      {list.isPending && <LoadingBlock />}
      {list.isError && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.workshops.length === 0 && (
        <Alert color="gray" title="还没有登记帮扶车间">
          点击“登记帮扶车间”录入车间名称、所在村和认定文号，再登记在车间务工的人员。
        </Alert>
      )}
      {list.data && list.data.workshops.length > 0 && (
        <Table striped highlightOnHover aria-label="帮扶车间">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>村</Table.Th>
              <Table.Th>车间名称</Table.Th>
              <Table.Th>经营形式 / 类型</Table.Th>
              <Table.Th>认定</Table.Th>
              <Table.Th>监测状态</Table.Th>
              <Table.Th>在岗人数</Table.Th>
              <Table.Th>最近检查</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.workshops.map((w) => (
              <Table.Tr key={w.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/workshops/${w.id}`)}>
                <Table.Td>{w.villageName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/workshops/${w.id}`} onClick={(e) => e.stopPropagation()}>
                    {w.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {workshopFormLabels[w.form]} / {workshopTypeLabels[w.kind]}
                </Table.Td>
                <Table.Td>{w.recognitionNo ? `${w.recognitionNo}（${w.recognizedOn}）` : <Text c="dimmed">未认定</Text>}</Table.Td>
                <Table.Td>
                  <Badge color={stateColors[w.state]} variant="light">
                    {workshopStateLabels[w.state]}
                  </Badge>
                </Table.Td>
                <Table.Td>{w.staffNow}</Table.Td>
                <Table.Td>
                  {w.lastCheckOn ?? '—'}
                  {w.checkDue && (
                    <Badge ml="xs" color="orange" variant="outline">
                      本季度待检查
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <WorkshopModal workshop={null} opened={creating} onClose={() => setCreating(false)} onSaved={(w) => void navigate(`/workshops/${w.id}`)} />
    </Stack>
  );
}
