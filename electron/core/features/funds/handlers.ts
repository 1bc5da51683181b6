import type { FeatureHandlers } from '../../handler';
import { printCompletionNotice, printNotice, printPayment, printPlanNotice, printTrail } from './print';
import * as money from './money';
import * as projects from './projects';
import * as service from './service';
import { moneyTrail } from './trail';

export const fundsHandlers = {
  'funds.catalog': (_input, ctx) => service.catalog(ctx),
  'funds.saveSettings': (input, ctx) => service.saveSettings(ctx, input),
  'funds.listBatches': (input, ctx) => service.listBatches(ctx, input),
  'funds.createBatch': (input, ctx) => service.createBatch(ctx, input),
  'funds.ledger': (input, ctx) => service.ledger(ctx, input),
  'funds.listProjects': (input, ctx) => service.listProjects(ctx, input),
  'funds.todos': (_input, ctx) => service.todos(ctx),
  'funds.getProject': (input, ctx) => projects.getProject(ctx, input),
  'funds.createProject': (input, ctx) => projects.createProject(ctx, input),
  'funds.setTargets': (input, ctx) => projects.setTargets(ctx, input),
  'funds.recordStep': (input, ctx) => projects.recordStep(ctx, input),
  'funds.allocate': (input, ctx) => money.allocate(ctx, input),
  'funds.reverseAllocation': (input, ctx) => money.reverseAllocation(ctx, input),
  'funds.disburse': (input, ctx) => money.disburse(ctx, input),
  'funds.reverseDisbursement': (input, ctx) => money.reverseDisbursement(ctx, input),
  'funds.printNotice': (input, ctx) => printNotice(ctx, input),
  'funds.printPayment': (input, ctx) => printPayment(ctx, input),
  'funds.printPlanNotice': (input, ctx) => printPlanNotice(ctx, input),
  'funds.printCompletionNotice': (input, ctx) => printCompletionNotice(ctx, input),
  'funds.trail': (input, ctx) => moneyTrail(ctx, input.projectId),
  'funds.printTrail': (input, ctx) => printTrail(ctx, input),
} satisfies FeatureHandlers<'funds'>;
