import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const monitoringHandlers = {
  'monitoring.list': (input, ctx) => service.list(ctx, input),
  'monitoring.get': (input, ctx) => service.get(ctx, input.id),
  'monitoring.forHousehold': (input, ctx) => service.forHousehold(ctx, input.householdId),
  'monitoring.open': (input, ctx) => service.open(ctx, input),
  'monitoring.update': (input, ctx) => service.update(ctx, input),
  'monitoring.recordStep': (input, ctx) => service.recordStep(ctx, input),
  'monitoring.addObjection': (input, ctx) => service.addObjection(ctx, input),
  'monitoring.resolveObjection': (input, ctx) => service.resolveObjection(ctx, input),
  'monitoring.reopen': (input, ctx) => service.reopen(ctx, input),
} satisfies FeatureHandlers<'monitoring'>;
