import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Spell } from '../../../../shared/contract/employment';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { refreshAfterSpell } from './queries';
import { DateField } from '../../components/DateField';

/** 结束务工: the day the person left the job and why. */
export function EndSpellDialog({ spell, today, surveyRoundId, onClose }: { spell: Spell | null; today: string; surveyRoundId?: string; onClose: () => void }) {
  return (
    <Modal opened={spell !== null} onClose={onClose} title={spell ? `结束务工：${spell.memberName}` : '结束务工'} size="md">
      {spell && <EndForm spell={spell} today={today} surveyRoundId={surveyRoundId} onClose={onClose} />}
    </Modal>
  );
}

function EndForm({ spell, today, surveyRoundId, onClose }: { spell: Spell; today: string; surveyRoundId?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [endDate, setEndDate] = useState(today);
  const [endReason, setEndReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) found.endDate = '请填写结束日期，例如 2026-03-15';
    else if (endDate < spell.startDate) found.endDate = `结束日期不能早于开始日期 ${spell.startDate}`;
    else if (endDate > today) found.endDate = `结束日期不能晚于今天（${today}）`;
    if (endReason.trim() === '') found.endReason = '请填写结束原因，例如 工厂停产、返乡照顾老人';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await invoke('employment.endSpell', { id: spell.id, version: spell.version, endDate, endReason, ...(surveyRoundId ? { surveyRoundId } : {}) });
      notifySuccess(`${spell.memberName} 在"${spell.place}"的务工已结束`);
      await refreshAfterSpell(queryClient);
      onClose();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {spell.place}，{spell.startDate} 起。结束后其务工状况按其余务工记录更新；若家庭因此减收，录入收入时程序会建议减收原因“未实现务工或工资降低”。
        </Text>
        <DateField label="结束日期" required max={today} value={endDate} error={errors.endDate} onChange={setEndDate} />
        <TextInput label="结束原因" required value={endReason} error={errors.endReason} onChange={(e) => setEndReason(e.currentTarget.value)} />
        <FormFooter failure={failure} submitLabel="结束务工" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
