import type { FeatureHandlers } from '../../handler';
import * as service from './service';
import { signatureTodos } from './signatureTodos';

export const formsHandlers: FeatureHandlers<'forms'> = {
  'forms.signatureTodos': (_input, ctx) => signatureTodos(ctx),
  'forms.status': (input, ctx) => service.status(ctx, input.caseId),
  'forms.sign': (input, ctx) => service.sign(ctx, input),
  'forms.markInk': (input, ctx) => service.markInk(ctx, input),
  'forms.attachScan': (input, ctx) => service.attachScan(ctx, input),
  'forms.print': (input, ctx) => service.print(ctx, input),
  'forms.batchCases': (input, ctx) => service.batchCases(ctx, input),
  'forms.printBatch': (input, ctx) => service.printBatch(ctx, input),
};
