import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AuditRow } from '../../../../shared/contract/audit';
import { officeQuery } from '../../api/queries';
import { exportEntryFields, type PlaceNames } from './exportEntry';

/** An export's entry in 操作日志, expanded: 台账, 格式, 筛选条件, 行数, 校验码 in words. Null when the row is no export. */
export function ExportEntryDetail({ row }: { row: AuditRow }) {
  const office = useQuery(officeQuery);
  const places = useMemo<PlaceNames>(() => {
    const villages = new Map<string, string>();
    const groups = new Map<string, string>();
    for (const v of office.data?.villages ?? []) {
      villages.set(v.id, v.name);
      for (const g of v.groups) groups.set(g.id, `${v.name}${g.name}`);
    }
    return { villages, groups };
  }, [office.data]);
  const fields = exportEntryFields(Object.fromEntries(row.changes.map((c) => [c.field, c.after])), places);
  if (!fields) return null;
  return (
    <Table withTableBorder withColumnBorders bg="white" maw={760} aria-label="导出明细">
      <Table.Tbody>
        {fields.map((f) => (
          <Table.Tr key={f.label}>
            <Table.Th w={180}>{f.label}</Table.Th>
            <Table.Td style={{ wordBreak: f.code ? 'break-all' : 'break-word' }} ff={f.code ? 'monospace' : undefined}>
              {f.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
