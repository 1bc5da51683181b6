import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { JobSnapshot, JobStarted } from '../../../shared/contract/jobs';
import { ApiError, invoke } from './client';

const pollMs = 300;

export interface JobState<T> {
  /** The latest progress, null before the first start. */
  snapshot: JobSnapshot | null;
  running: boolean;
  result: T | null;
  error: ApiError | null;
}

/**
 * Runs a long job (import, export, batch print) and polls its progress until it ends.
 * `run(start)` resolves with the parsed result, or null when the job failed or was cancelled
 * (then `error` / `snapshot.status` say which).
 */
export function useJob<T>(resultSchema: z.ZodType<T>) {
  const [state, setState] = useState<JobState<T>>({ snapshot: null, running: false, result: null, error: null });
  const jobId = useRef<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(
    async (start: () => Promise<JobStarted>): Promise<T | null> => {
      setState({ snapshot: null, running: true, result: null, error: null });
      try {
        const { jobId: id } = await start();
        jobId.current = id;
        for (;;) {
          const snapshot = await invoke('jobs.get', { jobId: id });
          if (!alive.current) return null;
          if (snapshot.status === 'running') {
            setState((s) => ({ ...s, snapshot }));
            await new Promise((r) => setTimeout(r, pollMs));
            continue;
          }
          if (snapshot.status === 'done') {
            const parsed = resultSchema.safeParse(snapshot.result);
            if (!parsed.success) throw new ApiError({ code: 'INTERNAL', message: '任务结果不完整，请重试或联系技术支持' });
            setState({ snapshot, running: false, result: parsed.data, error: null });
            return parsed.data;
          }
          const error = snapshot.error ? new ApiError({ code: snapshot.error.code as ApiError['code'], message: snapshot.error.message }) : null;
          setState({ snapshot, running: false, result: null, error });
          return null;
        }
      } catch (err) {
        const error = err instanceof ApiError ? err : new ApiError({ code: 'INTERNAL', message: String(err) });
        if (alive.current) setState((s) => ({ ...s, running: false, error }));
        return null;
      } finally {
        jobId.current = null;
      }
    },
    [resultSchema],
  );

  const cancel = useCallback(async () => {
    if (jobId.current) await invoke('jobs.cancel', { jobId: jobId.current }).catch(() => undefined);
  }, []);

  const reset = useCallback(() => setState({ snapshot: null, running: false, result: null, error: null }), []);

  return { ...state, run, cancel, reset };
}

/** A progress bar with the job's message and a 取消 button while it runs. */
export function JobProgress({ snapshot, running, onCancel, label }: { snapshot: JobSnapshot | null; running: boolean; onCancel?: () => void; label?: string }) {
  if (!running && !snapshot) return null;
  const total = snapshot?.total ?? 0;
  const done = snapshot?.done ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : running ? 100 : 0;
  return (
    <Stack gap={4} aria-label={label ?? '任务进度'}>
      <Group justify="space-between">
        <Text size="sm">{snapshot?.message ?? '准备中…'}</Text>
        {total > 0 && (
          <Text size="sm" c="dimmed">
            {done.toLocaleString('zh-CN')} / {total.toLocaleString('zh-CN')}（{percent}%）
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Progress value={percent} animated={running} striped={running && total === 0} style={{ flex: 1 }} aria-label="进度" />
        {running && onCancel && (
          <Button size="xs" variant="default" onClick={onCancel}>
            取消
          </Button>
        )}
      </Group>
    </Stack>
  );
}
