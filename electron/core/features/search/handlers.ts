import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const searchHandlers = {
  'search.query': (input, ctx) => service.query(ctx, input),
} satisfies FeatureHandlers<'search'>;
