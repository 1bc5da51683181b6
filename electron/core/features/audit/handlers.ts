import { sql } from 'kysely';
import type { AuditChange } from '../../../../shared/contract/audit';
import type { FeatureHandlers } from '../../handler';

export const auditHandlers = {
  'audit.list': async (input, ctx) => {
    let q = ctx.db.selectFrom('audit_log');
    // `at` is UTC ISO text; a local calendar day is compared by its date prefix, good enough for a log filter.
    if (input.from) q = q.where('at', '>=', input.from);
    if (input.to) q = q.where('at', '<', `${input.to}T99`);
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
        changes: JSON.parse(r.changes) as AuditChange[],
      })),
    };
  },
} satisfies FeatureHandlers<'audit'>;
