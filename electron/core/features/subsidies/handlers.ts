import type { FeatureHandlers } from '../../handler';
import * as applications from './applications';
import { monthlyTables } from './monthlyTables';
import * as records from './records';
import * as repo from './repository';

export const subsidiesHandlers = {
  'subsidies.trainings': ({ offset, limit, ...f }, ctx) => repo.trainings(ctx.db, f, offset, limit),
  'subsidies.saveTraining': (input, ctx) => records.saveTraining(ctx, input),
  'subsidies.workRelief': ({ offset, limit, ...f }, ctx) => repo.workRelief(ctx.db, f, offset, limit),
  'subsidies.saveWorkRelief': (input, ctx) => records.saveWorkRelief(ctx, input),
  'subsidies.applications': ({ offset, limit, ...f }, ctx) => repo.applications(ctx.db, f, offset, limit),
  'subsidies.checkTransport': (input, ctx) => applications.previewTransport(ctx, input),
  'subsidies.apply': (input, ctx) => applications.apply(ctx, input),
  'subsidies.decide': (input, ctx) => applications.decide(ctx, input),
  'subsidies.addToPaymentList': (input, ctx) => applications.addToPaymentList(ctx, input),
  'subsidies.monthlyTables': (input, ctx) => monthlyTables(ctx, input.month),
} satisfies FeatureHandlers<'subsidies'>;
