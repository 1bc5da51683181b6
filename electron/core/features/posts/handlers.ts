import type { FeatureHandlers } from '../../handler';
import { postLedger } from './ledger';
import * as service from './service';

export const postsHandlers = {
  'posts.catalog': () => Promise.resolve(service.catalog()),
  'posts.settings': (_input, ctx) => service.settings(ctx),
  'posts.saveSettings': (input, ctx) => service.saveSettings(ctx, input),
  'posts.list': (input, ctx) => service.list(ctx, input),
  'posts.save': (input, ctx) => service.save(ctx, input),
  'posts.announce': (input, ctx) => service.announce(ctx, input),
  'posts.appointments': (input, ctx) => service.appointments(ctx, input),
  'posts.candidates': (input, ctx) => service.candidates(ctx, input),
  'posts.apply': (input, ctx) => service.apply(ctx, input),
  'posts.recordStep': (input, ctx) => service.recordStep(ctx, input),
  'posts.leave': (input, ctx) => service.leave(ctx, input),
  'posts.monthGrid': (input, ctx) => service.monthGrid(ctx, input),
  'posts.saveMonth': (input, ctx) => service.saveMonth(ctx, input),
  'posts.makePaymentList': (input, ctx) => service.makePaymentList(ctx, input),
  'posts.printNotice': (input, ctx) => service.printNotice(ctx, input),
  'posts.ledger': (input, ctx) => postLedger(ctx, input),
} satisfies FeatureHandlers<'posts'>;
