import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { projectStatuses, projectStatusLabels, projectTypeLabels, projectTypes, type ProjectStatus, type ProjectType } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import { ColumnChooser, LedgerTable, useLedgerTable, usePagedLedger, wholeListPageQuery, type ListSort, type WholeListBase } from '../../components/ledger';
import { PageHeader } from '../../components/PageStates';
import { ExportButton } from '../files';
import { isProjectSortColumn, projectColumns, projectSortValue, type ProjectSortColumn } from './ledgerColumns';
import { PrintButton } from './PrintButton';
import { ProjectModal } from './ProjectModal';
import { yearOptions } from './util';

const pageQuery = wholeListPageQuery('funds.listProjects', (out) => out.rows, projectSortValue);

/** 项目库台账: every project with its step, budget and money, filtered and sorted, on the ledger kit. */
export function ProjectsPage() {
  const today = useToday();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [year, setYear] = useState('');
  const [status, setStatus] = useState<ProjectStatus | ''>('');
  const [type, setType] = useState<ProjectType | ''>('');
  const [villageId, setVillageId] = useState('');
  const [searchText, setSearch] = useState('');
  const [search] = useDebouncedValue(searchText, 200);
  const [lateOnly, setLateOnly] = useState(params.get('late') === '1');
  const [sort, setSort] = useState<ListSort<ProjectSortColumn> | null>(null);
  const [newOpen, newModal] = useDisclosure(false);
  const office = useQuery(officeQuery);

  const base = useMemo<WholeListBase<'funds.listProjects', ProjectSortColumn>>(
    () => ({
      input: {
        year: year === '' ? null : Number(year),
        status: status === '' ? null : status,
        projectType: type === '' ? null : type,
        villageId: villageId === '' ? null : villageId,
        search: search.trim().slice(0, 60),
        lateOnly,
      },
      sort,
    }),
    [year, status, type, villageId, search, lateOnly, sort],
  );
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const columns = useMemo(() => projectColumns(today), [today]);
  const table = useLedgerTable({
    columns,
    data: ledger.data,
    rowId: (p) => p.id,
    sort,
    onSort: setSort,
    isSortColumn: isProjectSortColumn,
    visibilityKey: 'funds.projects.columns.v1',
  });
  // The plan notice is of the year chosen in the filter, else of the current year.
  const planYear = year === '' ? Number(today.slice(0, 4)) : Number(year);
  const anyFilter = year !== '' || status !== '' || type !== '' || villageId !== '' || search.trim() !== '' || lateOnly;

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <PageHeader title="项目库台账" description="项目从村申报到绩效自评的每一步；入库公告后才能分配资金。点一行打开项目办理。">
        <Text c="dimmed" size="sm" aria-live="polite">
          {ledger.shown === null ? '正在加载…' : `共 ${ledger.shown.total.toLocaleString('zh-CN')} 个项目`}
        </Text>
        <ColumnChooser table={table} />
        <ExportButton
          ledger="fundProjects"
          filters={{
            ...(year === '' ? {} : { year: Number(year) }),
            ...(status === '' ? {} : { status }),
            ...(type === '' ? {} : { projectType: type }),
            ...(villageId === '' ? {} : { villageId }),
          }}
        />
        <PrintButton label={`打印${planYear}年度计划公告`} run={() => invoke('funds.printPlanNotice', { year: planYear })} />
        <Button onClick={newModal.open}>新建项目</Button>
      </PageHeader>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect label="年度" w={110} data={[{ value: '', label: '全部年度' }, ...yearOptions(today)]} value={year} onChange={(e) => setYear(e.currentTarget.value)} />
        <NativeSelect
          label="状态"
          w={120}
          data={[{ value: '', label: '全部状态' }, ...projectStatuses.map((s) => ({ value: s, label: projectStatusLabels[s] }))]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as ProjectStatus | '')}
        />
        <NativeSelect
          label="项目类型"
          w={180}
          data={[{ value: '', label: '全部类型' }, ...projectTypes.map((t) => ({ value: t, label: projectTypeLabels[t] }))]}
          value={type}
          onChange={(e) => setType(e.currentTarget.value as ProjectType | '')}
        />
        <NativeSelect
          label="实施村"
          w={130}
          data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]}
          value={villageId}
          onChange={(e) => setVillageId(e.currentTarget.value)}
        />
        <TextInput
          label="搜索"
          w={200}
          placeholder="项目名称或编号"
          value={searchText}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && ledger.total > 0) {
              e.preventDefault();
              ledger.enterList();
            }
          }}
        />
        <Checkbox mb={8} label="只看支出进度落后" checked={lateOnly} onChange={(e) => setLateOnly(e.currentTarget.checked)} />
      </Group>
      {ledger.failed && (
        <Alert color="red" title="项目库没有加载出来">
          <Group justify="space-between">
            <Text size="sm">{errorMessage(ledger.failed)}</Text>
            <Button size="xs" variant="light" color="red" onClick={ledger.refetch}>
              重试
            </Button>
          </Group>
        </Alert>
      )}
      <LedgerTable
        ledger={ledger}
        table={table}
        label="项目库台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={(p) => void navigate(`/funds/projects/${p.id}`)}
        rowId={(p) => p.id}
        rowData={(p) => ({ 'data-code': p.projectCode })}
        rowTitle="单击或按回车打开该项目"
        empty={
          <Stack gap="xs" align="center">
            <Text fw={500}>{anyFilter ? '没有符合条件的项目' : '项目库还是空的'}</Text>
            <Text size="sm" c="dimmed">
              {anyFilter ? '请检查搜索内容，或放宽年度、状态、类型等筛选。' : '点右上角“新建项目”登记村申报的项目，再按步骤办理公示、审核和入库。'}
            </Text>
          </Stack>
        }
      />
      <ProjectModal opened={newOpen} onClose={newModal.close} />
    </Stack>
  );
}
