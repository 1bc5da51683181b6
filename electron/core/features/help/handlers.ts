import packageJson from '../../../../package.json';
import type { FeatureHandlers } from '../../handler';
import { writeTemplate } from './template';

export const helpHandlers: FeatureHandlers<'help'> = {
  'help.importTemplate': (input, ctx) => writeTemplate(ctx, input.kind),
  'help.about': async (_input, ctx) => ({ version: packageJson.version, dataDir: ctx.dataDir }),
};
