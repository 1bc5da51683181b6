import { NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { trainingKindLabels, trainingKinds, type TrainingKind } from '../../../../shared/domain/subsidies';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { MemberPicker } from './MemberPicker';

/** 登记技能培训: person, type, course, dates, hours, certificate, subsidy. */
export function TrainingDialog({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [kind, setKind] = useState<TrainingKind>('jobSkill');
  const [course, setCourse] = useState('');
  const [provider, setProvider] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(today);
  const [hours, setHours] = useState<number | string>('');
  const [certificate, setCertificate] = useState('');
  const [subsidy, setSubsidy] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const money = readYuan(subsidy, { label: '培训补贴' });
    if (!memberId || !money.ok || typeof hours !== 'number') {
      setErrors({ ...(memberId ? {} : { memberId: '请选择参加培训的人员' }), ...(money.ok ? {} : { subsidyFen: money.error }), ...(typeof hours === 'number' ? {} : { hours: '请填写培训课时' }) });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const r = await invoke('subsidies.saveTraining', { memberId, kind, course, provider, startDate, endDate, hours, certificate, subsidyFen: money.fen ?? 0 });
      await invalidateChannels(queryClient, 'subsidies.trainings', 'measures.forCase', 'monitoring.get');
      notifySuccess(r.measureNote ?? '培训记录已登记');
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
        <NativeSelect label="培训类型" data={trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k] }))} value={kind} onChange={(e) => setKind(e.currentTarget.value as TrainingKind)} />
        <TextInput label="培训项目（课程）" withAsterisk value={course} onChange={(e) => setCourse(e.currentTarget.value)} error={errors.course} />
        <TextInput label="培训机构" value={provider} onChange={(e) => setProvider(e.currentTarget.value)} error={errors.provider} />
        <DateField label="开始日期" value={startDate} onChange={setStartDate} max={today} error={errors.startDate} />
        <DateField label="结束日期" value={endDate} onChange={setEndDate} min={startDate} error={errors.endDate} />
        <NumberInput label="课时（学时）" withAsterisk allowDecimal={false} min={1} value={hours} onChange={setHours} error={errors.hours} />
        <TextInput label="证书（名称或编号，没有请留空）" value={certificate} onChange={(e) => setCertificate(e.currentTarget.value)} error={errors.certificate} />
        <TextInput label="培训补贴（元，没有请留空）" value={subsidy} onChange={(e) => setSubsidy(e.currentTarget.value)} error={errors.subsidyFen} />
        <FormFooter failure={failure} submitLabel="登记" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
