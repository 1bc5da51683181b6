import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { addDays } from '../../../../shared/lib/dates';
import { auditChanges } from '../../db/jsonColumns';

function localMidnightUtc(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

/** One page of the audit log, newest first, with the count of every entry the filters match. */
export async function listAudit(db: Kysely<DB>, input: ParsedInputOf<'audit.list'>): Promise<OutputOf<'audit.list'>> {
  let q = db.selectFrom('audit_log');
  // `at` is UTC; the clerk means calendar days on this PC's clock, so the bounds are local
  // midnights converted to UTC (in UTC+8 a 07:00 entry belongs to that day, not the one before).
  if (input.from) q = q.where('at', '>=', localMidnightUtc(input.from));
  if (input.to) q = q.where('at', '<', localMidnightUtc(addDays(input.to, 1)));
  if (input.userId) q = q.where('user_id', '=', input.userId);
  if (input.channel) {
    q = input.channel.includes('.')
      ? q.where('channel', '=', input.channel)
      : q.where(sql<boolean>`channel LIKE ${`${input.channel.replace(/[%_\\]/g, '\\$&')}.%`} ESCAPE '\\'`);
  }
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(input.limit).offset(input.offset).execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      channel: r.channel,
      entity: r.entity,
      entityId: r.entity_id,
      summary: r.summary,
      changes: auditChanges.decode(r.changes),
    })),
  };
}
