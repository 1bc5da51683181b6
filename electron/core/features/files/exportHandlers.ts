import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuarter, quarterCode, submissionQuarterOn } from '../../../../shared/domain/quarter';
import { AppError } from '../../../../shared/lib/result';
import type { Handler } from '../../handler';
import type { ExportChannel } from './channels';
import { submissionCheck } from './export/checks';
import { startExport } from './export/exportService';
import { startSubmission } from './export/submission';
import { verifySubmission } from './export/verify';

function quarterOf(text: string) {
  const q = parseQuarter(text);
  if (!q) throw new AppError('INVALID_INPUT', '季度格式应为 年份Q季度，例如 2026Q3', { quarter: '季度格式有误' });
  return q;
}

export const exportHandlers: { [C in ExportChannel]: Handler<C> } = {
  'files.export': async (input, ctx) => ({ jobId: startExport(ctx, input) }),
  'files.submission': async (input, ctx) => ({ jobId: await startSubmission(ctx, input) }),
  'files.verifySubmission': async (input) => verifySubmission(input),
  'files.submissionCheck': async (input, ctx) => submissionCheck(ctx, quarterOf(input.quarter)),
  'files.submissionDefaults': async (_input, ctx) => {
    const defaultDir = join(ctx.dataDir, 'submissions');
    mkdirSync(defaultDir, { recursive: true });
    return { quarter: quarterCode(submissionQuarterOn(ctx.today())), defaultDir };
  },
};
