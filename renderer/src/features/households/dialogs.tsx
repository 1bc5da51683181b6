import { Alert, Button, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isoDate, reason as reasonSchema } from '../../../../shared/contract/fields';
import type { HouseholdDetail, Member } from '../../../../shared/contract/households';
import { memberLeaveStatuses, memberStatusLabels, relationLabels, type MemberLeaveStatus } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { householdQuery, refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { DateField } from '../../components/DateField';

type Errors = Record<string, string>;

function checkDate(value: string, today: string, what: string, notBefore?: { date: string; why: string }): string | null {
  const parsed = isoDate.safeParse(value);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? `请填写${what}`;
  if (value > today) return `${what}不能晚于今天（${today}）`;
  if (notBefore && value < notBefore.date) return notBefore.why;
  return null;
}

function checkReason(value: string): string | null {
  const parsed = reasonSchema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '请填写原因');
}

/** The second step of an irreversible action: what will happen, in words, and a red button. */
function ConfirmStep({
  summary,
  confirmLabel,
  busy,
  failure,
  onBack,
  onConfirm,
}: {
  summary: ReactNode;
  confirmLabel: string;
  busy: boolean;
  failure: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" title="请确认">
        {summary}
      </Alert>
      {failure && (
        <Alert color="red" variant="light" title="没有办成">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onBack} disabled={busy}>
          返回修改
        </Button>
        <Button color="red" onClick={onConfirm} loading={busy} data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// 减员

interface LeaveProps {
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

function LeaveBody({ member, others, today, onClose }: LeaveProps & { member: Member }) {
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

// ---------------------------------------------------------------------------------------------
// 注销户 / 恢复

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
