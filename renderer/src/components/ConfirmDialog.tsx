import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { reason as reasonSchema } from '../../../shared/contract/fields';
import { FormFooter } from './FormFooter';
import { errorMessage } from './formErrors';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** The way out, when 取消 would read as the action itself (取消措施 → 返回). */
  cancelLabel?: string;
  /** Red confirm button for actions that take something away (停用, 删除). */
  danger?: boolean;
  /** When set, a required reason is asked for and passed to onConfirm. */
  reasonLabel?: string;
  /** Runs the action; a thrown error is shown in the dialog, which then stays open. */
  onConfirm: (reason: string) => Promise<unknown> | void;
  onClose: () => void;
}

/** Asks before an action that cannot simply be undone; shows the core's answer if it refuses. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="md">
      {/* Mounted only while open, so every opening starts with an empty reason and no old error. */}
      {props.opened && <ConfirmBody {...props} />}
    </Modal>
  );
}

function ConfirmBody({ message, confirmLabel, cancelLabel, danger, reasonLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reasonLabel) {
      const checked = reasonSchema.safeParse(reason);
      if (!checked.success) {
        setReasonError(checked.error.issues[0]?.message ?? `请填写${reasonLabel}`);
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
        {reasonLabel && (
          <Textarea
            label={reasonLabel}
            autosize
            minRows={2}
            data-autofocus
            value={reason}
            error={reasonError}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(null);
            }}
          />
        )}
        <FormFooter failure={error} submitLabel={confirmLabel} busy={busy} danger={danger} autoFocusSubmit={!reasonLabel} onCancel={onClose} cancelLabel={cancelLabel} />
      </Stack>
    </form>
  );
}
