import { Badge, Group } from '@mantine/core';
import type { HouseholdRow, HouseholdSortColumn } from '../../../../shared/contract/households';
import { householdSortColumns } from '../../../../shared/contract/households';
import { householdKindLabels, householdStatusLabels } from '../../../../shared/domain/household';
import { ledgerColumnHelper } from '../../components/ledger';
import classes from './households.module.css';
import { activeFlagBadges, formatDateTime } from './labels';

const col = ledgerColumnHelper<HouseholdRow>();

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

/** Which columns the clerk hid, kept on this PC (components/ledger/columnVisibility). */
export const COLUMN_VISIBILITY_KEY = 'households.ledger.columns.v1';
