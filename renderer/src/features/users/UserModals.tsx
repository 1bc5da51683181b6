import { Checkbox, Modal, NativeSelect, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, roleLabels, roles, type Role } from '../../../../shared/contract';
import type { UserRow } from '../../../../shared/contract/users';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { applyApiError, confirmError, errorMessage, isStaleSave, schemaErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { FormFooter } from '../../components/FormFooter';
import { roleOptions } from './roleOptions';

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- 新增用户

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="新增用户" size="md">
      {opened && <CreateUserForm onClose={onClose} />}
    </Modal>
  );
}

function CreateUserForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { username: '', displayName: '', role: 'clerk' as Role, password: '', confirm: '' },
    validate: (values) => {
      const errors = schemaErrors(channels['users.create'].input, values);
      const confirm = confirmError(values.password, values.confirm);
      if (confirm) errors.confirm = confirm;
      return errors;
    },
  });

  const submit = form.onSubmit(async ({ confirm: _confirm, ...input }) => {
    setError(null);
    try {
      const created = await invoke('users.create', input);
      notifications.show({
        color: 'green',
        title: '已新增用户',
        message: `${created.displayName}（${created.username}，${roleLabels[created.role]}）可以登录了`,
      });
      await invalidateChannels(queryClient, 'users.list');
      onClose();
    } catch (err) {
      setError(applyApiError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="登录名" description="2–32 位字母、数字或 _ . -" autoComplete="off" data-autofocus {...form.getInputProps('username')} />
        <TextInput label="姓名" {...form.getInputProps('displayName')} />
        <NativeSelect
          label="角色"
          data={roleOptions}
          {...form.getInputProps('role')}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isRole(value)) form.setFieldValue('role', value);
          }}
        />
        <PasswordInput label="密码" description="至少 8 位，同时包含字母和数字" autoComplete="new-password" {...form.getInputProps('password')} />
        <PasswordInput label="确认密码" autoComplete="new-password" {...form.getInputProps('confirm')} />
        <FormFooter failure={error} submitLabel="新增" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 编辑

export function EditUserModal({ user, isSelf, onClose }: { user: UserRow | null; isSelf: boolean; onClose: () => void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `编辑用户：${user.displayName}（${user.username}）` : '编辑用户'} size="md">
      {user && <EditUserForm key={user.id} user={user} isSelf={isSelf} onClose={onClose} />}
    </Modal>
  );
}

interface EditValues {
  displayName: string;
  role: Role;
  active: boolean;
}

function EditUserForm({ user, isSelf, onClose }: { user: UserRow; isSelf: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<EditValues | null>(null);
  // The version this form loaded: a save against a newer one (another admin saved first) is refused.
  const [seenVersion, setSeenVersion] = useState(user.version);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<EditValues>({
    initialValues: { displayName: user.displayName, role: user.role, active: user.active },
    validate: (values) => schemaErrors(channels['users.update'].input, { id: user.id, ...values }),
  });

  async function save(values: EditValues): Promise<void> {
    const updated = await invoke('users.update', { id: user.id, version: seenVersion, ...values });
    notifications.show({
      color: 'green',
      title: '已保存',
      message: `${updated.displayName}：${roleLabels[updated.role]}，${updated.active ? '在用' : '已停用'}`,
    });
    await invalidateChannels(queryClient, 'users.list');
    onClose();
  }

  const fail = (err: unknown): void => {
    if (isStaleSave(err)) setStale(errorMessage(err));
    else setError(applyApiError(form, err));
  };

  const reloadLatest = async (): Promise<void> => {
    try {
      const rows = (await queryClient.fetchQuery({ ...apiQuery('users.list', {}), staleTime: 0 })).rows;
      const latest = rows.find((r) => r.id === user.id);
      if (!latest) throw new Error('找不到该用户，请关闭后刷新');
      const values = { displayName: latest.displayName, role: latest.role, active: latest.active };
      form.setInitialValues(values);
      form.setValues(values);
      setSeenVersion(latest.version);
      setStale(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const submit = form.onSubmit(async (values) => {
    setError(null);
    setStale(null);
    // Deactivating someone is asked about first.
    if (user.active && !values.active) {
      setPending(values);
      return;
    }
    try {
      await save(values);
    } catch (err) {
      fail(err);
    }
  });

  const roleChanged = form.values.role !== user.role;

  return (
    <>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="姓名" data-autofocus {...form.getInputProps('displayName')} />
          <NativeSelect
            label="角色"
            data={roleOptions}
            {...form.getInputProps('role')}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isRole(value)) form.setFieldValue('role', value);
            }}
          />
          <Checkbox label="在用" description="取消勾选即停用：停用后该账号不能登录" {...form.getInputProps('active', { type: 'checkbox' })} />
          {(roleChanged || !form.values.active) && (
            <Text size="xs" c="dimmed">
              {isSelf ? '修改自己的角色或停用自己后，需要重新登录。' : '保存后，该用户正在使用的登录会被退出。'}
            </Text>
          )}
          {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
          <FormFooter failure={error} submitLabel="保存" busy={form.submitting} onCancel={onClose} />
        </Stack>
      </form>
      <ConfirmDialog
        opened={pending !== null}
        title="停用用户"
        message={`确定停用 ${user.displayName}（${user.username}）吗？停用后该账号不能登录，记录和操作日志都会保留，以后可以重新启用。`}
        confirmLabel="停用"
        danger
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          try {
            await save(pending);
          } catch (err) {
            setPending(null);
            fail(err);
          }
        }}
      />
    </>
  );
}

// ---------------------------------------------------------------- 重置密码

export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? `重置密码：${user.displayName}（${user.username}）` : '重置密码'} size="sm">
      {user && <ResetPasswordForm key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: (values) => {
      const errors = schemaErrors(channels['users.resetPassword'].input, { id: user.id, password: values.password });
      const confirm = confirmError(values.password, values.confirm);
      if (confirm) errors.confirm = confirm;
      return errors;
    },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    try {
      await invoke('users.resetPassword', { id: user.id, password });
      notifications.show({ color: 'green', title: '密码已重置', message: `请把新密码告诉 ${user.displayName}，并提醒其登录后自行修改` });
      onClose();
    } catch (err) {
      setError(applyApiError(form, err));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <PasswordInput label="新密码" description="至少 8 位，同时包含字母和数字" autoComplete="new-password" data-autofocus {...form.getInputProps('password')} />
        <PasswordInput label="确认新密码" autoComplete="new-password" {...form.getInputProps('confirm')} />
        <FormFooter failure={error} submitLabel="重置" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
