import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../../../shared/contract/fileImport';
import { LineReasons } from './LineReasons';

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
        <LineReasons rows={warnings} label="导入后会提示的行" reasonHeader="提示" maxHeight={240} />
      </Stack>
    </Paper>
  );
}
