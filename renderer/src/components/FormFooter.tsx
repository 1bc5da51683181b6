import { Alert, Button, Group } from '@mantine/core';

interface FormFooterProps {
  /** Why the last attempt was refused, in the core's words; nothing when there is none. */
  failure: string | null;
  submitLabel: string;
  onCancel: () => void;
  /** 取消 unless the way out means something else (退出登录). */
  cancelLabel?: string;
  busy?: boolean;
  /** Red for steps toward something irreversible (减员, 注销, 停用). */
  danger?: boolean;
  autoFocusSubmit?: boolean;
}

/** The end of every dialog form: the refusal, if any, then 取消 and the submit button. */
export function FormFooter({ failure, submitLabel, onCancel, cancelLabel = '取消', busy = false, danger = false, autoFocusSubmit = false }: FormFooterProps) {
  return (
    <>
      {failure && (
        <Alert color="red" variant="light" title="没有办成" role="alert">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </Button>
        <Button
          type="submit"
          color={danger ? 'red' : undefined}
          loading={busy}
          data-autofocus={autoFocusSubmit || undefined}
        >
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
