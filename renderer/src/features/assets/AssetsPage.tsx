import { Button, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { queryOptions } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { AssetRow } from '../../../../shared/contract/assets';
import { assetClasses, assetClassLabels, assetStatuses, assetStatusLabels, ownerLevelLabels, type AssetClass, type AssetStatus } from '../../../../shared/domain/assets';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger } from '../../components/ledger';
import { ExportButton } from '../files';
import { AssetModal } from './AssetModal';

interface Base {
  assetClass: AssetClass | null;
  status: AssetStatus | null;
  villageId: string | null;
  search: string;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['assets.list', base, 'page', page] as const,
    queryFn: () => invoke('assets.list', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<AssetRow>();
const money = (label: string) => ({ size: 110, enableSorting: false, cell: (i: { getValue: () => number }) => formatYuan(i.getValue()), meta: { label } });
const columns = col.columns([
  col.accessor('assetCode', { header: '资产编号', size: 110, enableSorting: false, meta: { label: '资产编号' } }),
  col.accessor('name', { header: '资产名称', size: 180, enableSorting: false, meta: { label: '资产名称' } }),
  col.accessor('assetClass', { header: '类别', size: 70, enableSorting: false, cell: (i) => assetClassLabels[i.getValue()], meta: { label: '类别' } }),
  col.accessor('projectName', { header: '形成项目', size: 180, enableSorting: false, meta: { label: '形成项目' } }),
  col.accessor('villageName', { header: '所在村', size: 84, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '所在村' } }),
  col.accessor('valueFen', { header: '原值（元）', ...money('原值') }),
  col.accessor('ownerLevel', { header: '所有权', size: 70, enableSorting: false, cell: (i) => ownerLevelLabels[i.getValue()], meta: { label: '所有权层级' } }),
  col.accessor('operator', { header: '经营主体', size: 150, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '经营主体' } }),
  col.accessor('caretaker', { header: '管护主体', size: 150, enableSorting: false, meta: { label: '管护主体' } }),
  col.accessor('status', { header: '状态', size: 70, enableSorting: false, cell: (i) => assetStatusLabels[i.getValue()], meta: { label: '状态' } }),
  col.accessor('incomeFen', { header: '累计收益（元）', ...money('累计收益') }),
]);

/** 项目资产 · 资产台账: every asset formed by a project, by class, status and village, with export. */
export function AssetsPage() {
  const navigate = useNavigate();
  const [assetClass, setAssetClass] = useState<AssetClass | ''>('');
  const [status, setStatus] = useState<AssetStatus | ''>('');
  const [villageId, setVillageId] = useState('');
  const [search, setSearch] = useState('');
  const [newOpen, newModal] = useDisclosure(false);
  const base = useMemo<Base>(
    () => ({ assetClass: assetClass || null, status: status || null, villageId: villageId || null, search }),
    [assetClass, status, villageId, search],
  );
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.id });
  const exportFilters = { ...(assetClass ? { assetClass } : {}), ...(status ? { status } : {}), ...(villageId ? { villageId } : {}) };

  return (
    <LedgerPage
      title="项目资产 · 资产台账"
      unit="项资产"
      actions={
        <>
          <ExportButton ledger="assets" filters={exportFilters} />
          <Button size="xs" onClick={newModal.open}>
            登记资产
          </Button>
        </>
      }
      filters={
        <>
          <ChoiceFilter label="资产类别" w={120} all="全部类别" options={assetClasses} labels={assetClassLabels} value={assetClass} onChange={setAssetClass} />
          <ChoiceFilter label="状态" w={110} all="全部状态" options={assetStatuses} labels={assetStatusLabels} value={status} onChange={setStatus} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <TextInput label="搜索" placeholder="资产名称、编号或项目" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        </>
      }
      ledger={ledger}
      table={table}
      label="资产台账"
      onOpen={(r) => void navigate(`/assets/${r.id}`)}
      rowId={(r) => r.id}
      rowTitle="单击或按回车打开资产"
      emptyTitle="没有符合条件的资产"
      emptyHint="项目完工后点“登记资产”登记其形成的资产；也可放宽筛选。"
    >
      <AssetModal opened={newOpen} onClose={newModal.close} />
    </LedgerPage>
  );
}
