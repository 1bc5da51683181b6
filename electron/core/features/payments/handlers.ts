import type { FeatureHandlers } from '../../handler';
import * as accounts from './accounts';
import { forHousehold, tickPaidLines } from './householdMoney';
import { paymentLineLedger } from './lineLedger';
import * as service from './service';

export const paymentsHandlers = {
  'payments.list': (input, ctx) => service.list(ctx, input),
  'payments.get': (input, ctx) => service.get(ctx, input),
  'payments.create': (input, ctx) => service.create(ctx, input),
  'payments.addLine': (input, ctx) => service.addLine(ctx, input),
  'payments.removeLine': (input, ctx) => service.removeLine(ctx, input),
  'payments.advance': (input, ctx) => service.advance(ctx, input),
  'payments.recordResults': async (input, ctx) => ({ ...(await service.recordResults(ctx, input)), measureNotes: await tickPaidLines(ctx, input.id) }),
  'payments.resendFailed': (input, ctx) => service.resendFailed(ctx, input),
  'payments.correct': (input, ctx) => service.correct(ctx, input),
  'payments.account': (input, ctx) => accounts.account(ctx, input),
  'payments.saveAccount': (input, ctx) => accounts.saveAccount(ctx, input),
  'payments.bankRows': (input, ctx) => service.bankRows(ctx, input),
  'payments.print': (input, ctx) => service.print(ctx, input),
  'payments.bankFile': (input, ctx) => Promise.resolve(service.bankFile(ctx, input)),
  'payments.importResults': async (input, ctx) => ({ ...(await service.importResults(ctx, input)), measureNotes: await tickPaidLines(ctx, input.id) }),
  'payments.forHousehold': (input, ctx) => forHousehold(ctx, input),
  'payments.lineLedger': (input, ctx) => paymentLineLedger(ctx, input),
} satisfies FeatureHandlers<'payments'>;
