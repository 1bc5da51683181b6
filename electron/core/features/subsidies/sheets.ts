import type { MonthlyTable } from '../../../../shared/contract/subsidies';
import type { LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import { quarterRange, type Quarter } from '../../../../shared/domain/quarter';
import type { HandlerContext } from '../../context';
import type { SheetPlan } from '../../files/export/ledgerFile';
import { r4Table, r5Table } from '../funds/monthlyTables';
import { r2Table, r3Table } from './monthlyTables';

// The monthly tables R2–R5 as sheets of the quarterly submission's 汇总表: the quarter's last
// month, or the running month while the quarter is still going.

function widthOf(c: MonthlyTable['columns'][number]): number {
  return Math.max(8, Math.min(16, c.header.length * 2 + 2));
}

function toSheet(name: string, t: MonthlyTable): SheetPlan {
  const columns: LedgerColumn[] = t.columns.map((c) => ({ key: c.key, header: c.header, width: c.key === 'village' ? 14 : widthOf(c), kind: c.kind }));
  return { name, columns, rows: t.rows };
}

export function submissionMonth(quarter: Quarter, today: string): string {
  const { to } = quarterRange(quarter);
  return (to < today ? to : today).slice(0, 7);
}

export async function monthlySheets(ctx: HandlerContext, quarter: Quarter): Promise<SheetPlan[]> {
  const month = submissionMonth(quarter, ctx.today());
  return [
    toSheet('R2务工就业', await r2Table(ctx, month)),
    toSheet('R3公益岗', await r3Table(ctx, month)),
    toSheet('R4资金进度', await r4Table(ctx, month)),
    toSheet('R5项目进度', await r5Table(ctx, month)),
  ];
}
