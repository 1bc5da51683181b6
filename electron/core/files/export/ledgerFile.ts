import type { LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import type { JobControl } from '../../jobs';
import { collectGarbageIfGrown } from '../../memory';
import type { LedgerSource } from './ledgerCommon';
import { HashingFileSink } from './sink';
import { csvWriter, drained, type LedgerRecord, type LedgerWorkbookWriter } from './writers';
import { xlsxStreamWriter, type PrintedPage } from './xlsxStream';

export interface SheetPlan {
  name: string;
  columns: readonly LedgerColumn[];
  /** Title lines above the column headings (a summary table's title, office, who filled it in). */
  preamble?: readonly string[];
  /** Rows in batches (a ledger source), or a fixed list (a summary table). */
  rows: LedgerSource | readonly LedgerRecord[];
}

export interface WrittenFile {
  path: string;
  sha256: string;
  size: number;
  rows: number;
}

/**
 * Writes sheets to a new file at `path` (refused if the name exists), flushes it to the disk and
 * returns the SHA-256 of the bytes written. `progress(rowsSoFar)` is called after each batch.
 * On any error the file is closed and the error thrown; the caller removes what is left.
 */
export async function writeLedgerFile(
  path: string,
  label: string,
  format: 'xlsx' | 'csv',
  sheets: readonly SheetPlan[],
  control: JobControl,
  progress: (rows: number) => void,
  page?: PrintedPage,
): Promise<WrittenFile> {
  const sink = new HashingFileSink(path, label);
  try {
    const writer: LedgerWorkbookWriter = format === 'xlsx' ? xlsxStreamWriter(sink, page) : csvWriter(sink);
    let rows = 0;
    for (const sheet of sheets) {
      const out = writer.addSheet(sheet.name, sheet.columns, sheet.preamble);
      if (Array.isArray(sheet.rows)) {
        for (const r of sheet.rows as readonly LedgerRecord[]) out.addRow(r);
        rows += (sheet.rows as readonly LedgerRecord[]).length;
      } else {
        for await (const batch of (sheet.rows as LedgerSource).batches) {
          control.throwIfCancelled();
          sink.throwIfFailed();
          for (const r of batch) out.addRow(r);
          rows += batch.length;
          progress(rows);
          await writer.ready?.();
          await drained(sink);
          // Each batch is garbage once written: collect before V8's own heuristics let a county's
          // ledger pile up hundreds of MB of it (issue 11: the submission's peak memory).
          collectGarbageIfGrown();
        }
      }
    }
    await Promise.race([writer.finish(), sink.failed]);
    sink.throwIfFailed();
    const { sha256, size } = sink.syncAndClose();
    return { path, sha256, size, rows };
  } catch (err) {
    sink.abandon();
    sink.destroy();
    // The first write error is the cause (ENOSPC); what the writer threw after it (EBADF, "write
    // after end") is only its echo and would hide a full disk from the clerk.
    throw sink.failure ?? err;
  }
}
