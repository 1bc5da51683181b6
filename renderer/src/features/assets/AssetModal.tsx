import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { assetClasses, assetClassLabels, ownerLevelLabels, ownerLevels, type AssetClass, type OwnerLevel } from '../../../../shared/domain/assets';
import { invoke } from '../../api/client';
import { apiQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField, formDate } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { fenOf, refreshAssets, refusal } from './queries';

/** 登记资产: an asset formed by a project past 完工, its value by source and who owns, runs and looks after it. */
export function AssetModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="登记项目资产" size="lg">
      {opened && <AssetForm onClose={onClose} />}
    </Modal>
  );
}

function AssetForm({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const catalog = useQuery(apiQuery('funds.catalog', {}));
  const projects = useQuery(apiQuery('funds.listProjects', { year: null, status: null, projectType: null, villageId: null, search: '', lateOnly: false }));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      projectId: '',
      name: '',
      assetClass: 'operating' as AssetClass,
      formedDate: today,
      villageId: '',
      quantity: '',
      value: '',
      sources: [{ sourceCode: 'county', amount: '' }],
      ownerLevel: 'village' as OwnerLevel,
      ownerName: '',
      operator: '',
      caretaker: '',
      caretakerPerson: '',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const value = fenOf(v.value, '资产原值');
    if ('error' in value) return form.setFieldError('value', value.error);
    const sources = [];
    for (const [i, s] of v.sources.entries()) {
      const f = fenOf(s.amount, '来源金额');
      if ('error' in f) return form.setFieldError(`sources.${i}.amount`, f.error);
      sources.push({ sourceCode: s.sourceCode, amountFen: f.fen });
    }
    try {
      const a = await invoke('assets.create', {
        projectId: v.projectId,
        name: v.name,
        assetClass: v.assetClass,
        formedDate: v.formedDate,
        villageId: v.villageId || null,
        quantity: v.quantity,
        valueFen: value.fen,
        valueSources: sources,
        ownerLevel: v.ownerLevel,
        ownerName: v.ownerName,
        operator: v.operator,
        caretaker: v.caretaker,
        caretakerPerson: v.caretakerPerson,
      });
      notifySuccess(`资产 ${a.assetCode} 已登记`);
      await refreshAssets(queryClient);
      onClose();
      void navigate(`/assets/${a.id}`);
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, value: r.fields.valueFen, 'sources.0.amount': r.fields.valueSources });
      setFailure(r.message);
    }
  });
  const sourceOptions = (catalog.data?.sources ?? []).filter((s) => s.active).map((s) => ({ value: s.code, label: s.name }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label="形成项目（须已完工）"
          data={[{ value: '', label: '请选择项目' }, ...(projects.data?.rows ?? []).map((p) => ({ value: p.id, label: `${p.projectCode} ${p.name}` }))]}
          {...form.getInputProps('projectId')}
        />
        <SimpleGrid cols={2}>
          <TextInput label="资产名称" data-autofocus {...form.getInputProps('name')} />
          <NativeSelect label="资产类别" data={assetClasses.map((c) => ({ value: c, label: assetClassLabels[c] }))} {...form.getInputProps('assetClass')} />
          <DateField label="形成日期" required {...formDate(form.getInputProps('formedDate'))} />
          <NativeSelect label="所在村" data={[{ value: '', label: '（跨村或县级）' }, ...(office.data?.villages ?? []).map((x) => ({ value: x.id, label: x.name }))]} {...form.getInputProps('villageId')} />
          <TextInput label="数量" placeholder="例如 20 个、3 公里" {...form.getInputProps('quantity')} />
          <TextInput label="资产原值（元）" {...form.getInputProps('value')} />
        </SimpleGrid>
        {form.values.sources.map((_, i) => (
          <Group key={i} grow align="flex-end">
            <NativeSelect label={i === 0 ? '资金来源' : undefined} data={sourceOptions} {...form.getInputProps(`sources.${i}.sourceCode`)} />
            <TextInput label={i === 0 ? '金额（元）' : undefined} {...form.getInputProps(`sources.${i}.amount`)} />
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="xs" onClick={() => form.insertListItem('sources', { sourceCode: 'village', amount: '' })}>
            增加一个资金来源
          </Button>
        </Group>
        <SimpleGrid cols={2}>
          <NativeSelect label="所有权层级" data={ownerLevels.map((l) => ({ value: l, label: ownerLevelLabels[l] }))} {...form.getInputProps('ownerLevel')} />
          <TextInput label="所有权人" placeholder="例如 坪埠村股份经济合作社" {...form.getInputProps('ownerName')} />
          <TextInput label="经营主体" {...form.getInputProps('operator')} />
          <TextInput label="管护主体" {...form.getInputProps('caretaker')} />
          <TextInput label="管护责任人" {...form.getInputProps('caretakerPerson')} />
        </SimpleGrid>
        <FormFooter failure={failure} submitLabel="登记资产" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
