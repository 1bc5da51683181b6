import { z } from 'zod';
import { channel } from './channel';

export const jobStatuses = ['running', 'done', 'failed', 'cancelled'] as const;

const errorShape = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });

/**
 * A long job's state. `result` is the starting channel's own result type (each feature exports
 * its zod schema, e.g. `importPreviewSchema`); the window parses it with that schema.
 */
export const jobSnapshotSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(jobStatuses),
  done: z.number(),
  total: z.number(),
  message: z.string(),
  error: errorShape.nullable(),
  result: z.unknown(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;

/** What every job-starting channel returns at once. */
export const jobStartedSchema = z.object({ jobId: z.string() });
export type JobStarted = z.infer<typeof jobStartedSchema>;

const jobIdInput = z.object({ jobId: z.string().min(1, { error: '缺少任务编号' }) });

export const jobsChannels = {
  /** Progress and, once done, the result of a job this window started. */
  'jobs.get': channel({ access: 'signedIn', mutates: false, input: jobIdInput, output: jobSnapshotSchema }),
  /** Asks a running job to stop; work already committed is kept, a pending transaction is not opened. */
  'jobs.cancel': channel({ access: 'signedIn', mutates: false, input: jobIdInput, output: jobSnapshotSchema }),
};
