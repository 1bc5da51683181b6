import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import type { Office } from '../../../../shared/contract/settings';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { applyApiError, errorMessage, isStaleSave, schemaErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';

interface OfficeValues {
  countyName: string;
  townshipName: string;
  phone: string;
  idleMinutes: number | string;
}

function toInput(values: OfficeValues, version?: number): InputOf<'settings.updateOffice'> {
  const idle = typeof values.idleMinutes === 'number' ? values.idleMinutes : Number.parseFloat(values.idleMinutes);
  return {
    ...(version === undefined ? {} : { version }),
    countyName: values.countyName,
    townshipName: values.townshipName,
    phone: values.phone,
    // An empty field becomes NaN, which the schema refuses with "请填写自动锁定时间".
    idleMinutes: idle,
  };
}

function valuesOf(office: Office): OfficeValues {
  return { countyName: office.countyName, townshipName: office.townshipName, phone: office.phone ?? '', idleMinutes: office.idleMinutes };
}

/** 单位信息: names, phone and the idle-lock time. The codes are fixed at first setup. */
export function OfficeForm({ office }: { office: Office }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  // The version the form's values came from; only a save or a reload moves it.
  const [seenVersion, setSeenVersion] = useState(office.version);
  const form = useForm<OfficeValues>({
    initialValues: valuesOf(office),
    validate: (values) => schemaErrors(channels['settings.updateOffice'].input, toInput(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    setStale(null);
    try {
      const saved = await invoke('settings.updateOffice', toInput(values, seenVersion));
      setSeenVersion(saved.version);
      form.setInitialValues({ ...values, phone: saved.phone ?? '' });
      form.setValues({ phone: saved.phone ?? '' });
      form.resetDirty();
      notifications.show({ color: 'green', title: '单位信息已保存', message: `${saved.countyName}${saved.townshipName}，${saved.idleMinutes} 分钟无操作自动锁定` });
      await invalidateChannels(queryClient, 'settings.status', 'settings.office', 'users.me');
    } catch (err) {
      // Someone saved first: what this admin typed stays; loading the latest is offered.
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setError(applyApiError(form, err));
    }
  });

  const reloadLatest = async () => {
    try {
      const latest = (await queryClient.fetchQuery({ ...apiQuery('settings.office', {}), staleTime: 0 })).office;
      form.setInitialValues(valuesOf(latest));
      form.setValues(valuesOf(latest));
      form.resetDirty();
      setSeenVersion(latest.version);
      setStale(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={4}>单位信息</Title>
            <Text size="sm" c="dimmed">
              县代码 {office.countyCode} · 乡镇代码 {office.townshipCode}（首次设置时确定，不能修改）
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 4 }} spacing="sm">
            <TextInput label="县（市、区）名称" {...form.getInputProps('countyName')} />
            <TextInput label="乡镇名称" {...form.getInputProps('townshipName')} />
            <TextInput label="办公电话" {...form.getInputProps('phone')} />
            <NumberInput
              label="自动锁定时间（分钟）"
              min={1}
              max={240}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('idleMinutes')}
            />
          </SimpleGrid>
          {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              保存单位信息
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
