import { Alert, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { subsidyKindLabels, subsidyKinds, type SubsidyKind } from '../../../../shared/domain/subsidies';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { formatYuan } from '../../components/money';
import { MemberPicker } from './MemberPicker';

/**
 * 就业补贴申请. A transport subsidy shows at once whether the person qualifies (from the job
 * spells and the year's 就业参数) and its amount from the tier table; other kinds take the amount.
 */
export function ApplyDialog({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [kind, setKind] = useState<SubsidyKind>('transport');
  const [year, setYear] = useState(today.slice(0, 4));
  const [appliedOn, setAppliedOn] = useState(today);
  const [amount, setAmount] = useState('');
  const [materials, setMaterials] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validYear = /^\d{4}$/.test(year);
  const check = useQuery({ ...apiQuery('subsidies.checkTransport', { memberId: memberId ?? '', year: Number(year) }), enabled: kind === 'transport' && memberId !== null && validYear });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const money = readYuan(amount, { label: '补贴金额' });
    if (!memberId || !money.ok || !validYear) {
      setErrors({ ...(memberId ? {} : { memberId: '请选择申请人' }), ...(money.ok ? {} : { amountFen: money.error }), ...(validYear ? {} : { year: '请填 4 位年度' }) });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await invoke('subsidies.apply', { memberId, kind, year: Number(year), appliedOn, amountFen: kind === 'transport' ? null : money.fen, materials });
      await invalidateChannels(queryClient, 'subsidies.applications', 'subsidies.checkTransport');
      notifySuccess('补贴申请已登记，等待审核');
      onClose();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <MemberPicker label="申请人" value={memberId} onChange={setMemberId} error={errors.memberId} />
        <NativeSelect label="补贴类型" data={subsidyKinds.map((k) => ({ value: k, label: subsidyKindLabels[k] }))} value={kind} onChange={(e) => setKind(e.currentTarget.value as SubsidyKind)} />
        <TextInput label="补贴年度" w={120} value={year} onChange={(e) => setYear(e.currentTarget.value)} error={errors.year} />
        <DateField label="申请日期" value={appliedOn} onChange={setAppliedOn} max={today} error={errors.appliedOn} />
        {kind === 'transport' && check.data && (
          <Alert color={check.data.eligible ? 'green' : 'orange'} title={check.data.eligible ? `符合条件：${formatYuan(check.data.amountFen)} 元` : '暂不符合条件'}>
            {check.data.eligible ? check.data.basis : check.data.reason}
          </Alert>
        )}
        {kind !== 'transport' && <TextInput label="补贴金额（元）" withAsterisk value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountFen} />}
        <Textarea label="申报材料（劳动合同或务工证明、工资流水等）" autosize minRows={2} value={materials} onChange={(e) => setMaterials(e.currentTarget.value)} error={errors.materials} />
        <FormFooter failure={failure} submitLabel="登记申请" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
