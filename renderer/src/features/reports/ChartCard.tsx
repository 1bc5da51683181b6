import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import classes from './workbench.module.css';

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart with its numbers one click away: "数据表" swaps the drawing for a plain table (read by
 * screen readers and printed with the page). The table is not a tab stop row by row.
 */
export function ChartCard({ title, note, table, children }: { title: string; note?: string; table: ChartTable; children: ReactNode }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <Paper withBorder p="sm" className={classes.card} data-testid={`chart-${title}`}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <div>
          <Title order={5}>{title}</Title>
          {note && (
            <Text size="xs" c="dimmed">
              {note}
            </Text>
          )}
        </div>
        <Button size="compact-xs" variant="light" className={classes.noPrint} aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? '看图' : '数据表'}
        </Button>
      </Group>
      <div className={showTable ? classes.hiddenOnScreen : undefined}>{children}</div>
      <div id={tableId} className={showTable ? undefined : classes.printOnly}>
        <Table withTableBorder withColumnBorders striped fz="xs" aria-label={`${title}（数据表）`}>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((r, i) => (
              <Table.Tr key={i}>
                {r.map((cell, j) => (
                  <Table.Td key={j} className={typeof cell === 'number' ? classes.num : undefined}>
                    {typeof cell === 'number' ? cell.toLocaleString('zh-CN') : cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Paper>
  );
}
