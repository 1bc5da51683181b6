import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const usersHandlers = {
  'users.me': (_input, ctx) => service.me(ctx),
  'users.login': (input, ctx) => service.login(ctx, input),
  'users.unlock': (input, ctx) => service.unlock(ctx, input),
  'users.touch': () => service.touch(),
  'users.lock': (_input, ctx) => service.lock(ctx),
  'users.logout': (_input, ctx) => service.logout(ctx),
  'users.changePassword': (input, ctx) => service.changePassword(ctx, input),
  'users.list': (_input, ctx) => service.list(ctx),
  'users.create': (input, ctx) => service.create(ctx, input),
  'users.update': (input, ctx) => service.update(ctx, input),
  'users.resetPassword': (input, ctx) => service.resetPassword(ctx, input),
} satisfies FeatureHandlers<'users'>;
