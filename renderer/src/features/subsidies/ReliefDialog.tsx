import { NumberInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { MemberPicker } from './MemberPicker';

/** 登记以工代赈: person, project, dates, days, pay (元), paid date. */
export function ReliefDialog({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [project, setProject] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [pay, setPay] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const money = readYuan(pay, { label: '劳务报酬' });
    if (!memberId || !money.ok || money.fen === null || typeof days !== 'number') {
      setErrors({
        ...(memberId ? {} : { memberId: '请选择务工人员' }),
        ...(money.ok ? (money.fen === null ? { payFen: '请填写劳务报酬（元）' } : {}) : { payFen: money.error }),
        ...(typeof days === 'number' ? {} : { days: '请填写务工天数' }),
      });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const r = await invoke('subsidies.saveWorkRelief', { memberId, project, startDate, endDate: endDate || null, days, payFen: money.fen, paidOn: paidOn || null });
      await invalidateChannels(queryClient, 'subsidies.workRelief', 'measures.forCase', 'monitoring.get');
      notifySuccess(r.measureNote ?? '以工代赈记录已登记');
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
        <MemberPicker value={memberId} onChange={setMemberId} error={errors.memberId} />
        <TextInput label="以工代赈项目" withAsterisk value={project} onChange={(e) => setProject(e.currentTarget.value)} error={errors.project} />
        <DateField label="开始日期" value={startDate} onChange={setStartDate} max={today} error={errors.startDate} />
        <DateField label="结束日期（未结束请留空）" value={endDate} onChange={setEndDate} min={startDate} error={errors.endDate} />
        <NumberInput label="务工天数" withAsterisk allowDecimal={false} min={1} value={days} onChange={setDays} error={errors.days} />
        <TextInput label="劳务报酬（元）" withAsterisk value={pay} onChange={(e) => setPay(e.currentTarget.value)} error={errors.payFen} />
        <DateField label="发放日期（未发放请留空）" value={paidOn} onChange={setPaidOn} max={today} error={errors.paidOn} />
        <FormFooter failure={failure} submitLabel="登记" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
