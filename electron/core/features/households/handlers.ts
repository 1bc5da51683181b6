import type { FeatureHandlers } from '../../handler';
import * as members from './members';
import * as service from './service';

export const householdsHandlers = {
  'households.list': (input, ctx) => service.list(ctx, input),
  'households.get': (input, ctx) => service.get(ctx, input.id),
  'households.checkId': (input, ctx) => service.checkId(ctx, input),
  'households.create': (input, ctx) => service.create(ctx, input),
  'households.update': (input, ctx) => service.update(ctx, input),
  'households.close': (input, ctx) => service.close(ctx, input),
  'households.reopen': (input, ctx) => service.reopen(ctx, input),
  'households.addMember': (input, ctx) => members.addMember(ctx, input),
  'households.updateMember': (input, ctx) => members.updateMember(ctx, input),
  'households.changeHead': (input, ctx) => members.changeHead(ctx, input),
  'households.memberLeave': (input, ctx) => members.memberLeave(ctx, input),
} satisfies FeatureHandlers<'households'>;
