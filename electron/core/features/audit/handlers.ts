import type { FeatureHandlers } from '../../handler';
import { listAudit } from './repository';

export const auditHandlers = {
  'audit.list': (input, ctx) => listAudit(ctx.db, input),
} satisfies FeatureHandlers<'audit'>;
