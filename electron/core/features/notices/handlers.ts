import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const noticesHandlers = {
  'notices.settings': (_input, ctx) => service.settings(ctx),
  'notices.saveSettings': (input, ctx) => service.saveSettings(ctx, input),
  'notices.overview': (input, ctx) => service.overview(ctx, input),
  'notices.list': (input, ctx) => service.list(ctx, input),
  'notices.print': (input, ctx) => service.print(ctx, input),
} satisfies FeatureHandlers<'notices'>;
