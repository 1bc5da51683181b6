import { Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FundSource } from '../../../../shared/contract/funds';
import { fundLevelLabels, fundLevels, yuan, type FundLevel } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { fenOf, refreshFunds, refusal, yearOptions } from './util';
import { DateField, formDate } from '../../components/DateField';

/** 新增资金批次: one document (文号) that issues money of one source. */
export function BatchModal({ opened, onClose, sources }: { opened: boolean; onClose: () => void; sources: FundSource[] }) {
  return (
    <Modal opened={opened} onClose={onClose} title="新增资金批次" size="md">
      {opened && <BatchForm onClose={onClose} sources={sources} />}
    </Modal>
  );
}

function BatchForm({ onClose, sources }: { onClose: () => void; sources: FundSource[] }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { docNo: '', issuedDate: today, year: today.slice(0, 4), level: 'county' as FundLevel, sourceCode: 'county', amount: '', useDirection: '' },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const amount = fenOf(v.amount, '下达金额');
    if ('error' in amount) {
      form.setFieldError('amount', amount.error);
      return;
    }
    try {
      const b = await invoke('funds.createBatch', { docNo: v.docNo, issuedDate: v.issuedDate, year: Number(v.year), level: v.level, sourceCode: v.sourceCode, amountFen: amount.fen, useDirection: v.useDirection });
      notifySuccess(`批次 ${b.docNo}（${yuan(b.amountFen)} 元）已录入`);
      await refreshFunds(queryClient);
      onClose();
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, amount: r.fields.amountFen });
      setFailure(r.message);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="文号" placeholder="例如 明财农〔2026〕3号" data-autofocus {...form.getInputProps('docNo')} />
        <DateField label="下达日期" {...formDate(form.getInputProps('issuedDate'))} />
        <NativeSelect label="资金年度" data={yearOptions(today)} {...form.getInputProps('year')} />
        <NativeSelect label="资金级次" data={fundLevels.map((l) => ({ value: l, label: fundLevelLabels[l] }))} {...form.getInputProps('level')} />
        <NativeSelect label="资金来源" data={sources.filter((s) => s.active).map((s) => ({ value: s.code, label: s.name }))} {...form.getInputProps('sourceCode')} />
        <TextInput label="下达金额（元）" {...form.getInputProps('amount')} />
        <TextInput label="资金用途" placeholder="例如 产业发展、小型公益性基础设施" {...form.getInputProps('useDirection')} />
        <FormFooter failure={failure} submitLabel="录入批次" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
