import type { FeatureHandlers } from '../../handler';
import { workshopLedger } from './ledger';
import * as service from './service';
import { addStaff } from './staff';

export const workshopsHandlers = {
  'workshops.list': (input, ctx) => service.list(ctx, input),
  'workshops.get': (input, ctx) => service.get(ctx, input),
  'workshops.save': (input, ctx) => service.save(ctx, input),
  'workshops.recordCheck': (input, ctx) => service.recordCheck(ctx, input),
  'workshops.addStaff': (input, ctx) => addStaff(ctx, input),
  'workshops.ledger': (input, ctx) => workshopLedger(ctx, input),
} satisfies FeatureHandlers<'workshops'>;
