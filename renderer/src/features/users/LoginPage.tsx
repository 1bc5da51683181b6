import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { channels } from '../../../../shared/contract';
import type { SessionUser } from '../../../../shared/contract/users';
import { invoke } from '../../api/client';
import { applyApiError, schemaErrors } from '../../components/formErrors';

interface LoginPageProps {
  /** e.g. "明溪县城关乡 · 乡村振兴台账". */
  title: string;
  defaultUsername: string;
  /** Why the person is here again (e.g. signed out by the core). */
  notice: string | null;
  /** mustChangePassword: an admin chose the password; the next screen asks for a new one. */
  onLoggedIn: (user: SessionUser, mustChangePassword: boolean) => void;
}

export function LoginPage({ title, defaultUsername, notice, onLoggedIn }: LoginPageProps) {
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: { username: defaultUsername, password: '' },
    validate: (values) => schemaErrors(channels['users.login'].input, values),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { user, mustChangePassword } = await invoke('users.login', values);
      onLoggedIn(user, mustChangePassword);
    } catch (err) {
      setError(applyApiError(form, err));
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    }
  });

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={3}>{title}</Title>
              <Text size="sm" c="dimmed">
                请输入登录名和密码
              </Text>
            </Stack>
            {notice && (
              <Alert color="yellow" variant="light">
                {notice}
              </Alert>
            )}
            <TextInput label="登录名" autoComplete="username" autoFocus={defaultUsername === ''} {...form.getInputProps('username')} />
            <PasswordInput
              ref={passwordRef}
              label="密码"
              autoComplete="current-password"
              autoFocus={defaultUsername !== ''}
              {...form.getInputProps('password')}
            />
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" fullWidth loading={form.submitting}>
              登录
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
