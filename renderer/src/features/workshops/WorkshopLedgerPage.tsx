import { queryOptions } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { WorkshopLedgerRow } from '../../../../shared/contract/workshops';
import { workshopFormLabels, workshopStateLabels, workshopStates, workshopTypeLabels, type WorkshopState } from '../../../../shared/domain/workshops';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, YearFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger, useYearFilter } from '../../components/ledger';
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
  const navigate = useNavigate();
  const year = useYearFilter();
  const [villageId, setVillageId] = useState('');
  const [state, setState] = useState<WorkshopState | ''>('');
  const base = useMemo<Base>(() => ({ year: year.year, ...(villageId ? { villageId } : {}), ...(state ? { state } : {}) }), [year.year, villageId, state]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.id });

  return (
    <LedgerPage
      title="帮扶车间台账"
      unit="个车间"
      actions={<ExportButton ledger="workshops" filters={base} />}
      filters={
        <>
          <YearFilter filter={year} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <ChoiceFilter label="监测状态" w={130} all="全部状态" options={workshopStates} labels={workshopStateLabels} value={state} onChange={setState} />
        </>
      }
      ledger={ledger}
      table={table}
      label="帮扶车间台账"
      onOpen={(r) => void navigate(`/workshops/${r.id}`)}
      rowId={(r) => r.id}
      rowTitle="单击或按回车打开该车间"
      emptyTitle="没有符合条件的帮扶车间"
      emptyHint="在“帮扶车间”页面登记车间；也可换一个年度或放宽筛选。"
    />
  );
}
