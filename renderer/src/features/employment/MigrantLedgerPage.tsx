import { Alert, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { MigrantLedgerRow } from '../../../../shared/contract/employment';
import { jobChannelLabels, workAreaLabels, workAreas, type WorkArea } from '../../../../shared/domain/employment';
import { householdKindLabels } from '../../../../shared/domain/household';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import { LEDGER_PAGE_SIZE, LedgerTable, ledgerColumnHelper, ledgerFeatures, usePagedLedger } from '../../components/ledger';
import { ExportButton } from '../files';

interface Base {
  year: number;
  villageId?: string;
  area?: WorkArea;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['employment.migrantLedger', base, 'page', page] as const,
    queryFn: () => invoke('employment.migrantLedger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<MigrantLedgerRow>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, enableSorting: false, meta: { label: '户编号' } }),
  col.accessor('name', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  col.accessor('householdKind', { header: '户类型', size: 80, enableSorting: false, cell: (i) => householdKindLabels[i.getValue()], meta: { label: '户类型' } }),
  col.accessor('place', { header: '务工所在地', size: 180, enableSorting: false, meta: { label: '务工所在地' } }),
  col.accessor('area', { header: '务工地域', size: 84, enableSorting: false, cell: (i) => workAreaLabels[i.getValue()] + (i.row.original.abroad ? '（国外）' : ''), meta: { label: '务工地域' } }),
  col.accessor('employer', { header: '务工企业名称', size: 160, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '务工企业名称' } }),
  col.accessor('channel', { header: '就业渠道', size: 96, enableSorting: false, cell: (i) => jobChannelLabels[i.getValue()], meta: { label: '就业渠道' } }),
  col.accessor('startDate', { header: '开始', size: 96, enableSorting: false, meta: { label: '开始' } }),
  col.accessor('endDate', { header: '结束', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '至今', meta: { label: '结束' } }),
  col.accessor('months', { header: '务工时间（月）', size: 100, enableSorting: false, meta: { label: '务工时间（月）' } }),
  col.accessor('monthlyIncomeFen', { header: '月收入（元）', size: 100, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '月收入' } }),
]);

/** 外出务工台账: every job spell touching the year, by village, 务工地域 and year. */
export function MigrantLedgerPage() {
  const today = useToday();
  const navigate = useNavigate();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const [year, setYear] = useState(today.slice(0, 4));
  const [villageId, setVillageId] = useState('');
  const [area, setArea] = useState<WorkArea | ''>('');
  const validYear = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const base = useMemo<Base>(() => {
    const b: Base = { year: validYear ? Number(year) : Number(today.slice(0, 4)) };
    if (villageId) b.villageId = villageId;
    if (area) b.area = area;
    return b;
  }, [year, validYear, villageId, area, today]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.spellId });

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>外出务工台账</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {ledger.shown === null ? '正在加载…' : `共 ${ledger.shown.total.toLocaleString('zh-CN')} 条务工记录`}
        </Text>
        <ExportButton ledger="migrantWork" filters={base} />
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput label="年度" w={90} value={year} error={validYear ? undefined : '请填 4 位年度'} onChange={(e) => setYear(e.currentTarget.value)} />
        <NativeSelect
          label="村"
          w={130}
          data={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
          value={villageId}
          onChange={(e) => setVillageId(e.currentTarget.value)}
        />
        <NativeSelect
          label="务工地域"
          w={130}
          data={[{ value: '', label: '全部地域' }, ...workAreas.map((a) => ({ value: a, label: workAreaLabels[a] }))]}
          value={area}
          onChange={(e) => setArea(e.currentTarget.value as WorkArea | '')}
        />
      </Group>
      {ledger.failed && (
        <Alert color="red" title="台账没有加载出来">
          {errorMessage(ledger.failed)}
        </Alert>
      )}
      <LedgerTable
        ledger={ledger}
        table={table}
        label="外出务工台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={(r) => void navigate(`/households/${r.householdId}`)}
        rowId={(r) => r.spellId}
        rowTitle="单击或按回车打开该户"
        empty={
          <Stack gap="xs" align="center">
            <Text fw={500}>没有符合条件的务工记录</Text>
            <Text size="sm" c="dimmed">
              在户页面的“务工记录”或“季度务工摸排”中登记务工；也可换一个年度或放宽筛选。
            </Text>
          </Stack>
        }
      />
    </Stack>
  );
}
