import { Badge } from '@mantine/core';
import { caseSortColumns, type CaseRow, type CaseSortColumn } from '../../../../shared/contract/monitoring';
import { monitoringCategoryLabels, riskTypeLabels } from '../../../../shared/domain/monitoring';
import { caseStatusColors, caseStatusShort } from './labels';
import { ledgerColumnHelper } from '../../components/ledger';
import classes from './monitoring.module.css';

const col = ledgerColumnHelper<CaseRow>();

function DueCell({ row }: { row: CaseRow }) {
  if (!row.dueDate || row.daysLeft === null) return null;
  const overdue = row.daysLeft < 0;
  const what = row.dueKind === 'plan' ? '方案' : '识别';
  const left = overdue ? `超期 ${-row.daysLeft} 天` : row.daysLeft === 0 ? '今天到期' : `剩 ${row.daysLeft} 天`;
  return (
    <span className={overdue ? classes.overdue : undefined} title={`${row.dueKind === 'plan' ? '帮扶计划' : '识别纳入'}期限 ${row.dueDate}`}>
      {what} {row.dueDate}（{left}）
    </span>
  );
}

export const caseLedgerColumns = col.columns([
  col.accessor('caseCode', { header: '编号', size: 128, meta: { label: '编号', className: classes.mono } }),
  col.accessor('villageName', { header: '村', size: 84, meta: { label: '村' } }),
  col.accessor('groupName', { header: '组', size: 56, enableSorting: false, meta: { label: '组' } }),
  col.accessor('headName', { header: '户主', size: 72, meta: { label: '户主' } }),
  col.accessor('householdCode', { header: '户编号', size: 130, meta: { label: '户编号', className: classes.mono } }),
  col.accessor('category', {
    header: '类别',
    size: 108,
    cell: (info) => {
      const c = info.getValue();
      return c ? monitoringCategoryLabels[c] : <span style={{ color: 'var(--mantine-color-gray-5)' }}>待确认</span>;
    },
    meta: { label: '类别' },
  }),
  col.accessor('risks', {
    header: '风险类型',
    size: 150,
    enableSorting: false,
    cell: (info) => info.getValue().map((r) => riskTypeLabels[r]).join('、'),
    meta: { label: '风险类型' },
  }),
  col.accessor('status', {
    header: '状态',
    size: 92,
    cell: (info) => (
      <Badge size="sm" variant="light" radius="sm" color={caseStatusColors[info.getValue()]}>
        {caseStatusShort[info.getValue()]}
      </Badge>
    ),
    meta: { label: '状态' },
  }),
  col.accessor('helperName', {
    header: '帮扶联系人',
    size: 92,
    cell: (info) => info.getValue() ?? '',
    meta: { label: '帮扶联系人' },
  }),
  col.accessor('dueDate', {
    id: 'dueDate',
    header: '期限/剩余天数',
    size: 200,
    cell: (info) => <DueCell row={info.row.original} />,
    meta: { label: '期限/剩余天数' },
  }),
  col.accessor('nextVisitDue', {
    header: '下次走访',
    size: 108,
    cell: (info) => {
      const d = info.getValue();
      if (!d) return '';
      return info.row.original.visitOverdue ? (
        <span className={classes.overdue} title="走访已超期">
          {d} 超期
        </span>
      ) : (
        d
      );
    },
    meta: { label: '下次走访', className: classes.mono },
  }),
]);

export function isCaseSortColumn(id: string): id is CaseSortColumn {
  return (caseSortColumns as readonly string[]).includes(id);
}
