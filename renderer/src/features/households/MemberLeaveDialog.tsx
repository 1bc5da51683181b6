import { Alert, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Member } from '../../../../shared/contract/households';
import { memberLeaveStatuses, memberStatusLabels, relationLabels, type MemberLeaveStatus } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { DateField } from '../../components/DateField';
import { type Errors, checkDate, checkReason, ConfirmStep } from './dialogSteps';

// 减员: a member leaves the household (moved out, died, married out …); when the head leaves, the
// dialog asks who becomes the new head.

export interface LeaveProps {
  member: Member | null;
  /** The other current members: one of them becomes head when the head leaves. */
  others: readonly Member[];
  today: string;
  onClose: () => void;
}

export function MemberLeaveDialog(props: LeaveProps) {
  return (
    <Modal opened={props.member !== null} onClose={props.onClose} title={props.member ? `减员：${props.member.name}` : '减员'} size="lg">
      {props.member && <LeaveBody {...props} member={props.member} />}
    </Modal>
  );
}

export function LeaveBody({ member, others, today, onClose }: LeaveProps & { member: Member }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<MemberLeaveStatus | ''>('');
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [newHeadId, setNewHeadId] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [failure, setFailure] = useState<string | null>(null);
  const needsHead = member.relation === 'head' && others.length > 0;
  const newHead = others.find((o) => o.id === newHeadId);

  const leave = useMutation({
    mutationFn: () =>
      invoke('households.memberLeave', {
        id: member.id,
        status: status as MemberLeaveStatus,
        date,
        reason: reason.trim(),
        ...(needsHead ? { newHeadId } : {}),
      }),
  });

  const next = () => {
    const found: Errors = {};
    if (status === '') found.status = '请选择减员类型';
    const dateError = checkDate(date, today, '减员日期', {
      date: member.birthDate,
      why: `减员日期早于 ${member.name} 的出生日期（${member.birthDate}），请核对`,
    });
    if (dateError) found.date = dateError;
    const reasonError = checkReason(reason);
    if (reasonError) found.reason = reasonError;
    if (needsHead && !newHead) found.newHeadId = `${member.name} 是户主，请从其他在册成员中指定新户主`;
    setErrors(found);
    if (Object.keys(found).length === 0) {
      setFailure(null);
      setStep('confirm');
    }
  };

  const confirm = async () => {
    try {
      await leave.mutateAsync();
      await refreshHouseholds(queryClient);
      notifySuccess(
        `${member.name} 已${status === 'dead' ? '按死亡' : status === 'movedOut' ? '按迁出' : '按其他减员'}减员${newHead ? `，新户主为 ${newHead.name}` : ''}`,
        '已办理减员',
      );
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
              将 <b>{member.name}</b>（{relationLabels[member.relation]}，{member.idNumber}）按“{status ? memberStatusLabels[status] : ''}”减员。
            </Text>
            <Text size="sm">
              日期：{date}；原因：{reason.trim()}
            </Text>
            {newHead && <Text size="sm">新户主：{newHead.name}</Text>}
            <Text size="sm" c="dimmed">
              减员记入该户历史，人员不会被删除，也不能撤销。
            </Text>
          </Stack>
        }
        confirmLabel="确认减员"
        busy={leave.isPending}
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
        <Radio.Group
          label="减员类型"
          required
          value={status}
          error={errors.status}
          onChange={(v) => {
            setStatus(v as MemberLeaveStatus);
            setErrors(({ status: _s, ...rest }) => rest);
          }}
        >
          <Group gap="lg" mt={6}>
            {memberLeaveStatuses.map((s) => (
              <Radio key={s} value={s} label={memberStatusLabels[s]} />
            ))}
          </Group>
        </Radio.Group>
        <DateField
          label="减员日期"
          required
          max={today}
          value={date}
          error={errors.date}
          onChange={setDate}
        />
        <Textarea
          label="原因"
          required
          autosize
          minRows={2}
          placeholder="如：病故；婚嫁迁出至某县某村；参军"
          value={reason}
          error={errors.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {needsHead && (
          <NativeSelect
            label="新户主"
            required
            description={`${member.name} 是户主，减员后由谁担任户主`}
            data={[{ value: '', label: '请选择' }, ...others.map((o) => ({ value: o.id, label: `${o.name}（${relationLabels[o.relation]}）` }))]}
            value={newHeadId}
            error={errors.newHeadId}
            onChange={(e) => setNewHeadId(e.currentTarget.value)}
          />
        )}
        {member.relation === 'head' && others.length === 0 && (
          <Alert color="gray" variant="light">
            {member.name} 是该户唯一的在册成员。减员后该户没有在册人员，可再考虑注销该户。
          </Alert>
        )}
        <FormFooter failure={failure} submitLabel="下一步" danger onCancel={onClose} />
      </Stack>
    </form>
  );
}
