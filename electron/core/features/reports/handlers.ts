import type { FeatureHandlers } from '../../handler';
import * as service from './service';

export const reportsHandlers = {
  'reports.workbench': (_input, ctx) => service.workbench(ctx),
} satisfies FeatureHandlers<'reports'>;
