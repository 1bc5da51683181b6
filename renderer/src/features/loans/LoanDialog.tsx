import { Checkbox, Modal, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import type { Loan } from '../../../../shared/contract/loans';
import { loanKindLabels, loanKinds, loanUseLabels, loanUses, type LoanKind, type LoanUse } from '../../../../shared/domain/loans';
import { addMonths } from '../../../../shared/lib/dates';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { applyApiError, errorMessage, isStaleSave, notifySuccess, schemaErrors } from '../../components/formErrors';
import { yuanText } from '../../components/money';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { rateText, readRate, refreshAfterLoan } from './queries';

/** A new loan of one of `members`' household, or a correction of `loan`. */
export interface LoanTarget {
  householdId: string;
  members: readonly { id: string; name: string }[];
  loan?: Loan;
}

interface Values {
  borrowerId: string;
  bank: string;
  contractNo: string;
  amount: string;
  loanDate: string;
  dueDate: string;
  rate: string;
  use: LoanUse | '';
  useDetail: string;
  kind: LoanKind;
  riskCompensation: boolean;
  note: string;
}

function initial(t: LoanTarget, today: string): Values {
  const l = t.loan;
  return {
    borrowerId: l?.borrowerId ?? t.members[0]?.id ?? '',
    bank: l?.bank ?? '',
    contractNo: l?.contractNo ?? '',
    amount: l ? yuanText(l.amountFen) : '',
    loanDate: l?.loanDate ?? today,
    dueDate: l?.dueDate ?? addMonths(today, 36),
    rate: l ? rateText(l.rateBp) : '',
    use: l?.use ?? '',
    useDetail: l?.useDetail ?? '',
    kind: l?.kind ?? 'new',
    riskCompensation: l?.riskCompensation ?? false,
    note: l?.note ?? '',
  };
}

const fieldOf = (p: string): string => (p === 'amountFen' ? 'amount' : p === 'rateBp' ? 'rate' : p);

function toInput(v: Values, t: LoanTarget, version?: number): InputOf<'loans.save'> {
  const amount = readYuan(v.amount, { label: '贷款金额' });
  return {
    ...(t.loan ? { id: t.loan.id, version: version ?? t.loan.version } : {}),
    householdId: t.householdId,
    borrowerId: v.borrowerId,
    bank: v.bank,
    contractNo: v.contractNo,
    amountFen: amount.ok ? (amount.fen ?? Number.NaN) : Number.NaN,
    loanDate: v.loanDate,
    dueDate: v.dueDate,
    rateBp: readRate(v.rate) ?? Number.NaN,
    use: v.use as LoanUse,
    useDetail: v.useDetail,
    kind: v.kind,
    riskCompensation: v.riskCompensation,
    note: v.note,
  };
}

export function LoanDialog({ target, today, onClose }: { target: LoanTarget | null; today: string; onClose: () => void }) {
  const title = target?.loan ? `修改小额信贷：${target.loan.borrowerName} ${target.loan.contractNo}` : '登记小额信贷';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size="lg">
      {target && <LoanForm target={target} today={today} onClose={onClose} />}
    </Modal>
  );
}

function LoanForm({ target, today, onClose }: { target: LoanTarget; today: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [version, setVersion] = useState(target.loan?.version);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: initial(target, today),
    validate: (v) => {
      const errors = schemaErrors(channels['loans.save'].input, toInput(v, target), fieldOf);
      const amount = readYuan(v.amount, { label: '贷款金额' });
      if (!amount.ok) errors.amount = amount.error;
      else if (amount.fen === null) errors.amount = '请填写贷款金额（元）';
      if (readRate(v.rate) === null) errors.rate = '年利率请填百分数，例如 3.45';
      if (!errors.loanDate && v.loanDate > today) errors.loanDate = `放款日不能晚于今天（${today}）`;
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setStale(null);
    setBusy(true);
    try {
      const saved = await invoke('loans.save', toInput(values, target, version));
      const warned = saved.warnings.length > 0 ? `。请注意：${saved.warnings.join('；')}` : '';
      notifySuccess(`${saved.borrowerName} 的小额信贷已保存${saved.measureNote ? `。${saved.measureNote}` : ''}${warned}`);
      await refreshAfterLoan(queryClient);
      onClose();
    } catch (err) {
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setFailure(applyApiError(form, err, fieldOf));
    } finally {
      setBusy(false);
    }
  });

  const reload = async () => {
    if (!target.loan) return;
    const latest = (await invoke('loans.get', { id: target.loan.id })).loan;
    form.setValues(initial({ ...target, loan: latest }, today));
    setVersion(latest.version);
    setStale(null);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <NativeSelect label="借款人" required data={target.members.map((m) => ({ value: m.id, label: m.name }))} {...form.getInputProps('borrowerId')} />
          <NativeSelect label="贷款类型" data={loanKinds.map((k) => ({ value: k, label: loanKindLabels[k] }))} {...form.getInputProps('kind')} />
          <TextInput label="贷款银行" required placeholder="例如 县农商银行" {...form.getInputProps('bank')} />
          <TextInput label="合同编号" required {...form.getInputProps('contractNo')} />
          <TextInput label="贷款金额（元）" required inputMode="decimal" rightSection="元" description="享受贴息的上限见小额信贷参数" {...form.getInputProps('amount')} />
          <TextInput label="年利率（%）" required inputMode="decimal" rightSection="%" placeholder="例如 3.45" {...form.getInputProps('rate')} />
          <DateField label="放款日" required max={today} value={form.values.loanDate} error={form.errors.loanDate} onChange={(v) => form.setFieldValue('loanDate', v)} />
          <DateField label="到期日" required value={form.values.dueDate} error={form.errors.dueDate} onChange={(v) => form.setFieldValue('dueDate', v)} />
          <NativeSelect
            label="贷款用途"
            required
            data={[{ value: '', label: '请选择…' }, ...loanUses.map((u) => ({ value: u, label: loanUseLabels[u] }))]}
            {...form.getInputProps('use')}
          />
          <TextInput label="用途说明" placeholder="例如 养殖肉牛 5 头" {...form.getInputProps('useDetail')} />
        </SimpleGrid>
        <Checkbox label="纳入风险补偿" {...form.getInputProps('riskCompensation', { type: 'checkbox' })} />
        <Textarea label="备注" autosize minRows={1} maxRows={3} {...form.getInputProps('note')} />
        {stale && <StaleSaveAlert message={stale} onReload={() => void reload()} />}
        <FormFooter failure={failure} submitLabel="保存" onCancel={onClose} busy={busy} />
      </Stack>
    </form>
  );
}
