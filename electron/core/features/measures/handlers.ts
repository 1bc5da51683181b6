import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const measuresHandlers = {
  'measures.catalog': (_input, ctx) => service.catalog(ctx),
  'measures.saveType': (input, ctx) => service.saveType(ctx, input),
  'measures.forCase': (input, ctx) => service.forCase(ctx, input),
  'measures.create': (input, ctx) => service.create(ctx, input),
  'measures.update': (input, ctx) => service.update(ctx, input),
} satisfies FeatureHandlers<'measures'>;
