import { Badge, Stack, Text } from '@mantine/core';
import { queryOptions } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import type { SubsidyApplication, Training, WorkRelief } from '../../../../shared/contract/subsidies';
import { subsidyKindLabels, subsidyStatusLabels, trainingKindLabels, type SubsidyKind, type SubsidyStatus } from '../../../../shared/domain/subsidies';
import { workAreaLabels } from '../../../../shared/domain/employment';
import { invoke } from '../../api/client';
import { formatYuan } from '../../components/money';
import { LEDGER_PAGE_SIZE, LedgerTable, ledgerColumnHelper, ledgerFeatures, usePagedLedger } from '../../components/ledger';

// The three lists of 培训与补贴 on the shared ledger kit: pages fetched from the core by filter.

export interface Filter {
  year: number;
  villageId?: string;
}
export interface AppFilter extends Filter {
  kind?: SubsidyKind;
  status?: SubsidyStatus;
}

const fit = { margin: 12, min: 280, initial: 480 };
const empty = (what: string) => (
  <Stack gap="xs" align="center">
    <Text fw={500}>没有符合条件的{what}</Text>
    <Text size="sm" c="dimmed">
      点右上角的按钮登记；也可换一个年度或村。
    </Text>
  </Stack>
);

const tc = ledgerColumnHelper<Training>();
const trainingColumns = tc.columns([
  tc.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  tc.accessor('memberName', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  tc.accessor('kind', { header: '培训类型', size: 110, enableSorting: false, cell: (i) => trainingKindLabels[i.getValue()], meta: { label: '培训类型' } }),
  tc.accessor('course', { header: '培训项目', size: 150, enableSorting: false, meta: { label: '培训项目' } }),
  tc.accessor('provider', { header: '培训机构', size: 140, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '培训机构' } }),
  tc.accessor('startDate', { header: '开始', size: 96, enableSorting: false, meta: { label: '开始' } }),
  tc.accessor('endDate', { header: '结束', size: 96, enableSorting: false, meta: { label: '结束' } }),
  tc.accessor('hours', { header: '课时', size: 60, enableSorting: false, meta: { label: '课时' } }),
  tc.accessor('certificate', { header: '证书', size: 130, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '证书' } }),
  tc.accessor('subsidyFen', { header: '补贴（元）', size: 90, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '补贴' } }),
]);

export function TrainingLedger({ base }: { base: Filter }) {
  const pageQuery = (b: Filter, page: number) =>
    queryOptions({ queryKey: ['subsidies.trainings', b, 'page', page] as const, queryFn: () => invoke('subsidies.trainings', { ...b, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }) });
  const ledger = usePagedLedger({ base, pageQuery, fit });
  const table = useTable({ features: ledgerFeatures, columns: trainingColumns, data: ledger.data, getRowId: (r) => r.id });
  return (
    <div ref={ledger.measureRef} style={{ height: ledger.height }}>
      <LedgerTable ledger={ledger} table={table} label="技能培训台账" style={{ height: '100%' }} onOpen={() => undefined} rowId={(r) => r.id} rowTitle="培训记录" empty={empty('培训记录')} />
    </div>
  );
}

const rc = ledgerColumnHelper<WorkRelief>();
const reliefColumns = rc.columns([
  rc.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  rc.accessor('memberName', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  rc.accessor('project', { header: '以工代赈项目', size: 200, enableSorting: false, meta: { label: '项目' } }),
  rc.accessor('startDate', { header: '开始', size: 96, enableSorting: false, meta: { label: '开始' } }),
  rc.accessor('endDate', { header: '结束', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '结束' } }),
  rc.accessor('days', { header: '天数', size: 60, enableSorting: false, meta: { label: '天数' } }),
  rc.accessor('payFen', { header: '劳务报酬（元）', size: 110, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '劳务报酬' } }),
  rc.accessor('paidOn', { header: '发放日期', size: 96, enableSorting: false, cell: (i) => i.getValue() ?? '未发放', meta: { label: '发放日期' } }),
]);

export function ReliefLedger({ base }: { base: Filter }) {
  const pageQuery = (b: Filter, page: number) =>
    queryOptions({ queryKey: ['subsidies.workRelief', b, 'page', page] as const, queryFn: () => invoke('subsidies.workRelief', { ...b, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }) });
  const ledger = usePagedLedger({ base, pageQuery, fit });
  const table = useTable({ features: ledgerFeatures, columns: reliefColumns, data: ledger.data, getRowId: (r) => r.id });
  return (
    <div ref={ledger.measureRef} style={{ height: ledger.height }}>
      <LedgerTable ledger={ledger} table={table} label="以工代赈台账" style={{ height: '100%' }} onOpen={() => undefined} rowId={(r) => r.id} rowTitle="以工代赈记录" empty={empty('以工代赈记录')} />
    </div>
  );
}

const statusColors: Record<SubsidyStatus, string> = { applied: 'orange', approved: 'green', refused: 'gray' };
const ac = ledgerColumnHelper<SubsidyApplication>();
const appColumns = ac.columns([
  ac.accessor('villageName', { header: '村', size: 84, enableSorting: false, meta: { label: '村' } }),
  ac.accessor('memberName', { header: '姓名', size: 72, enableSorting: false, meta: { label: '姓名' } }),
  ac.accessor('kind', { header: '补贴类型', size: 110, enableSorting: false, cell: (i) => subsidyKindLabels[i.getValue()], meta: { label: '补贴类型' } }),
  ac.accessor('year', { header: '年度', size: 60, enableSorting: false, meta: { label: '年度' } }),
  ac.accessor('area', { header: '务工地域', size: 84, enableSorting: false, cell: (i) => { const a = i.getValue(); return a === null ? '' : workAreaLabels[a]; }, meta: { label: '务工地域' } }),
  ac.accessor('amountFen', { header: '金额（元）', size: 90, enableSorting: false, cell: (i) => formatYuan(i.getValue()), meta: { label: '金额' } }),
  ac.accessor('basis', { header: '依据', size: 240, enableSorting: false, meta: { label: '依据' } }),
  ac.accessor('appliedOn', { header: '申请日期', size: 96, enableSorting: false, meta: { label: '申请日期' } }),
  ac.accessor('status', {
    header: '状态',
    size: 100,
    enableSorting: false,
    cell: (i) => (
      <Badge variant="light" radius="sm" color={statusColors[i.getValue()]}>
        {subsidyStatusLabels[i.getValue()]}
      </Badge>
    ),
    meta: { label: '状态' },
  }),
  ac.accessor('paymentListTitle', { header: '发放清册', size: 180, enableSorting: false, cell: (i) => i.getValue() ?? '', meta: { label: '发放清册' } }),
]);

export function ApplicationLedger({ base, onOpen }: { base: AppFilter; onOpen: (a: SubsidyApplication) => void }) {
  const pageQuery = (b: AppFilter, page: number) =>
    queryOptions({ queryKey: ['subsidies.applications', b, 'page', page] as const, queryFn: () => invoke('subsidies.applications', { ...b, offset: page * LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE }) });
  const ledger = usePagedLedger({ base, pageQuery, fit });
  const table = useTable({ features: ledgerFeatures, columns: appColumns, data: ledger.data, getRowId: (r) => r.id });
  return (
    <div ref={ledger.measureRef} style={{ height: ledger.height }}>
      <LedgerTable ledger={ledger} table={table} label="就业补贴申请" style={{ height: '100%' }} onOpen={onOpen} rowId={(r) => r.id} rowTitle="单击或按回车审核该申请" empty={empty('补贴申请')} />
    </div>
  );
}
