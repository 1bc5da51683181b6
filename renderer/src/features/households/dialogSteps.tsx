import { Alert, Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { isoDate, reason as reasonSchema } from '../../../../shared/contract/fields';

// What the 减员, 销户 and 恢复 dialogs share: the date and reason checks and the confirm step.

export type Errors = Record<string, string>;

export function checkDate(value: string, today: string, what: string, notBefore?: { date: string; why: string }): string | null {
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? `请填写${what}`;
  if (value > today) return `${what}不能晚于今天（${today}）`;
  if (notBefore && value < notBefore.date) return notBefore.why;
  return null;
}

export function checkReason(value: string): string | null {
  const parsed = reasonSchema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '请填写原因');
}

/** The second step of an irreversible action: what will happen, in words, and a red button. */
export function ConfirmStep({
  summary,
  confirmLabel,
  busy,
  failure,
  onBack,
  onConfirm,
}: {
  summary: ReactNode;
  confirmLabel: string;
  busy: boolean;
  failure: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" title="请确认">
        {summary}
      </Alert>
      {failure && (
        <Alert color="red" variant="light" title="没有办成">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onBack} disabled={busy}>
          返回修改
        </Button>
        <Button color="red" onClick={onConfirm} loading={busy} data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
