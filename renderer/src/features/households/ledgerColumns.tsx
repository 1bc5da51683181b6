import { Badge, Group } from '@mantine/core';
import {
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import type { HouseholdRow, HouseholdSortColumn } from '../../../../shared/contract/households';
import { householdSortColumns } from '../../../../shared/contract/households';
import { householdKindLabels, householdStatusLabels } from '../../../../shared/domain/household';
import classes from './households.module.css';
import { activeFlagBadges, formatDateTime } from './labels';

export interface LedgerColumnMeta {
  /** The name in the column chooser. */
  label: string;
  className?: string;
}

export const ledgerFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnMeta: {} as LedgerColumnMeta,
});

const col = createColumnHelper<typeof ledgerFeatures, HouseholdRow>();

export const ledgerColumns = col.columns([
  col.accessor('householdCode', {
    header: '户编号',
    size: 128,
    meta: { label: '户编号', className: classes.mono },
  }),
  col.accessor('headName', { header: '户主', size: 72, meta: { label: '户主' } }),
  col.accessor('headIdNumber', {
    header: '户主身份证号',
    size: 148,
    meta: { label: '户主身份证号', className: classes.mono },
  }),
  col.accessor('villageName', { header: '村', size: 90, meta: { label: '村' } }),
  col.accessor('groupName', { header: '组', size: 64, meta: { label: '组' } }),
  col.accessor('memberCount', {
    header: '人口',
    size: 52,
    sortDescFirst: true,
    meta: { label: '人口', className: classes.right },
  }),
  col.accessor('kind', {
    header: '户类型',
    size: 76,
    cell: (info) => householdKindLabels[info.getValue()],
    meta: { label: '户类型' },
  }),
  col.display({
    id: 'flags',
    header: '标识',
    size: 112,
    enableSorting: false,
    cell: (info) => {
      const badges = activeFlagBadges(info.row.original);
      if (badges.length === 0) return null;
      return (
        <Group gap={4} wrap="nowrap">
          {badges.map((b) => (
            <Badge key={b.flag} size="xs" variant="light" color={b.color} radius="sm">
              {b.short}
            </Badge>
          ))}
        </Group>
      );
    },
    meta: { label: '标识' },
  }),
  col.accessor('helperName', {
    header: '帮扶责任人',
    size: 88,
    cell: (info) => info.getValue() ?? '',
    meta: { label: '帮扶责任人' },
  }),
  col.accessor('phone', {
    header: '联系电话',
    size: 96,
    cell: (info) => info.getValue() ?? '',
    meta: { label: '联系电话', className: classes.mono },
  }),
  col.accessor('status', {
    header: '状态',
    size: 56,
    cell: (info) => householdStatusLabels[info.getValue()],
    meta: { label: '状态' },
  }),
  col.accessor('updatedAt', {
    header: '更新时间',
    size: 132,
    sortDescFirst: true,
    cell: (info) => formatDateTime(info.getValue()),
    meta: { label: '更新时间', className: classes.mono },
  }),
]);

export function isSortColumn(id: string): id is HouseholdSortColumn {
  return (householdSortColumns as readonly string[]).includes(id);
}

// Which columns the clerk hid, kept on this PC for the next session.
const VISIBILITY_KEY = 'households.ledger.columns.v1';

export function loadColumnVisibility(): ColumnVisibilityState {
  try {
    const raw = localStorage.getItem(VISIBILITY_KEY);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: ColumnVisibilityState = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'boolean') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function saveColumnVisibility(state: ColumnVisibilityState): void {
  try {
    localStorage.setItem(VISIBILITY_KEY, JSON.stringify(state));
  } catch {
    // Not remembered; the choice still holds until the window closes.
  }
}
