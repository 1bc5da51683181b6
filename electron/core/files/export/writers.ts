import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import { neutraliseText } from '../../../../shared/lib/spreadsheetSafe';

// The two ways a ledger leaves the office: an .xlsx (xlsxStream.ts: rows go to the disk as they
// come, so 100,000 rows do not sit in memory) and a UTF-8 CSV with a BOM (Excel and WPS then read
// the Chinese correctly).

/** A row as the queries build it: text, whole numbers, fen for money, 'YYYY-MM-DD' for dates. */
export type LedgerRecord = Readonly<Record<string, string | number | null | undefined>>;

export interface SheetWriter {
  addRow(record: LedgerRecord): void;
  /** Data rows written so far. */
  readonly rows: number;
}

export interface LedgerWorkbookWriter {
  /** `preamble`: title lines above the column headings (an .xlsx only; a CSV holds the table alone). */
  addSheet(name: string, columns: readonly LedgerColumn[], preamble?: readonly string[]): SheetWriter;
  /** Resolves when the writer can take the next batch of rows without piling work up in memory (deflate behind). */
  ready?(): Promise<void>;
  /** Finishes the file; the sink has received every byte when this resolves. */
  finish(): Promise<void>;
}

function csvText(column: LedgerColumn, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (column.kind === 'money' && typeof value === 'number') text = (value / 100).toFixed(2);
  else if (typeof value === 'number') text = String(value);
  else text = neutraliseText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV of one sheet: BOM, header line, CRLF line ends (what Excel writes). */
export function csvWriter(sink: Writable): LedgerWorkbookWriter {
  let pending: string[] = [];
  let pendingBytes = 0;
  let sheetAdded = false;
  let writeError: Error | null = null;
  sink.on('error', (err) => {
    writeError = err;
  });
  const flush = (): void => {
    if (pending.length === 0) return;
    sink.write(Buffer.from(pending.join(''), 'utf8'));
    pending = [];
    pendingBytes = 0;
  };
  const push = (line: string): void => {
    pending.push(line);
    pendingBytes += line.length;
    if (pendingBytes > 256 * 1024) flush();
  };
  return {
    addSheet(_name, columns) {
      if (sheetAdded) throw new Error('a CSV file holds one sheet');
      sheetAdded = true;
      push(`\uFEFF${columns.map((c) => csvText({ ...c, kind: 'text' }, c.header)).join(',')}\r\n`);
      let rows = 0;
      return {
        addRow(record) {
          if (writeError) throw writeError;
          push(`${columns.map((c) => csvText(c, record[c.key])).join(',')}\r\n`);
          rows += 1;
        },
        get rows() {
          return rows;
        },
      };
    },
    async finish() {
      flush();
      sink.end();
      await finished(sink);
      if (writeError) throw writeError;
    },
  };
}

/** Lets the sink drain between batches so a slow drive does not pile the whole file up in memory. */
export async function drained(sink: Writable): Promise<void> {
  if (sink.writableNeedDrain) await once(sink, 'drain');
}
