import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import type { ExportResult } from '../../../../../shared/contract/fileExport';
import { exportLedgerLabels, ledgerLayouts } from '../../../../../shared/domain/ledgerLayouts';
import type { HandlerContext } from '../../../context';
import { newOutboxFile } from '../../../files/store';
import { uuidv7 } from '../../../ids';
import { officeNames, sourceFor } from './queries';
import { writeLedgerFile } from '../../../files/export/ledgerFile';
import { fsyncDir, partialNameFor } from '../../../files/export/sink';

/** files.export: the ledger with the page's filters, into the outbox for the clerk to save. */
export function startExport(ctx: HandlerContext, input: ParsedExportInput): string {
  const title = exportLedgerLabels[input.ledger];
  return ctx.jobs.start('files.export', async (control) => {
    control.report(0, 0, `正在读取${title}…`);
    const source = await sourceFor(ctx, input);
    const office = await officeNames(ctx.db);
    control.throwIfCancelled();
    const out = newOutboxFile(ctx.dataDir, `${title}_${ctx.today()}.${input.format}`);
    let written;
    // Written under a hidden temporary name, renamed when complete: the outbox never offers a part.
    const partial = partialNameFor(out.path);
    try {
      written = await writeLedgerFile(partial, out.fileName, input.format, [{ name: title, columns: ledgerLayouts[input.ledger], rows: source }], control, (rows) =>
        control.report(Math.min(rows, Math.max(source.total, rows)), Math.max(source.total, rows), `正在写入${title}：${rows} 行`),
        { title, office: `${office.countyName}${office.townshipName}`, date: ctx.today() },
      );
      renameSync(partial, out.path);
      fsyncDir(dirname(out.path));
    } catch (err) {
      rmSync(dirname(out.path), { recursive: true, force: true });
      throw err;
    }
    // Personal data leaving the program is on the record, like any change.
    await ctx.mutate(async (_tx, audit) => {
      await audit.record({
        entity: 'export',
        entityId: uuidv7(ctx.clock.now().getTime()),
        summary: `导出${title}（${input.format === 'xlsx' ? 'Excel' : 'CSV'}，${written.rows} 行）`,
        after: { ledger: input.ledger, format: input.format, filters: input.filters, rows: written.rows, sha256: written.sha256 },
      });
    });
    const result: ExportResult = { file: { fileId: out.fileId, fileName: out.fileName, size: written.size }, rows: written.rows };
    return result;
  });
}
