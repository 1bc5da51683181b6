import { Button, Checkbox, Menu, Stack } from '@mantine/core';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { LedgerFeatures } from './features';

/** 显示列: a checkbox per column; the choice is the table's column visibility. */
export function ColumnChooser<TRow extends RowData>({ table }: { table: ReactTable<LedgerFeatures, TRow> }) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default">显示列</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>勾选要显示的列</Menu.Label>
        <Stack gap={8} p="xs" pt={4}>
          {table.getAllLeafColumns().map((column) => (
            <Checkbox
              key={column.id}
              label={column.columnDef.meta?.label ?? column.id}
              checked={column.getIsVisible()}
              disabled={!column.getCanHide()}
              onChange={(e) => column.toggleVisibility(e.currentTarget.checked)}
            />
          ))}
        </Stack>
        <Menu.Divider />
        <Menu.Item onClick={() => table.setColumnVisibility({})}>全部显示</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
