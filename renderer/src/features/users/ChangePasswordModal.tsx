import { Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { channels } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { applyApiError, confirmError, schemaErrors } from '../../components/formErrors';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="修改密码" size="sm">
      {opened && <ChangePasswordForm onClose={onClose} />}
    </Modal>
  );
}

interface ChangePasswordFormProps {
  onClose: () => void;
  /** Called after the core accepted the new password (before onClose's notice is shown). */
  onChanged?: () => void;
  cancelLabel?: string;
}

export function ChangePasswordForm({ onClose, onChanged, cancelLabel }: ChangePasswordFormProps) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { oldPassword: '', newPassword: '', confirm: '' },
    validate: (values) => {
      const errors = schemaErrors(channels['users.changePassword'].input, values);
      const confirm = confirmError(values.newPassword, values.confirm);
      if (confirm) errors.confirm = confirm;
      return errors;
    },
  });

  const submit = form.onSubmit(async ({ oldPassword, newPassword }) => {
    setError(null);
    try {
      await invoke('users.changePassword', { oldPassword, newPassword });
      notifications.show({ color: 'green', title: '密码已修改', message: '下次登录请使用新密码' });
      if (onChanged) onChanged();
      else onClose();
    } catch (err) {
      setError(applyApiError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <PasswordInput label="原密码" autoComplete="current-password" data-autofocus {...form.getInputProps('oldPassword')} />
        <PasswordInput
          label="新密码"
          description="至少 8 位，同时包含字母和数字"
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label="确认新密码" autoComplete="new-password" {...form.getInputProps('confirm')} />
        <FormFooter failure={error} submitLabel="保存" busy={form.submitting} onCancel={onClose} cancelLabel={cancelLabel} />
      </Stack>
    </form>
  );
}
