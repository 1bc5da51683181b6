import type { FeatureHandlers } from '../../handler';
import * as monthly from './monthly';
import * as service from './service';

export const reportsHandlers = {
  'reports.workbench': (_input, ctx) => service.workbench(ctx),
  'reports.monthlyPreview': (input, ctx) => monthly.preview(ctx, input.month),
  'reports.monthlyMake': (input, ctx) => monthly.make(ctx, input.month),
  'reports.monthlyList': (_input, ctx) => monthly.list(ctx),
  'reports.monthlyGet': (input, ctx) => monthly.get(ctx, input.id),
  'reports.monthlyPrint': (input, ctx) => monthly.print(ctx, input.id),
  'reports.monthlyExport': (input, ctx) => monthly.startExport(ctx, input.id),
} satisfies FeatureHandlers<'reports'>;
