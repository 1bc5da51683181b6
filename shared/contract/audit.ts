import { z } from 'zod';
import { channel } from './channel';
import { isoDate, paging } from './fields';

export const auditChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const auditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  channel: z.string(),
  entity: z.string(),
  entityId: z.string(),
  summary: z.string(),
  changes: z.array(auditChangeSchema),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditChannels = {
  /** Read-only by design: no channel changes or removes an audit row. */
  'audit.list': channel({
    access: ['admin', 'reviewer'],
    mutates: false,
    input: z.object({
      from: isoDate.optional(),
      to: isoDate.optional(),
      userId: z.string().optional(),
      /** A feature (`households`) or a full channel (`households.update`). */
      channel: z.string().max(60).optional(),
      entityId: z.string().max(60).optional(),
      ...paging,
    }),
    output: z.object({ total: z.number().int(), rows: z.array(auditRowSchema) }),
  }),
};
