import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const printHandlers = {
  'print.verify': (input, ctx) => service.verify(ctx, input),
  'print.history': (input, ctx) => service.history(ctx, input),
} satisfies FeatureHandlers<'print'>;
