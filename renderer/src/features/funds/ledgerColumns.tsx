import { Badge, Text } from '@mantine/core';
import type { BatchRow, FundLedgerRow, ProjectRow } from '../../../../shared/contract/funds';
import { fundLevelLabels, projectStatusLabels, projectStepLabels, projectTypeLabels, yuan } from '../../../../shared/domain/funds';
import { ledgerClasses, ledgerColumnHelper } from '../../components/ledger';
import { percentText } from './util';

// The columns of the three funds ledgers on the shared kit: 资金台账 (per source), its 资金批次,
// and 项目库台账. Sort keys are the column ids; the whole-list pager sorts by `…SortValue`.

const right = ledgerClasses.right;

function Progress({ permille, late, required }: { permille: number | null; late: boolean; required: number }) {
  return (
    <Text span inherit c={late ? 'red.8' : undefined}>
      {percentText(permille)}
      {late && `（应达 ${required}%）`}
    </Text>
  );
}

// --- 项目库台账 -----------------------------------------------------------------------------
export const projectSortColumns = ['projectCode', 'name', 'projectType', 'year', 'villages', 'status', 'lastStep', 'budgetFen', 'allocatedFen', 'disbursedFen', 'progress'] as const;
export type ProjectSortColumn = (typeof projectSortColumns)[number];
export const isProjectSortColumn = (id: string): id is ProjectSortColumn => (projectSortColumns as readonly string[]).includes(id);

export function projectSortValue(p: ProjectRow, c: ProjectSortColumn): string | number | null {
  switch (c) {
    case 'projectType':
      return projectTypeLabels[p.projectType];
    case 'villages':
      return p.villageNames.join('、');
    case 'status':
      return projectStatusLabels[p.status];
    case 'lastStep':
      return p.lastStepDate;
    case 'progress':
      return p.progressPermille;
    default:
      return p[c];
  }
}

export function projectColumns(today: string) {
  const col = ledgerColumnHelper<ProjectRow>();
  return col.columns([
    col.accessor('projectCode', { header: '编号', size: 104, meta: { label: '编号', className: ledgerClasses.mono } }),
    col.accessor('name', { header: '项目名称', size: 160, meta: { label: '项目名称' } }),
    col.accessor('projectType', { header: '类型', size: 116, cell: (i) => projectTypeLabels[i.getValue()], meta: { label: '类型' } }),
    col.accessor('year', { header: '年度', size: 56, meta: { label: '年度' } }),
    col.accessor((p) => p.villageNames.join('、'), { id: 'villages', header: '实施村', size: 84, meta: { label: '实施村' } }),
    col.accessor('status', {
      header: '状态',
      size: 76,
      cell: (i) => (
        <Badge variant="light" radius="sm" color={i.getValue() === 'inLibrary' ? 'green' : i.getValue() === 'draft' ? 'blue' : 'gray'}>
          {projectStatusLabels[i.getValue()]}
        </Badge>
      ),
      meta: { label: '状态' },
    }),
    col.accessor('lastStep', {
      header: '最近步骤',
      size: 156,
      cell: (i) => {
        const p = i.row.original;
        return (
          <>
            {p.lastStep ? `${projectStepLabels[p.lastStep]} ${p.lastStepDate ?? ''}` : '—'}
            {p.dueDate !== null && p.dueDate < today && (
              <Text span c="red.8" size="xs" ml={4}>
                审核已超期
              </Text>
            )}
          </>
        );
      },
      meta: { label: '最近步骤' },
    }),
    col.accessor('budgetFen', { header: '预算（元）', size: 110, cell: (i) => yuan(i.getValue()), meta: { label: '预算（元）', className: right } }),
    col.accessor('allocatedFen', { header: '已分配（元）', size: 110, cell: (i) => yuan(i.getValue()), meta: { label: '已分配（元）', className: right } }),
    col.accessor('disbursedFen', { header: '已拨付（元）', size: 110, cell: (i) => yuan(i.getValue()), meta: { label: '已拨付（元）', className: right } }),
    col.accessor('progressPermille', {
      id: 'progress',
      header: '支出进度',
      size: 124,
      cell: (i) => <Progress permille={i.getValue()} late={i.row.original.late} required={i.row.original.requiredPercent} />,
      meta: { label: '支出进度', className: right },
    }),
  ]);
}

// --- 资金台账: per source, with 合计 as the last row -----------------------------------------
const ledgerCol = ledgerColumnHelper<FundLedgerRow>();
export const fundLedgerColumns = ledgerCol.columns([
  ledgerCol.accessor('sourceName', { header: '资金来源', size: 230, enableSorting: false, meta: { label: '资金来源' } }),
  ledgerCol.accessor('issuedFen', { header: '下达（元）', size: 140, enableSorting: false, cell: (i) => yuan(i.getValue()), meta: { label: '下达（元）', className: right } }),
  ledgerCol.accessor('allocatedFen', { header: '分配（元）', size: 140, enableSorting: false, cell: (i) => yuan(i.getValue()), meta: { label: '分配（元）', className: right } }),
  ledgerCol.accessor('disbursedFen', { header: '拨付（元）', size: 140, enableSorting: false, cell: (i) => yuan(i.getValue()), meta: { label: '拨付（元）', className: right } }),
  ledgerCol.accessor('balanceFen', { header: '结余（元）', size: 140, enableSorting: false, cell: (i) => yuan(i.getValue()), meta: { label: '结余（元）', className: right } }),
  ledgerCol.accessor('progressPermille', {
    header: '支出进度',
    size: 150,
    enableSorting: false,
    cell: (i) => <Progress permille={i.getValue()} late={i.row.original.late} required={i.row.original.requiredPercent} />,
    meta: { label: '支出进度', className: right },
  }),
]);

// --- 资金批次 of a year ------------------------------------------------------------------------
export const batchSortColumns = ['docNo', 'issuedDate', 'level', 'sourceName', 'amountFen', 'allocatedFen', 'disbursedFen'] as const;
export type BatchSortColumn = (typeof batchSortColumns)[number];
export const isBatchSortColumn = (id: string): id is BatchSortColumn => (batchSortColumns as readonly string[]).includes(id);
export const batchSortValue = (b: BatchRow, c: BatchSortColumn): string | number => (c === 'level' ? fundLevelLabels[b.level] : b[c]);

const batchCol = ledgerColumnHelper<BatchRow>();
export const batchColumns = batchCol.columns([
  batchCol.accessor('docNo', { header: '文号', size: 190, meta: { label: '文号' } }),
  batchCol.accessor('issuedDate', { header: '下达日期', size: 104, meta: { label: '下达日期' } }),
  batchCol.accessor('level', { header: '级次', size: 72, cell: (i) => fundLevelLabels[i.getValue()], meta: { label: '级次' } }),
  batchCol.accessor('sourceName', { header: '来源', size: 220, meta: { label: '来源' } }),
  batchCol.accessor('useDirection', { header: '用途', size: 160, enableSorting: false, meta: { label: '用途' } }),
  batchCol.accessor('amountFen', { header: '金额（元）', size: 130, cell: (i) => yuan(i.getValue()), meta: { label: '金额（元）', className: right } }),
  batchCol.accessor('allocatedFen', { header: '已分配（元）', size: 130, cell: (i) => yuan(i.getValue()), meta: { label: '已分配（元）', className: right } }),
  batchCol.accessor('disbursedFen', { header: '已拨付（元）', size: 130, cell: (i) => yuan(i.getValue()), meta: { label: '已拨付（元）', className: right } }),
]);
