import { Badge, Table, Text } from '@mantine/core';
import type { SheetKind } from '../../../../shared/domain/importFields';
import { templateColumns } from '../../../../shared/domain/importTemplate';

/** The columns an import kind recognises: the field, whether it is required, every accepted header name, and the accepted values of a coded column. */
export function ImportColumnsTable({ kind }: { kind: SheetKind }) {
  const columns = templateColumns(kind);
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" data-testid={`import-columns-${kind}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={170}>项目</Table.Th>
          <Table.Th>可识别的列名</Table.Th>
          <Table.Th>可填的值</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Td>
              {c.label}{' '}
              {c.required && (
                <Badge size="xs" color="orange" variant="light">
                  必填
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{c.accepted.join('、')}</Table.Td>
            <Table.Td>
              {c.choices ? (
                c.choices.join('、')
              ) : c.valueNote ? (
                c.valueNote
              ) : (
                <Text span size="sm" c="dimmed">
                  照实填写
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
