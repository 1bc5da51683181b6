import { Badge, Button, Checkbox, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { projectStatuses, projectStatusLabels, projectStepLabels, projectTypeLabels, projectTypes, yuan, type ProjectStatus, type ProjectType } from '../../../../shared/domain/funds';
import { apiQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { ExportButton } from '../files';
import { ProjectModal } from './ProjectModal';
import { percentText, yearOptions } from './util';

/** 项目库台账: every project with its step, budget and money, filtered. */
export function ProjectsPage() {
  const today = useToday();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [year, setYear] = useState('');
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [type, setType] = useState<ProjectType | ''>('');
  const [villageId, setVillageId] = useState('');
  const [search, setSearch] = useState('');
  const [lateOnly, setLateOnly] = useState(params.get('late') === '1');
  const [newOpen, newModal] = useDisclosure(false);
  const office = useQuery(officeQuery);
  const list = useQuery(
    apiQuery('funds.listProjects', {
      year: year === '' ? null : Number(year),
      status: status === '' ? null : status,
      projectType: type === '' ? null : type,
      villageId: villageId === '' ? null : villageId,
      search,
      lateOnly,
    }),
  );
  return (
    <>
      <PageHeader title="项目库台账" description="项目从村申报到绩效自评的每一步；入库公告后才能分配资金。">
        <ExportButton
          ledger="fundProjects"
          filters={{
            ...(year === '' ? {} : { year: Number(year) }),
            ...(status === '' ? {} : { status }),
            ...(type === '' ? {} : { projectType: type }),
            ...(villageId === '' ? {} : { villageId }),
          }}
        />
        <Button onClick={newModal.open}>新建项目</Button>
      </PageHeader>
      <Paper withBorder p="xs" mb="sm">
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <NativeSelect aria-label="年度" data={[{ value: '', label: '全部年度' }, ...yearOptions(today)]} value={year} onChange={(e) => setYear(e.currentTarget.value)} />
          <NativeSelect
            aria-label="状态"
            data={[{ value: '', label: '全部状态' }, ...projectStatuses.map((s) => ({ value: s, label: projectStatusLabels[s] }))]}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ProjectStatus | '')}
          />
          <NativeSelect
            aria-label="项目类型"
            data={[{ value: '', label: '全部类型' }, ...projectTypes.map((t) => ({ value: t, label: projectTypeLabels[t] }))]}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as ProjectType | '')}
          />
          <NativeSelect
            aria-label="村"
            data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]}
            value={villageId}
            onChange={(e) => setVillageId(e.currentTarget.value)}
          />
          <TextInput aria-label="搜索" placeholder="项目名称或编号" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          <Checkbox label="只看支出进度落后" checked={lateOnly} onChange={(e) => setLateOnly(e.currentTarget.checked)} />
        </div>
      </Paper>
      {list.isPending && <LoadingBlock />}
      {list.isError && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table striped highlightOnHover aria-label="项目库台账" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>编号</Table.Th>
                <Table.Th>项目名称</Table.Th>
                <Table.Th>类型</Table.Th>
                <Table.Th>年度</Table.Th>
                <Table.Th>实施村</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>最近步骤</Table.Th>
                <Table.Th ta="right">预算（元）</Table.Th>
                <Table.Th ta="right">已分配</Table.Th>
                <Table.Th ta="right">已拨付</Table.Th>
                <Table.Th ta="right">支出进度</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={11}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      没有符合条件的项目。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.rows.map((p) => (
                <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(`/funds/projects/${p.id}`)} data-code={p.projectCode}>
                  <Table.Td>{p.projectCode}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{projectTypeLabels[p.projectType]}</Table.Td>
                  <Table.Td>{p.year}</Table.Td>
                  <Table.Td>{p.villageNames.join('、')}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" radius="sm" color={p.status === 'inLibrary' ? 'green' : p.status === 'draft' ? 'blue' : 'gray'}>
                      {projectStatusLabels[p.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {p.lastStep ? `${projectStepLabels[p.lastStep]} ${p.lastStepDate ?? ''}` : '—'}
                    {p.dueDate !== null && p.dueDate < today && (
                      <Text span c="red" size="xs" ml={4}>
                        审核已超期
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{yuan(p.budgetFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(p.allocatedFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(p.disbursedFen)}</Table.Td>
                  <Table.Td ta="right" c={p.late ? 'red' : undefined}>
                    {percentText(p.progressPermille)}
                    {p.late && `（应达 ${p.requiredPercent}%）`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ProjectModal opened={newOpen} onClose={newModal.close} />
    </>
  );
}
