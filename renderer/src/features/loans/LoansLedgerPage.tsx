import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Loan } from '../../../../shared/contract/loans';
import { householdKindLabels } from '../../../../shared/domain/household';
import { loanStatusLabels, loanStatuses, loanUseLabels, type LoanStatus } from '../../../../shared/domain/loans';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { ChoiceFilter, LEDGER_PAGE_SIZE, LedgerPage, VillageFilter, YearFilter, ledgerColumnHelper, ledgerFeatures, usePagedLedger, useYearFilter } from '../../components/ledger';
import { ExportButton } from '../files';
import { LoanDetailDialog } from './LoanDetailDialog';
import { rateText } from './queries';

interface Base {
  year: number;
  villageId?: string;
  status?: LoanStatus;
  bank?: string;
}

function pageQuery(base: Base, page: number) {
  return queryOptions({
    queryKey: ['loans.ledger', base, 'page', page] as const,
    queryFn: () => invoke('loans.ledger', { ...base, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }),
    staleTime: 30_000,
  });
}

const money = (label: string) => ({ enableSorting: false, cell: (i: { getValue: () => number }) => formatYuan(i.getValue()), meta: { label } });

const col = ledgerColumnHelper<Loan>();
const columns = col.columns([
  col.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, enableSorting: false, meta: { label: '户编号' } }),
  col.accessor('borrowerName', { header: '借款人', size: 72, enableSorting: false, meta: { label: '借款人' } }),
  col.accessor('householdKind', { header: '户类型', size: 80, enableSorting: false, cell: (i) => householdKindLabels[i.getValue()], meta: { label: '户类型' } }),
  col.accessor('bank', { header: '贷款银行', size: 110, enableSorting: false, meta: { label: '贷款银行' } }),
  col.accessor('contractNo', { header: '合同编号', size: 120, enableSorting: false, meta: { label: '合同编号' } }),
  col.accessor('amountFen', { header: '金额（元）', size: 96, ...money('金额') }),
  col.accessor('loanDate', { header: '放款日', size: 96, enableSorting: false, meta: { label: '放款日' } }),
  col.accessor('dueDate', { header: '到期日', size: 96, enableSorting: false, meta: { label: '到期日' } }),
  col.accessor('rateBp', { header: '利率（%）', size: 72, enableSorting: false, cell: (i) => rateText(i.getValue()), meta: { label: '利率' } }),
  col.accessor('use', { header: '用途', size: 84, enableSorting: false, cell: (i) => loanUseLabels[i.getValue()], meta: { label: '用途' } }),
  col.accessor('outstandingFen', { header: '余额（元）', size: 96, ...money('余额') }),
  col.accessor('status', { header: '状态', size: 84, enableSorting: false, cell: (i) => loanStatusLabels[i.getValue()] + (i.row.original.overdueDays > 0 ? ` ${i.row.original.overdueDays} 天` : ''), meta: { label: '状态' } }),
  col.accessor('subsidyDueFen', { header: '本年应贴息', size: 96, ...money('本年应贴息') }),
  col.accessor('subsidyPaidFen', { header: '本年已贴息', size: 96, ...money('本年已贴息') }),
  col.accessor('warnings', { header: '提示', size: 220, enableSorting: false, cell: (i) => i.getValue().join('；'), meta: { label: '提示' } }),
]);

/** 小额信贷台账: loans lent by the year's end and not settled before it, with 余额, 逾期 and 贴息. */
export function LoansLedgerPage() {
  const today = useToday();
  const year = useYearFilter();
  const [villageId, setVillageId] = useState('');
  const [params] = useSearchParams();
  // The workbench's 逾期 to-do opens the ledger with ?status=overdue.
  const [status, setStatus] = useState<LoanStatus | ''>(() => (loanStatuses as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as LoanStatus) : '');
  const [open, setOpen] = useState<string | null>(null);
  const base = useMemo<Base>(() => ({ year: year.year, ...(villageId ? { villageId } : {}), ...(status ? { status } : {}) }), [year.year, villageId, status]);
  const ledger = usePagedLedger({ base, pageQuery, fit: { margin: 12, min: 320, initial: 600 } });
  const table = useTable({ features: ledgerFeatures, columns, data: ledger.data, getRowId: (r) => r.id });
  const first = useQuery(pageQuery(base, 0));

  return (
    <LedgerPage
      title="小额信贷台账"
      count={(total) => `共 ${total.toLocaleString('zh-CN')} 笔` + (first.data ? `，余额 ${formatYuan(first.data.outstandingFen)} 元，逾期 ${first.data.overdue} 笔` : '')}
      actions={<ExportButton ledger="loans" filters={base} />}
      filters={
        <>
          <YearFilter filter={year} />
          <VillageFilter value={villageId} onChange={setVillageId} />
          <ChoiceFilter label="状态" w={120} all="全部" options={loanStatuses} labels={loanStatusLabels} value={status} onChange={setStatus} />
        </>
      }
      ledger={ledger}
      table={table}
      label="小额信贷台账"
      onOpen={(r) => setOpen(r.id)}
      rowId={(r) => r.id}
      rowTitle="单击或按回车查看还款与贴息"
      emptyTitle="没有符合条件的小额信贷"
      emptyHint="在户页面的“小额信贷”中按银行合同登记贷款；也可换一个年度或放宽筛选。"
    >
      <LoanDetailDialog loanId={open} today={today} onClose={() => setOpen(null)} />
    </LedgerPage>
  );
}
