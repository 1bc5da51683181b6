import { Alert, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { WorkshopLedgerRow } from '../../../../shared/contract/workshops';
import { workshopFormLabels, workshopStateLabels, workshopStates, workshopTypeLabels, type WorkshopState } from '../../../../shared/domain/workshops';
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
  state?: WorkshopState;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['workshops.ledger', base, 'page', page] as const,
    queryFn: () => invoke('workshops.ledger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<WorkshopLedgerRow>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('name', { header: '车间名称', size: 180, enableSorting: false, meta: { label: '车间名称' } }),
  col.accessor('creditCode', { header: '统一社会信用代码', size: 170, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '统一社会信用代码' } }),
  col.accessor('form', { header: '经营形式', size: 110, enableSorting: false, cell: (i) => workshopFormLabels[i.getValue()], meta: { label: '经营形式' } }),
  col.accessor('kind', { header: '类型', size: 90, enableSorting: false, cell: (i) => workshopTypeLabels[i.getValue()], meta: { label: '类型' } }),
  col.accessor('recognitionNo', { header: '认定文号', size: 150, enableSorting: false, cell: (i) => i.getValue() ?? '未认定', meta: { label: '认定文号' } }),
  col.accessor('recognizedOn', { header: '认定日期', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '认定日期' } }),
  col.accessor('state', { header: '监测状态', size: 96, enableSorting: false, cell: (i) => workshopStateLabels[i.getValue()], meta: { label: '监测状态' } }),
  col.accessor('lastCheckOn', { header: '最近检查', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '最近检查' } }),
  col.accessor('staffInYear', { header: '务工人数', size: 80, enableSorting: false, meta: { label: '务工人数' } }),
  col.accessor('povertyStaff', { header: '脱贫人口', size: 80, enableSorting: false, meta: { label: '吸纳脱贫人口数' } }),
  col.accessor('countedPeople', { header: '稳定就业', size: 80, enableSorting: false, meta: { label: '稳定就业人数' } }),
  col.accessor('stablePeople', { header: '满12个月', size: 80, enableSorting: false, meta: { label: '满12个月人数' } }),
  col.accessor('rewardFen', { header: '可享奖补（元）', size: 110, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '可享奖补' } }),
]);

/** 帮扶车间台账: one row per workshop with the year's people absorbed and the reward it may claim. */
export function WorkshopLedgerPage() {
  const today = useToday();
  const navigate = useNavigate();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const [year, setYear] = useState(today.slice(0, 4));
  const [villageId, setVillageId] = useState('');
  const [state, setState] = useState<WorkshopState | ''>('');
  const validYear = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const base = useMemo<Base>(() => {
    const b: Base = { year: validYear ? Number(year) : Number(today.slice(0, 4)) };
    if (villageId) b.villageId = villageId;
    if (state) b.state = state;
    return b;
  }, [year, validYear, villageId, state, today]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.id });

  return (
    <Stack ref={ledger.measureRef} gap="xs" style={{ height: ledger.height }}>
      <Group gap="md" align="baseline">
        <Title order={3}>帮扶车间台账</Title>
        <Text c="dimmed" size="sm" aria-live="polite">
          {ledger.shown === null ? '正在加载…' : `共 ${ledger.shown.total.toLocaleString('zh-CN')} 个车间`}
        </Text>
        <ExportButton ledger="workshops" filters={base} />
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
          label="监测状态"
          w={130}
          data={[{ value: '', label: '全部状态' }, ...workshopStates.map((s) => ({ value: s, label: workshopStateLabels[s] }))]}
          value={state}
          onChange={(e) => setState(e.currentTarget.value as WorkshopState | '')}
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
        label="帮扶车间台账"
        style={{ flex: 1, minHeight: 0 }}
        onOpen={(r) => void navigate(`/workshops/${r.id}`)}
        rowId={(r) => r.id}
        rowTitle="单击或按回车打开该车间"
        empty={
          <Stack gap="xs" align="center">
            <Text fw={500}>没有符合条件的帮扶车间</Text>
            <Text size="sm" c="dimmed">
              在“帮扶车间”页面登记车间；也可换一个年度或放宽筛选。
            </Text>
          </Stack>
        }
      />
    </Stack>
  );
}
