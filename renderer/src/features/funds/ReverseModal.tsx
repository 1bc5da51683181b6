import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { yuan } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { notifySuccess } from '../../components/formErrors';
import { refreshFunds, refusal } from './util';
import { DateField, formDate } from '../../components/DateField';

export interface ReverseTarget {
  kind: 'allocation' | 'disbursement';
  id: string;
  date: string;
  amountFen: number;
}

/** 冲销: a new entry with the negated amount; the original stays visible, marked as reversed. */
export function ReverseModal({ target, onClose }: { target: ReverseTarget | null; onClose: () => void }) {
  return (
    <Modal opened={target !== null} onClose={onClose} title={target?.kind === 'allocation' ? '冲销分配记录' : '冲销拨付记录'}>
      {target && <ReverseForm target={target} onClose={onClose} />}
    </Modal>
  );
}

function ReverseForm({ target, onClose }: { target: ReverseTarget; onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { date: today, note: '' } });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      const input = { id: target.id, date: v.date, note: v.note };
      if (target.kind === 'allocation') await invoke('funds.reverseAllocation', input);
      else await invoke('funds.reverseDisbursement', input);
      notifySuccess('已冲销');
      await refreshFunds(queryClient);
      onClose();
    } catch (err) {
      const r = refusal(err);
      form.setErrors(r.fields);
      setFailure(r.message);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          将录入一条 -{yuan(target.amountFen)} 元的冲销记录，冲销 {target.date} 的原记录。原记录保留，不会删除。
        </Text>
        <DateField label="冲销日期" {...formDate(form.getInputProps('date'))} />
        <TextInput label="冲销原因" data-autofocus {...form.getInputProps('note')} />
        <FormFooter failure={failure} submitLabel="冲销" danger busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}
