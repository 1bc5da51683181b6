import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PaymentLineLedgerRow } from '../../../../shared/contract/paymentsLedger';
import { paymentLineStateLabels, paymentLineStates, type PaymentLineState } from '../../../../shared/domain/payments';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, YearFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger, useYearFilter } from '../../components/ledger';
import { ExportButton } from '../files';

interface Base {
  year: number;
  month?: number;
  purpose?: string;
  villageId?: string;
  status?: PaymentLineState;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['payments.lineLedger', base, 'page', page] as const,
    queryFn: () => invoke('payments.lineLedger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const months = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
const monthLabels = Object.fromEntries(months.map((m) => [m, `${m} 月`])) as Record<(typeof months)[number], string>;

const col = ledgerColumnHelper<PaymentLineLedgerRow>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, enableSorting: false, meta: { label: '户编号' } }),
  col.accessor('name', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  col.accessor('purpose', { header: '用途', size: 96, enableSorting: false, meta: { label: '用途' } }),
  col.accessor('period', { header: '期间', size: 80, enableSorting: false, meta: { label: '期间' } }),
  col.accessor('amountFen', { header: '金额（元）', size: 100, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '金额' } }),
  col.accessor('state', {
    header: '状态',
    size: 160,
    enableSorting: false,
    cell: (i) => paymentLineStateLabels[i.getValue()] + (i.row.original.resultReason ? `（${i.row.original.resultReason}）` : ''),
    meta: { label: '状态' },
  }),
  col.accessor('listTitle', { header: '清册', size: 220, enableSorting: false, meta: { label: '清册' } }),
]);

/** 发放花名册: every line of every payment list of the period, by village and household, with where it stands. */
export function PaymentLinesLedgerPage() {
  const navigate = useNavigate();
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const year = useYearFilter();
  const [month, setMonth] = useState<(typeof months)[number] | ''>('');
  const [purpose, setPurpose] = useState('');
  const [villageId, setVillageId] = useState('');
  const [status, setStatus] = useState<PaymentLineState | ''>('');
  const base = useMemo<Base>(
    () => ({ year: year.year, ...(month ? { month: Number(month) } : {}), ...(purpose ? { purpose } : {}), ...(villageId ? { villageId } : {}), ...(status ? { status } : {}) }),
    [year.year, month, purpose, villageId, status],
  );
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.lineId });
  const totalFen = ledger.shown?.page?.totalFen;

  return (
    <LedgerPage
      title="发放花名册"
      count={(total) => `共 ${total.toLocaleString('zh-CN')} 行` + (totalFen === undefined ? '' : `，合计 ${formatYuan(totalFen)} 元`)}
      actions={<ExportButton ledger="paymentLines" filters={base} />}
      filters={
        <>
          <YearFilter filter={year} />
          <ChoiceFilter label="月份" w={90} all="全年" options={months} labels={monthLabels} value={month} onChange={setMonth} />
          <ChoiceFilter label="用途" w={130} all="全部用途" options={catalog.data?.purposes ?? []} value={purpose} onChange={setPurpose} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <ChoiceFilter label="状态" w={110} all="全部" options={paymentLineStates} labels={paymentLineStateLabels} value={status} onChange={setStatus} />
        </>
      }
      ledger={ledger}
      table={table}
      label="发放花名册"
      onOpen={(r) => void navigate(`/households/${r.householdId}`)}
      rowId={(r) => r.lineId}
      rowTitle="单击或按回车打开该户"
      emptyTitle="没有符合条件的发放记录"
      emptyHint="在“发放清册”中建立清册并添加发放对象后出现在这里；也可换一个年度或放宽筛选。"
    />
  );
}
