import type { FeatureHandlers } from '../../handler';
import { addEvent, reverseEvent } from './events';
import { ledger, overdueCount } from './ledger';
import { recordLoan } from './record';
import * as service from './service';
import * as settings from './settings';

export const loansHandlers = {
  'loans.settings': (_input, ctx) => settings.list(ctx),
  'loans.saveSettings': (input, ctx) => settings.save(ctx, input),
  'loans.forHousehold': (input, ctx) => service.forHousehold(ctx, input),
  'loans.get': (input, ctx) => service.get(ctx, input),
  // The loan, the JR01 measure it ticks and their audit rows: one transaction (the dispatcher's).
  'loans.save': (input, ctx) => recordLoan(ctx, input),
  'loans.addEvent': (input, ctx) => addEvent(ctx, input),
  'loans.reverseEvent': (input, ctx) => reverseEvent(ctx, input),
  'loans.ledger': (input, ctx) => ledger(ctx, input),
  'loans.overdueCount': (_input, ctx) => overdueCount(ctx),
} satisfies FeatureHandlers<'loans'>;
