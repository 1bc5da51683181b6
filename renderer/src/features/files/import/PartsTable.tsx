import { Table } from '@mantine/core';
import type { ImportPart } from '../../../../../shared/contract/fileImport';
import type { ImportKind } from '../../../../../shared/domain/importFields';

/** A national export's parts, as the preview names them. */
const partNames: Readonly<Record<ImportKind, { name: string; unit: string; notApplicable: string }>> = {
  households: { name: '户籍与家庭成员', unit: '户', notApplicable: '' },
  incomes: { name: '年度收入（人均纯收入）', unit: '户', notApplicable: '无人均纯收入' },
  cases: { name: '监测对象', unit: '户', notApplicable: '非监测对象（不适用）' },
};

/** A national export's parts with their counts (preview and result). */
export function PartsTable({ parts, label }: { parts: readonly ImportPart[]; label: string }) {
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>内容</Table.Th>
          <Table.Th>新增</Table.Th>
          <Table.Th>变更</Table.Th>
          <Table.Th>无变化</Table.Th>
          <Table.Th>有误（行）</Table.Th>
          <Table.Th>不适用</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parts.map((x) => {
          const n = partNames[x.part];
          return (
            <Table.Tr key={x.part}>
              <Table.Td>{n.name}</Table.Td>
              <Table.Td>{`${x.new} ${n.unit}`}</Table.Td>
              <Table.Td>{`${x.changed} ${n.unit}`}</Table.Td>
              <Table.Td>{`${x.unchanged} ${n.unit}`}</Table.Td>
              <Table.Td>{x.invalid}</Table.Td>
              <Table.Td>{x.notApplicable > 0 ? `${x.notApplicable} 户${n.notApplicable ? `（${n.notApplicable}）` : ''}` : '—'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
