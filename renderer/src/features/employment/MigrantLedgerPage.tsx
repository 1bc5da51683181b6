import { queryOptions } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { MigrantLedgerRow } from '../../../../shared/contract/employment';
import { jobChannelLabels, workAreaLabels, workAreas, type WorkArea } from '../../../../shared/domain/employment';
import { householdKindLabels } from '../../../../shared/domain/household';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, YearFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger, useYearFilter } from '../../components/ledger';
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
  const navigate = useNavigate();
  const year = useYearFilter();
  const [villageId, setVillageId] = useState('');
  const [area, setArea] = useState<WorkArea | ''>('');
  const base = useMemo<Base>(() => ({ year: year.year, ...(villageId ? { villageId } : {}), ...(area ? { area } : {}) }), [year.year, villageId, area]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.spellId });

  return (
    <LedgerPage
      title="外出务工台账"
      unit="条务工记录"
      actions={<ExportButton ledger="migrantWork" filters={base} />}
      filters={
        <>
          <YearFilter filter={year} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <ChoiceFilter label="务工地域" w={130} all="全部地域" options={workAreas} labels={workAreaLabels} value={area} onChange={setArea} />
        </>
      }
      ledger={ledger}
      table={table}
      label="外出务工台账"
      onOpen={(r) => void navigate(`/households/${r.householdId}`)}
      rowId={(r) => r.spellId}
      rowTitle="单击或按回车打开该户"
      emptyTitle="没有符合条件的务工记录"
      emptyHint="在户页面的“务工记录”或“季度务工摸排”中登记务工；也可换一个年度或放宽筛选。"
    />
  );
}
