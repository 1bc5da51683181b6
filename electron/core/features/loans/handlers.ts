import type { FeatureHandlers } from '../../handler';
import { addEvent, reverseEvent } from './events';
import { ledger, overdueCount } from './ledger';
import * as service from './service';
import * as settings from './settings';

export const loansHandlers = {
  'loans.settings': (_input, ctx) => settings.list(ctx),
  'loans.saveSettings': (input, ctx) => settings.save(ctx, input),
  'loans.forHousehold': (input, ctx) => service.forHousehold(ctx, input),
  'loans.get': (input, ctx) => service.get(ctx, input),
  'loans.save': (input, ctx) => service.save(ctx, input),
  'loans.addEvent': (input, ctx) => addEvent(ctx, input),
  'loans.reverseEvent': (input, ctx) => reverseEvent(ctx, input),
  'loans.ledger': (input, ctx) => ledger(ctx, input),
  'loans.overdueCount': (_input, ctx) => overdueCount(ctx),
} satisfies FeatureHandlers<'loans'>;
