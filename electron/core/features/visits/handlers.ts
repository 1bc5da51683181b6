import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const visitsHandlers = {
  'visits.forHousehold': (input, ctx) => service.forHousehold(ctx, input),
  'visits.create': (input, ctx) => service.create(ctx, input),
  'visits.due': (input, ctx) => service.due(ctx, input),
} satisfies FeatureHandlers<'visits'>;
