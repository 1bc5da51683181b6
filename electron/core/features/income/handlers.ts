import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const incomeHandlers = {
  'income.forHousehold': (input, ctx) => service.forHousehold(ctx, input),
  'income.save': (input, ctx) => service.save(ctx, input),
  'income.summary': (input, ctx) => service.summary(ctx, input),
} satisfies FeatureHandlers<'income'>;
