import { NativeSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LoanSettingsYear } from '../../../../shared/contract/loans';
import { loanSettingsFor, type LoanSettings } from '../../../../shared/domain/loans';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { yuanText } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { YearlySettingsForm, type YearlyBasis } from '../../components/YearlySettingsForm';
import { rateText, readRate, refreshAfterLoan } from './queries';

function yearOptions(today: string): { value: string; label: string }[] {
  const y = Number(today.slice(0, 4));
  return [y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: String(v), label: `${v} 年` }));
}

/** 小额信贷参数 (admin): each year's amount cap for 贴息, term, borrower ages, 贴息 share and rate cap. */
export function LoanSettingsPage() {
  const settings = useQuery(apiQuery('loans.settings', {}));
  const [year, setYear] = useState<string | null>(null);
  if (settings.isPending) return <LoadingBlock />;
  if (settings.isError) return <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />;
  const shownYear = year ?? String(settings.data.inForce.year);
  const saved = settings.data.saved.find((s) => s.year === Number(shownYear)) ?? null;
  const values = saved ?? loanSettingsFor(settings.data.saved, Number(shownYear));
  const earlier = settings.data.saved.filter((s) => s.year < Number(shownYear)).map((s) => s.year);
  const basis: YearlyBasis = saved ? { kind: 'saved' } : earlier.length > 0 ? { kind: 'inherited', fromYear: Math.max(...earlier) } : { kind: 'default' };
  return (
    <>
      <PageHeader title="小额信贷参数" description="享受贴息的最高金额、最长期限、借款人年龄、贴息比例和利率上限，按年度保存；未保存的年度沿用上一年度。">
        <NativeSelect aria-label="年度" data={yearOptions(settings.data.today)} value={shownYear} onChange={(e) => setYear(e.currentTarget.value)} />
      </PageHeader>
      <SettingsForm key={`${shownYear}-${saved?.version ?? 0}`} year={Number(shownYear)} values={values} saved={saved} basis={basis} />
    </>
  );
}

function SettingsForm({ year, values, saved, basis }: { year: number; values: LoanSettings; saved: LoanSettingsYear | null; basis: YearlyBasis }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      maxAmount: yuanText(values.maxAmountFen),
      maxTermMonths: values.maxTermMonths as number | string,
      minAge: values.minAge as number | string,
      maxAge: values.maxAge as number | string,
      subsidyPercent: values.subsidyPercent as number | string,
      maxRate: values.maxRateBp === null ? '' : rateText(values.maxRateBp),
    },
  });
  const save = async () => {
    const v = form.getValues();
    form.clearErrors();
    const amount = readYuan(v.maxAmount, { label: '享受贴息的最高金额' });
    const rate = v.maxRate.trim() === '' ? null : readRate(v.maxRate);
    if (!amount.ok || amount.fen === null) {
      form.setFieldError('maxAmount', amount.ok ? '请填写享受贴息的最高金额（元）' : amount.error);
      return false;
    }
    if (v.maxRate.trim() !== '' && rate === null) {
      form.setFieldError('maxRate', '利率上限请填百分数，例如 3.45；不检查请留空');
      return false;
    }
    await invoke('loans.saveSettings', {
      year,
      maxAmountFen: amount.fen,
      maxTermMonths: Number(v.maxTermMonths),
      minAge: Number(v.minAge),
      maxAge: Number(v.maxAge),
      subsidyPercent: Number(v.subsidyPercent),
      maxRateBp: rate,
      version: saved?.version ?? null,
    });
    await refreshAfterLoan(queryClient);
  };
  return (
    <YearlySettingsForm
      what="小额信贷参数"
      year={year}
      basis={basis}
      maw={720}
      onSave={save}
      onFieldErrors={(errors) => form.setErrors({ ...errors, ...(errors.maxAmountFen ? { maxAmount: errors.maxAmountFen } : {}), ...(errors.maxRateBp ? { maxRate: errors.maxRateBp } : {}) })}
      onCancel={() => form.reset()}
      reloadKey={['loans.settings']}
    >
      <SimpleGrid cols={2}>
        <TextInput label="享受贴息的最高金额（元）" description="超过的贷款不享受贴息（政策为 5 万元）" inputMode="decimal" rightSection="元" {...form.getInputProps('maxAmount')} />
        <NumberInput label="最长期限（月）" min={1} max={120} {...form.getInputProps('maxTermMonths')} />
        <NumberInput label="借款人最低年龄" min={16} max={40} {...form.getInputProps('minAge')} />
        <NumberInput label="借款人最高年龄" min={40} max={80} {...form.getInputProps('maxAge')} />
        <NumberInput label="贴息比例（%）" description="财政贴息占利息的比例" min={0} max={100} {...form.getInputProps('subsidyPercent')} />
        <TextInput label="利率上限（%）" description="一般为同期 LPR；不检查请留空" inputMode="decimal" rightSection="%" {...form.getInputProps('maxRate')} />
      </SimpleGrid>
    </YearlySettingsForm>
  );
}
