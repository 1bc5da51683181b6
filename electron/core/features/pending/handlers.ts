import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const pendingHandlers = {
  'pending.list': (input, ctx) => service.list(ctx, input),
} satisfies FeatureHandlers<'pending'>;
