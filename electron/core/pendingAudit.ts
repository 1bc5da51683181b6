import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditLogTable, DB } from './db/schema';
import { auditRow, type AuditActor, type AuditWriter } from './auditWriter';
import { uuidv7 } from './ids';

// The command line may export while another program holds the data folder: it then reads through a
// read-only connection and cannot write its audit row. Personal data leaving the program must still
// be on the record, so the row waits in `audit-pending/<id>.json` (written whole under a temporary
// name, then renamed) and the next program that opens the folder for writing adds it to the log.


type PendingRow = AuditLogTable;

const folderName = 'audit-pending';

export function pendingAuditWriter(actor: () => Promise<AuditActor>): { writer: AuditWriter; rows: PendingRow[] } {
  const rows: PendingRow[] = [];
  return {
    rows,
    writer: {
      async record(entry) {
        rows.push(auditRow(entry, await actor()));
      },
    },
  };
}

export function writePendingAudit(dataDir: string, rows: readonly PendingRow[]): void {
  if (rows.length === 0) return;
  const dir = join(dataDir, folderName);
  mkdirSync(dir, { recursive: true });
  const id = uuidv7();
  const temp = join(dir, `.${id}.partial`);
  writeFileSync(temp, JSON.stringify(rows), { flush: true });
  renameSync(temp, join(dir, `${id}.json`));
}

function isPendingRow(v: unknown): v is PendingRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['id', 'office_code', 'at', 'user_name', 'channel', 'entity', 'entity_id', 'summary', 'changes'].every((k) => typeof r[k] === 'string');
}

/** Adds the rows left by read-only runs to the log (once: a row's id is its key), then removes the files. */
export async function importPendingAudit(db: Kysely<DB>, dataDir: string): Promise<void> {
  const dir = join(dataDir, folderName);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!name.endsWith('.json')) {
      rmSync(file, { force: true });
      continue;
    }
    let rows: unknown;
    try {
      rows = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      rows = [];
    }
    const valid = Array.isArray(rows) ? rows.filter(isPendingRow) : [];
    if (valid.length > 0) {
      await db.transaction().execute(async (tx) => {
        for (const row of valid) await tx.insertInto('audit_log').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
      });
    }
    rmSync(file, { force: true });
  }
}
