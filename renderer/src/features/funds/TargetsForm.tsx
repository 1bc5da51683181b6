import { Group, Paper, Stack, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectDetail } from '../../../../shared/contract/funds';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { refreshFunds, refusal } from './util';

/** 绩效目标 and 联农带农: editable while the project is being applied for; fixed once in the library. */
export function TargetsForm({ project }: { project: ProjectDetail }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { performanceTarget: project.performanceTarget, farmerLink: project.farmerLink } });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await invoke('funds.setTargets', { id: project.id, version: project.version, ...v });
      notifySuccess('绩效目标和联农带农机制已保存');
      await refreshFunds(queryClient);
    } catch (err) {
      const r = refusal(err);
      form.setErrors(r.fields);
      setFailure(r.message);
    }
  });
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        绩效目标与联农带农机制（入库前必须填写）
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Textarea label="绩效目标" autosize minRows={2} {...form.getInputProps('performanceTarget')} />
            <Textarea label="联农带农机制" autosize minRows={2} {...form.getInputProps('farmerLink')} />
          </Group>
          <FormFooter failure={failure} submitLabel="保存" busy={form.submitting} onCancel={() => form.reset()} />
        </Stack>
      </form>
    </Paper>
  );
}
