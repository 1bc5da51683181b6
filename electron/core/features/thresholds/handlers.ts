import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const thresholdsHandlers = {
  'thresholds.list': (_input, ctx) => service.list(ctx),
  'thresholds.save': (input, ctx) => service.save(ctx, input),
} satisfies FeatureHandlers<'thresholds'>;
