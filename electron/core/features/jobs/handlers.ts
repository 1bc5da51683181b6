import type { FeatureHandlers } from '../../handler';

export const jobsHandlers: FeatureHandlers<'jobs'> = {
  'jobs.get': async ({ jobId }, ctx) => ctx.jobs.get(jobId),
  'jobs.cancel': async ({ jobId }, ctx) => ctx.jobs.cancel(jobId),
};
