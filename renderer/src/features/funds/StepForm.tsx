import { Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectDetail } from '../../../../shared/contract/funds';
import { isNoticeStep, projectStepLabels, stepOutcomeLabels, stepOutcomes, type ProjectStepKind, type StepOutcome } from '../../../../shared/domain/funds';
import { noticeDaysFor } from '../../../../shared/domain/fundsRules';
import { addDays } from '../../../../shared/lib/dates';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { refreshFunds, refusal } from './util';
import { DateField, formDate } from '../../components/DateField';

/** 办理下一步: only the steps the library allows now are offered; the core checks again. */
export function StepForm({ project }: { project: ProjectDetail }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const first = project.allowedSteps[0] ?? 'villageApply';
  const form = useForm({
    initialValues: { step: first as ProjectStepKind, outcome: 'passed' as StepOutcome, date: today, people: '', docNo: '', noticeEnd: '' },
  });
  const step = form.values.step;
  const minDays = noticeDaysFor(step, { ...project.settings, closeDate: project.settings.closeDate });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await invoke('funds.recordStep', {
        projectId: project.id,
        step: v.step,
        outcome: v.outcome,
        date: v.date,
        people: v.people,
        docNo: v.docNo,
        noticeEnd: isNoticeStep(v.step) && v.noticeEnd !== '' ? v.noticeEnd : null,
      });
      notifySuccess(`已办理「${projectStepLabels[v.step]}」`);
      form.setValues({ people: '', docNo: '', noticeEnd: '' });
      await refreshFunds(queryClient);
    } catch (err) {
      const r = refusal(err);
      form.setErrors(r.fields);
      setFailure(r.message);
    }
  });
  if (project.allowedSteps.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        办理下一步
      </Title>
      <form onSubmit={submit} noValidate aria-label="办理步骤">
        <Stack gap="xs">
          <Group grow>
            <NativeSelect
              label="步骤"
              data={project.allowedSteps.map((s) => ({ value: s, label: projectStepLabels[s] }))}
              {...form.getInputProps('step')}
              onChange={(e) => {
                const s = e.currentTarget.value as ProjectStepKind;
                form.setFieldValue('step', s);
                const d = noticeDaysFor(s, project.settings);
                if (d !== null) form.setFieldValue('noticeEnd', addDays(form.values.date, d - 1));
              }}
            />
            <NativeSelect label="结果" data={stepOutcomes.map((o) => ({ value: o, label: stepOutcomeLabels[o] }))} {...form.getInputProps('outcome')} />
            <DateField label={isNoticeStep(step) ? '公示开始日期' : '办理日期'} {...formDate(form.getInputProps('date'))} />
            {isNoticeStep(step) && (
              <DateField label="公示截止日期" description={minDays !== null ? `不少于 ${minDays} 天` : undefined} {...formDate(form.getInputProps('noticeEnd'))} />
            )}
          </Group>
          <Group grow>
            <TextInput label="经办人 / 参加人员" {...form.getInputProps('people')} />
            <TextInput label="文号（如有）" {...form.getInputProps('docNo')} />
          </Group>
          <FormFooter failure={failure} submitLabel="办理" busy={form.submitting} onCancel={() => form.reset()} />
        </Stack>
      </form>
    </Paper>
  );
}
