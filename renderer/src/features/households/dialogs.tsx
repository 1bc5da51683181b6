import { Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { HouseholdDetail } from '../../../../shared/contract/households';
import { memberLeaveStatuses, memberStatusLabels, type MemberLeaveStatus } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { householdQuery } from '../../api/queries';
import { refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { DateField } from '../../components/DateField';
import { type Errors, checkDate, checkReason, ConfirmStep } from './dialogSteps';

// 注销户 and 恢复 of a household (the member's 减员 is MemberLeaveDialog.tsx).

interface HouseholdActionProps {
  household: HouseholdDetail;
  opened: boolean;
  today: string;
  onClose: () => void;
}

export function CloseHouseholdDialog(props: HouseholdActionProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`注销户：${props.household.householdCode}`} size="lg">
      {props.opened && <CloseBody {...props} />}
    </Modal>
  );
}

function CloseBody({ household, today, onClose }: HouseholdActionProps) {
  const queryClient = useQueryClient();
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [failure, setFailure] = useState<string | null>(null);
  const hasMembers = household.memberCount > 0;
  const [leaveAs, setLeaveAs] = useState<MemberLeaveStatus | ''>('');
  const close = useMutation({
    mutationFn: () =>
      invoke('households.close', { id: household.id, date, reason: reason.trim(), ...(leaveAs ? { membersLeaveAs: leaveAs } : {}) }),
  });

  const next = () => {
    const found: Errors = {};
    const dateError = checkDate(date, today, '注销日期');
    if (dateError) found.date = dateError;
    const reasonError = checkReason(reason);
    if (reasonError) found.reason = reasonError;
    if (hasMembers && !leaveAs) found.membersLeaveAs = `请选择户内 ${household.memberCount} 名在册成员随户减员的类型`;
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setFailure(null);
      setStep('confirm');
    }
  };

  const confirm = async () => {
    try {
      const updated = await close.mutateAsync();
      queryClient.setQueryData(householdQuery(household.id).queryKey, (old) => (old ? { ...old, household: updated } : old));
      // Members left or came back with the household: fetch them again.
      await queryClient.invalidateQueries({ queryKey: householdQuery(household.id).queryKey });
      await refreshHouseholds(queryClient);
      notifySuccess(`户 ${household.householdCode}（户主 ${household.headName}）已注销`, '已注销');
      onClose();
    } catch (error) {
      const fields = apiFieldErrors(error);
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        setStep('form');
      }
      setFailure(errorMessage(error));
    }
  };

  if (step === 'confirm') {
    return (
      <ConfirmStep
        summary={
          <Stack gap={4}>
            <Text size="sm">
              注销户 <b>{household.householdCode}</b>（户主 {household.headName}，{household.villageName}
              {household.groupName}）。
            </Text>
            <Text size="sm">
              注销日期：{date}；原因：{reason.trim()}
            </Text>
            {leaveAs && (
              <Text size="sm">
                {household.memberCount} 名在册成员随户减员：{memberStatusLabels[leaveAs]}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              注销后该户不再计入在册户，户和成员都保留在台账里；如有错误可以“恢复”，随户减员的成员会一并恢复。
            </Text>
          </Stack>
        }
        confirmLabel="确认注销"
        busy={close.isPending}
        failure={failure}
        onBack={() => setStep('form')}
        onConfirm={() => void confirm()}
      />
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        next();
      }}
    >
      <Stack gap="sm">
        <DateField
          label="注销日期"
          required
          max={today}
          value={date}
          error={errors.date}
          onChange={setDate}
        />
        <Textarea
          label="注销原因"
          required
          autosize
          minRows={2}
          data-autofocus
          placeholder="如：全户迁出本乡镇；户成员全部死亡；与某户合户"
          value={reason}
          error={errors.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {hasMembers && (
          <NativeSelect
            label="在册成员随户减员类型"
            description={`户内 ${household.memberCount} 名在册成员将随户减员，身份证号随之可在其他户登记`}
            required
            data={[{ value: '', label: '请选择' }, ...memberLeaveStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }))]}
            value={leaveAs}
            error={errors.membersLeaveAs}
            onChange={(e) => setLeaveAs(e.currentTarget.value as MemberLeaveStatus | '')}
          />
        )}
        <FormFooter failure={failure} submitLabel="下一步" danger onCancel={onClose} />
      </Stack>
    </form>
  );
}

export function ReopenHouseholdDialog(props: HouseholdActionProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`恢复户：${props.household.householdCode}`} size="lg">
      {props.opened && <ReopenBody {...props} />}
    </Modal>
  );
}

function ReopenBody({ household, onClose }: HouseholdActionProps) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reopen = useMutation({ mutationFn: () => invoke('households.reopen', { id: household.id, reason: reason.trim() }) });

  const submit = async () => {
    const reasonError = checkReason(reason);
    setError(reasonError);
    if (reasonError) return;
    try {
      const updated = await reopen.mutateAsync();
      queryClient.setQueryData(householdQuery(household.id).queryKey, (old) => (old ? { ...old, household: updated } : old));
      // Members left or came back with the household: fetch them again.
      await queryClient.invalidateQueries({ queryKey: householdQuery(household.id).queryKey });
      await refreshHouseholds(queryClient);
      notifySuccess(`户 ${household.householdCode}（户主 ${household.headName}）已恢复为在册`, '已恢复');
      onClose();
    } catch (err) {
      setError(apiFieldErrors(err).reason ?? null);
      setFailure(errorMessage(err));
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
          该户于 {household.closedDate} 注销（{household.closeReason}）。恢复后重新计入在册户，随户减员的成员一并恢复在册，注销记录保留在历史中。
        </Text>
        <Textarea
          label="恢复原因"
          required
          autosize
          minRows={2}
          data-autofocus
          placeholder="如：误注销；户成员迁回"
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <FormFooter failure={failure} submitLabel="确认恢复" busy={reopen.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
