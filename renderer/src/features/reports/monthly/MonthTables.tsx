import { Stack, Table, Text } from '@mantine/core';
import type { MonthlyFigures } from '../../../../../shared/contract/monthlyReport';
import { monthlyTables } from '../../../../../shared/domain/monthlyTables';

/** The 月报's fixed tables, one row per village and 合计 — the same columns as the paper and the .xlsx. */
export function MonthTables({ figures }: { figures: MonthlyFigures }) {
  return (
    <Stack gap="md">
      {monthlyTables.map((t) => (
        <div key={t.key}>
          <Text fw={600} size="sm" mb={4}>
            {t.title}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder withColumnBorders striped fz="xs" aria-label={t.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>村</Table.Th>
                  {t.columns.map((c) => (
                    <Table.Th key={c.key} ta="right">
                      {c.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...figures.villages.map((v) => ({ key: v.villageId, name: v.name, row: v.row })), { key: 'total', name: '合计', row: figures.total }].map((v) => (
                  <Table.Tr key={v.key} fw={v.key === 'total' ? 600 : undefined}>
                    <Table.Td>{v.name}</Table.Td>
                    {t.columns.map((c) => (
                      <Table.Td key={c.key} ta="right">
                        {c.value(v.row)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      ))}
    </Stack>
  );
}
