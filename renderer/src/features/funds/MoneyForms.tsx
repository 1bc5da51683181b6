import { Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProjectDetail } from '../../../../shared/contract/funds';
import { disbursementStageLabels, disbursementStages, payeeKindLabels, payeeKinds, yuan, type DisbursementStage, type PayeeKind } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { fenOf, refreshFunds, refusal } from './util';
import { DateField, formDate } from '../../components/DateField';

/** 分配资金: a batch's money to this project. */
export function AllocateForm({ project }: { project: ProjectDetail }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const batches = useQuery(apiQuery('funds.listBatches', { year: null }));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { batchId: '', date: today, amount: '' } });
  const options = (batches.data?.rows ?? [])
    .filter((b) => b.allocatedFen < b.amountFen)
    .map((b) => ({ value: b.id, label: `${b.docNo}（${b.sourceName}，可分配 ${yuan(b.amountFen - b.allocatedFen)} 元）` }));
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const amount = fenOf(v.amount, '分配金额');
    if ('error' in amount) return form.setFieldError('amount', amount.error);
    if (v.batchId === '') return form.setFieldError('batchId', '请选择资金批次');
    try {
      await invoke('funds.allocate', { batchId: v.batchId, projectId: project.id, date: v.date, amountFen: amount.fen });
      notifySuccess(`已分配 ${yuan(amount.fen)} 元`);
      form.setValues({ amount: '' });
      await refreshFunds(queryClient);
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, amount: r.fields.amountFen });
      setFailure(r.message);
    }
  });
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        分配资金
      </Title>
      <form onSubmit={submit} noValidate aria-label="分配资金">
        <Stack gap="xs">
          <NativeSelect label="资金批次" data={[{ value: '', label: '请选择' }, ...options]} {...form.getInputProps('batchId')} />
          <Group grow>
            <DateField label="分配日期" {...formDate(form.getInputProps('date'))} />
            <TextInput label="分配金额（元）" {...form.getInputProps('amount')} />
          </Group>
          <FormFooter failure={failure} submitLabel="分配" busy={form.submitting} onCancel={() => form.reset()} />
        </Stack>
      </form>
    </Paper>
  );
}

/** 拨付: money paid out of one batch's allocation to this project. */
export function DisburseForm({ project }: { project: ProjectDetail }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { batchId: '', date: today, amount: '', voucherNo: '', payeeKind: 'contractor' as PayeeKind, stage: 'progress' as DisbursementStage },
  });
  const options = project.byBatch
    .filter((b) => b.allocatedFen > b.disbursedFen)
    .map((b) => ({ value: b.batchId, label: `${b.batchDocNo}（可拨付 ${yuan(b.allocatedFen - b.disbursedFen)} 元）` }));
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const amount = fenOf(v.amount, '拨付金额');
    if ('error' in amount) return form.setFieldError('amount', amount.error);
    if (v.batchId === '') return form.setFieldError('batchId', '请选择从哪个批次的分配额中拨付');
    try {
      await invoke('funds.disburse', { batchId: v.batchId, projectId: project.id, date: v.date, amountFen: amount.fen, voucherNo: v.voucherNo, payeeKind: v.payeeKind, stage: v.stage });
      notifySuccess(`已拨付 ${yuan(amount.fen)} 元`);
      form.setValues({ amount: '', voucherNo: '' });
      await refreshFunds(queryClient);
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, amount: r.fields.amountFen });
      setFailure(r.message);
    }
  });
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        拨付资金
      </Title>
      <form onSubmit={submit} noValidate aria-label="拨付资金">
        <Stack gap="xs">
          <NativeSelect label="资金批次" data={[{ value: '', label: options.length === 0 ? '请先分配资金' : '请选择' }, ...options]} {...form.getInputProps('batchId')} />
          <Group grow>
            <DateField label="拨付日期" {...formDate(form.getInputProps('date'))} />
            <TextInput label="拨付金额（元）" {...form.getInputProps('amount')} />
            <TextInput label="凭证号" {...form.getInputProps('voucherNo')} />
          </Group>
          <Group grow>
            <NativeSelect label="收款方" data={payeeKinds.map((k) => ({ value: k, label: payeeKindLabels[k] }))} {...form.getInputProps('payeeKind')} />
            <NativeSelect label="拨付阶段" data={disbursementStages.map((s) => ({ value: s, label: disbursementStageLabels[s] }))} {...form.getInputProps('stage')} />
          </Group>
          <FormFooter failure={failure} submitLabel="拨付" busy={form.submitting} onCancel={() => form.reset()} />
        </Stack>
      </form>
    </Paper>
  );
}
