import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import type { Loan } from '../../../../shared/contract/loans';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { DateField } from '../../components/DateField';
import { applyApiError, notifySuccess } from '../../components/formErrors';
import { yuanText } from '../../components/money';
import { refreshAfterLoan } from './queries';

interface Values {
  kind: 'repayment' | 'subsidy';
  eventDate: string;
  principal: string;
  interest: string;
  subsidy: string;
  subsidyYear: string;
  note: string;
}

function fenOf(text: string, label: string): { fen: number } | { error: string } {
  const r = readYuan(text, { label });
  if (!r.ok) return { error: r.error };
  return { fen: r.fen ?? 0 };
}

/** 登记还款 / 登记贴息 under a loan: append-only entries (a wrong one is reversed, not edited). */
export function LoanEventForm({ loan, today }: { loan: Loan; today: string }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const owedSubsidy = Math.max(0, loan.subsidyDueFen - loan.subsidyPaidFen);
  const form = useForm<Values>({
    initialValues: { kind: 'repayment', eventDate: today, principal: '', interest: '', subsidy: owedSubsidy > 0 ? yuanText(owedSubsidy) : '', subsidyYear: today.slice(0, 4), note: '' },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (v.kind === 'repayment') {
        const p = fenOf(v.principal, '归还本金');
        const i = fenOf(v.interest, '支付利息');
        if ('error' in p) errors.principal = p.error;
        if ('error' in i) errors.interest = i.error;
        if ('fen' in p && 'fen' in i && p.fen === 0 && i.fen === 0) errors.principal = '请填写归还的本金或支付的利息';
        if ('fen' in p && p.fen > loan.outstandingFen) errors.principal = `超过尚欠本金 ${yuanText(loan.outstandingFen)} 元`;
      } else {
        const s = fenOf(v.subsidy, '贴息金额');
        if ('error' in s) errors.subsidy = s.error;
        else if (s.fen === 0) errors.subsidy = '请填写贴息金额（元）';
        if (!/^\d{4}$/.test(v.subsidyYear)) errors.subsidyYear = '请填 4 位年度';
      }
      if (v.eventDate > today) errors.eventDate = `日期不能晚于今天（${today}）`;
      return errors;
    },
  });
  const v = form.values;

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    const fen = (t: string): number => {
      const r = readYuan(t);
      return r.ok ? (r.fen ?? 0) : 0;
    };
    const input: InputOf<'loans.addEvent'> =
      values.kind === 'repayment'
        ? { kind: 'repayment', loanId: loan.id, eventDate: values.eventDate, principalFen: fen(values.principal), interestFen: fen(values.interest), note: values.note }
        : { kind: 'subsidy', loanId: loan.id, eventDate: values.eventDate, subsidyFen: fen(values.subsidy), subsidyYear: Number(values.subsidyYear), note: values.note };
    try {
      await invoke('loans.addEvent', input);
      notifySuccess(values.kind === 'repayment' ? '还款已登记' : '贴息已登记');
      form.setValues({ principal: '', interest: '', subsidy: '', note: '' });
      await refreshAfterLoan(queryClient);
    } catch (err) {
      setFailure(applyApiError(form, err, (p) => (p === 'principalFen' ? 'principal' : p === 'interestFen' ? 'interest' : p === 'subsidyFen' ? 'subsidy' : p)));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <SegmentedControl
          aria-label="登记类型"
          data={[
            { value: 'repayment', label: '登记还款' },
            { value: 'subsidy', label: '登记贴息' },
          ]}
          {...form.getInputProps('kind')}
        />
        <SimpleGrid cols={3}>
          <DateField label={v.kind === 'repayment' ? '还款日期' : '贴息日期'} required max={today} value={v.eventDate} error={form.errors.eventDate} onChange={(d) => form.setFieldValue('eventDate', d)} />
          {v.kind === 'repayment' ? (
            <>
              <TextInput label="归还本金（元）" inputMode="decimal" rightSection="元" {...form.getInputProps('principal')} />
              <TextInput label="支付利息（元）" inputMode="decimal" rightSection="元" {...form.getInputProps('interest')} />
            </>
          ) : (
            <>
              <TextInput label="贴息年度" inputMode="numeric" {...form.getInputProps('subsidyYear')} />
              <TextInput
                label="贴息金额（元）"
                inputMode="decimal"
                rightSection="元"
                description={`本年应贴息 ${yuanText(loan.subsidyDueFen) || '0'} 元，已贴 ${yuanText(loan.subsidyPaidFen) || '0'} 元`}
                {...form.getInputProps('subsidy')}
              />
            </>
          )}
        </SimpleGrid>
        <TextInput label="备注" {...form.getInputProps('note')} />
        {failure && (
          <Alert color="red" variant="light" title="没有办成" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            登记
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
