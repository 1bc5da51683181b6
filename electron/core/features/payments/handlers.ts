import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const paymentsHandlers = {
  'payments.list': (input, ctx) => service.list(ctx, input),
  'payments.get': (input, ctx) => service.get(ctx, input),
  'payments.create': (input, ctx) => service.create(ctx, input),
  'payments.addLine': (input, ctx) => service.addLine(ctx, input),
  'payments.removeLine': (input, ctx) => service.removeLine(ctx, input),
  'payments.advance': (input, ctx) => service.advance(ctx, input),
  'payments.recordResults': (input, ctx) => service.recordResults(ctx, input),
  'payments.resendFailed': (input, ctx) => service.resendFailed(ctx, input),
  'payments.correct': (input, ctx) => service.correct(ctx, input),
  'payments.account': (input, ctx) => service.account(ctx, input),
  'payments.saveAccount': (input, ctx) => service.saveAccount(ctx, input),
  'payments.bankRows': (input, ctx) => service.bankRows(ctx, input),
  'payments.print': (input, ctx) => service.print(ctx, input),
  'payments.bankFile': (input, ctx) => Promise.resolve(service.bankFile(ctx, input)),
  'payments.importResults': (input, ctx) => service.importResults(ctx, input),
} satisfies FeatureHandlers<'payments'>;
