import { Group, Modal, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { projectTypeLabels, projectTypes, type ProjectType } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { fenOf, refreshFunds, refusal, yearOptions } from './util';

/** 新建项目 (村申报's subject): the fields of EMPLOYMENT-FUNDS §2.2. */
export function ProjectModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="新建项目（村申报）" size="lg">
      {opened && <ProjectForm onClose={onClose} />}
    </Modal>
  );
}

function ProjectForm({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: '',
      projectType: 'industry' as ProjectType,
      year: today.slice(0, 4),
      villageIds: [] as string[],
      content: '',
      scale: '',
      implementingUnit: '',
      budget: '',
      beneficiaryHouseholds: 0 as number | string,
      beneficiaryPeople: 0 as number | string,
      beneficiaryExited: 0 as number | string,
      beneficiaryMonitored: 0 as number | string,
      performanceTarget: '',
      farmerLink: '',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const budget = fenOf(v.budget, '批复预算');
    if ('error' in budget) {
      form.setFieldError('budget', budget.error);
      return;
    }
    try {
      const p = await invoke('funds.createProject', {
        name: v.name,
        projectType: v.projectType,
        year: Number(v.year),
        villageIds: v.villageIds,
        content: v.content,
        scale: v.scale,
        implementingUnit: v.implementingUnit,
        budgetFen: budget.fen,
        beneficiaryHouseholds: Number(v.beneficiaryHouseholds) || 0,
        beneficiaryPeople: Number(v.beneficiaryPeople) || 0,
        beneficiaryExited: Number(v.beneficiaryExited) || 0,
        beneficiaryMonitored: Number(v.beneficiaryMonitored) || 0,
        performanceTarget: v.performanceTarget,
        farmerLink: v.farmerLink,
      });
      notifySuccess(`项目 ${p.projectCode} ${p.name} 已建立，请办理「村申报」`);
      await refreshFunds(queryClient);
      onClose();
      void navigate(`/funds/projects/${p.id}`);
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, budget: r.fields.budgetFen });
      setFailure(r.message);
    }
  });
  const villages = (office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="项目名称" data-autofocus {...form.getInputProps('name')} />
        <Group grow>
          <NativeSelect label="项目类型" data={projectTypes.map((t) => ({ value: t, label: projectTypeLabels[t] }))} {...form.getInputProps('projectType')} />
          <NativeSelect label="计划年度" data={yearOptions(today)} {...form.getInputProps('year')} />
        </Group>
        <MultiSelect label="实施村" data={villages} searchable {...form.getInputProps('villageIds')} />
        <Textarea label="建设内容" autosize minRows={2} {...form.getInputProps('content')} />
        <TextInput label="建设规模" {...form.getInputProps('scale')} />
        <Group grow>
          <TextInput label="实施单位" {...form.getInputProps('implementingUnit')} />
          <TextInput label="批复预算（元）" {...form.getInputProps('budget')} />
        </Group>
        <SimpleGrid cols={4}>
          <NumberInput label="受益户数" min={0} {...form.getInputProps('beneficiaryHouseholds')} />
          <NumberInput label="受益人数" min={0} {...form.getInputProps('beneficiaryPeople')} />
          <NumberInput label="其中脱贫户" min={0} {...form.getInputProps('beneficiaryExited')} />
          <NumberInput label="其中监测户" min={0} {...form.getInputProps('beneficiaryMonitored')} />
        </SimpleGrid>
        <Textarea label="绩效目标" description="县审定和入库前必须填写" autosize minRows={2} {...form.getInputProps('performanceTarget')} />
        <Textarea label="联农带农机制" description="县审定和入库前必须填写" autosize minRows={2} {...form.getInputProps('farmerLink')} />
        <FormFooter failure={failure} submitLabel="建立项目" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
