import { ScrollArea, Table } from '@mantine/core';

/** Rows of the file by line number with one sentence each (refused rows, rows with a warning). */
export function LineReasons({ rows, label, reasonHeader, maxHeight }: { rows: readonly { line: number; reason: string }[]; label: string; reasonHeader: string; maxHeight: number }) {
  return (
    <ScrollArea.Autosize mah={maxHeight}>
      <Table striped withTableBorder aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>行号</Table.Th>
            <Table.Th>{reasonHeader}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={`${r.line}-${i}`}>
              <Table.Td>{r.line}</Table.Td>
              <Table.Td>{r.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
