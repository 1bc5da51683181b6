import { Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../../../shared/contract/fileImport';

/** Rows that will come in but break a rule the ledger warns about (a bank's loan over 5 万, a forbidden use…). */
export function WarningsPanel({ warnings }: { warnings: NonNullable<ImportPreview['warnings']> }) {
  if (warnings.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>导入后会提示的行（共 {warnings.length} 条）</Title>
        <Text size="sm" c="dimmed">
          这些行照表导入，台账中同样显示提示；请在导入后核对。
        </Text>
        <ScrollArea.Autosize mah={240}>
          <Table striped withTableBorder aria-label="导入后会提示的行">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>行号</Table.Th>
                <Table.Th>提示</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {warnings.map((w, i) => (
                <Table.Tr key={`${w.line}-${i}`}>
                  <Table.Td>{w.line}</Table.Td>
                  <Table.Td>{w.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
