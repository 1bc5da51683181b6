import { Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SubsidyApplication } from '../../../../shared/contract/subsidies';
import { subsidyKindLabels } from '../../../../shared/domain/subsidies';
import { invoke } from '../../api/client';
import { invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { formatYuan } from '../../components/money';

/** 审核 one application: approve, or refuse with a reason. */
export function DecideDialog({ app, onClose }: { app: SubsidyApplication; onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(today);
  const [approve, setApprove] = useState(true);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await invoke('subsidies.decide', { id: app.id, version: app.version, approve, date, ...(approve ? {} : { reason }) });
      await invalidateChannels(queryClient, 'subsidies.applications');
      notifySuccess(approve ? '已审核通过' : '已审核为不通过');
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
        <Text>
          {app.memberName}（{app.villageName}）{app.year} 年{subsidyKindLabels[app.kind]}：{formatYuan(app.amountFen)} 元
        </Text>
        <Text size="sm" c="dimmed">
          依据：{app.basis}
          {app.materials ? `；材料：${app.materials}` : ''}
        </Text>
        <Radio.Group label="审核结果" value={approve ? 'yes' : 'no'} onChange={(v) => setApprove(v === 'yes')}>
          <Group gap="lg" mt={4}>
            <Radio value="yes" label="审核通过" />
            <Radio value="no" label="不通过" />
          </Group>
        </Radio.Group>
        <DateField label="审核日期" value={date} onChange={setDate} min={app.appliedOn} max={today} error={errors.date} />
        {!approve && <Textarea label="不通过的原因" withAsterisk autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />}
        <FormFooter failure={failure} submitLabel="确定" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
