import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const settingsHandlers = {
  'settings.status': (_input, ctx) => service.status(ctx),
  'settings.setup': (input, ctx) => service.setup(ctx, input),
  'settings.office': (_input, ctx) => service.office(ctx),
  'settings.updateOffice': (input, ctx) => service.updateOffice(ctx, input),
  'settings.saveVillage': (input, ctx) => service.saveVillage(ctx, input),
  'settings.removeVillage': (input, ctx) => service.removeVillage(ctx, input),
} satisfies FeatureHandlers<'settings'>;
