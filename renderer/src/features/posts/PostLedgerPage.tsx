import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PostLedgerRow } from '../../../../shared/contract/postLedger';
import { householdKindLabels } from '../../../../shared/domain/household';
import { appointmentStatusLabels } from '../../../../shared/domain/posts';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, YearFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger, useYearFilter } from '../../components/ledger';
import { ExportButton } from '../files';

type Status = 'onDuty' | 'left';
const statuses: readonly Status[] = ['onDuty', 'left'];
const statusLabels: Record<Status, string> = { onDuty: '在岗', left: '已退岗' };

interface Base {
  year: number;
  villageId?: string;
  postType?: string;
  status?: Status;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['posts.ledger', base, 'page', page] as const,
    queryFn: () => invoke('posts.ledger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const col = ledgerColumnHelper<PostLedgerRow>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('postName', { header: '岗位名称', size: 140, enableSorting: false, meta: { label: '岗位名称' } }),
  col.accessor('postType', { header: '岗位类型', size: 90, enableSorting: false, meta: { label: '岗位类型' } }),
  col.accessor('funding', { header: '资金渠道', size: 100, enableSorting: false, meta: { label: '资金渠道' } }),
  col.accessor('name', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, enableSorting: false, meta: { label: '户编号' } }),
  col.accessor('householdKind', { header: '户类型', size: 80, enableSorting: false, cell: (i) => householdKindLabels[i.getValue()], meta: { label: '户类型' } }),
  col.accessor('status', { header: '状态', size: 72, enableSorting: false, cell: (i) => appointmentStatusLabels[i.getValue()], meta: { label: '状态' } }),
  col.accessor('startDate', { header: '协议开始', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '协议开始' } }),
  col.accessor('endDate', { header: '协议结束', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '协议结束' } }),
  col.accessor('leftDate', { header: '退岗日期', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '退岗日期' } }),
  col.accessor('subsidyFen', { header: '补贴（元/月）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '补贴标准' } }),
  col.accessor('months', { header: '月数', size: 60, enableSorting: false, meta: { label: '公益性岗位(月数)' } }),
  col.accessor('dueFen', { header: '应发（元）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '应发' } }),
  col.accessor('paidFen', { header: '实发（元）', size: 96, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '实发' } }),
]);

/** 公益性岗位台账: every holder with an agreement in the year, with months, 应发 and 实发 from the attendance. */
export function PostLedgerPage() {
  const navigate = useNavigate();
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const year = useYearFilter();
  const [villageId, setVillageId] = useState('');
  const [postType, setPostType] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const base = useMemo<Base>(
    () => ({ year: year.year, ...(villageId ? { villageId } : {}), ...(postType ? { postType } : {}), ...(status ? { status } : {}) }),
    [year.year, villageId, postType, status],
  );
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.appointmentId });

  return (
    <LedgerPage
      title="公益性岗位台账"
      unit="人次"
      actions={<ExportButton ledger="welfarePosts" filters={base} />}
      filters={
        <>
          <YearFilter filter={year} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <ChoiceFilter label="岗位类型" w={130} all="全部类型" options={catalog.data?.postTypes ?? []} value={postType} onChange={setPostType} />
          <ChoiceFilter label="状态" w={110} all="全部" options={statuses} labels={statusLabels} value={status} onChange={setStatus} />
        </>
      }
      ledger={ledger}
      table={table}
      label="公益性岗位台账"
      onOpen={(r) => void navigate(`/households/${r.householdId}`)}
      rowId={(r) => r.appointmentId}
      rowTitle="单击或按回车打开该户"
      emptyTitle="没有符合条件的公益岗聘用记录"
      emptyHint="在“公益性岗位”页面设岗并完成聘用（签协议、在岗）后出现在这里；也可换一个年度或放宽筛选。"
    />
  );
}
