import type { Transaction } from 'kysely';
import type { AuditChange } from '../../shared/contract/audit';
import type { AuditLogTable, DB } from './db/schema';
import { uuidv7 } from './ids';
import { auditChanges } from './db/jsonColumns';

export interface AuditEntry {
  entity: string;
  entityId: string;
  /** One Chinese line a reviewer can read in the 操作日志 list. */
  summary: string;
  /** Field values before and after; only fields whose value changed are stored. */
  before?: Readonly<Record<string, unknown>> | null;
  after?: Readonly<Record<string, unknown>> | null;
}

export interface AuditWriter {
  record(entry: AuditEntry): Promise<void>;
}

export interface AuditActor {
  userId: string | null;
  userName: string;
  officeCode: string;
  channel: string;
  at: string;
}

export function diffFields(
  before: Readonly<Record<string, unknown>> | null | undefined,
  after: Readonly<Record<string, unknown>> | null | undefined,
): AuditChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChange[] = [];
  for (const field of keys) {
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

/** The log row of one entry: the same row whether it is written now or waits in audit-pending/. */
export function auditRow(entry: AuditEntry, a: AuditActor): AuditLogTable {
  return {
    id: uuidv7(),
    office_code: a.officeCode,
    at: a.at,
    user_id: a.userId,
    user_name: a.userName,
    channel: a.channel,
    entity: entry.entity,
    entity_id: entry.entityId,
    summary: entry.summary,
    changes: auditChanges.encode(diffFields(entry.before, entry.after)),
  };
}

export function createAuditWriter(tx: Transaction<DB>, actor: () => Promise<AuditActor>): AuditWriter {
  return {
    async record(entry) {
      await tx.insertInto('audit_log').values(auditRow(entry, await actor())).execute();
    },
  };
}
