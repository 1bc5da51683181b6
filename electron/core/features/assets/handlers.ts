import type { FeatureHandlers } from '../../handler';
import { assetsBuilders } from './documents';
import { printDocuments } from '../print/render';
import * as plans from './plans';
import * as service from './service';

export const assetsHandlers = {
  'assets.list': (input, ctx) => service.list(ctx, input),
  'assets.get': (input, ctx) => service.get(ctx, input),
  'assets.create': (input, ctx) => service.create(ctx, input),
  'assets.update': (input, ctx) => service.update(ctx, input),
  'assets.addEvent': (input, ctx) => service.addEvent(ctx, input),
  'assets.createPlan': (input, ctx) => plans.createPlan(ctx, input),
  'assets.planStep': (input, ctx) => plans.planStep(ctx, input),
  'assets.payPlan': (input, ctx) => plans.payPlan(ctx, input),
  'assets.printNotice': async (input, ctx) => {
    const doc = await assetsBuilders[input.kind].build(ctx, input.id);
    return printDocuments(ctx, [doc], { fileName: `${doc.title}-${doc.recordCode}.html` });
  },
} satisfies FeatureHandlers<'assets'>;
