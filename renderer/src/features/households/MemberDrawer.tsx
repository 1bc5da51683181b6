import { Alert, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Member } from '../../../../shared/contract/households';
import { memberInputSchema, memberPatchSchema } from '../../../../shared/contract/households';
import { memberStatusLabels } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { formKeyDown } from './formKeys';
import { draftFromMember, emptyMember, memberInputOf, memberPatchOf, type MemberDraft, type MemberField } from './memberForm';
import { MemberFields } from './MemberFields';
import { householdQuery } from '../../api/queries';
import { refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, focusFirstInvalid, isStaleSave, notifySuccess, zodFieldErrors } from '../../components/formErrors';

export type MemberDrawerMode = { kind: 'add' } | { kind: 'edit'; member: Member };

interface Props {
  householdId: string;
  /** The household has a current head: a new member cannot be a second one. */
  hasHead: boolean;
  today: string;
  mode: MemberDrawerMode | null;
  onClose: () => void;
}

/** 添加成员 / 修改成员 in a drawer beside the household. */
export function MemberDrawer({ householdId, hasHead, today, mode, onClose }: Props) {
  const title = mode?.kind === 'edit' ? `修改成员：${mode.member.name}` : '添加成员';
  return (
    <Drawer opened={mode !== null} onClose={onClose} position="right" size={640} title={title} padding="md">
      {mode && <MemberDrawerBody householdId={householdId} hasHead={hasHead} today={today} mode={mode} onClose={onClose} />}
    </Drawer>
  );
}

function MemberDrawerBody({ householdId, hasHead, today, mode, onClose }: Props & { mode: MemberDrawerMode }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [original, setOriginal] = useState<MemberDraft>(() => (mode.kind === 'edit' ? draftFromMember(mode.member) : emptyMember(hasHead ? '' : 'head')));
  const form = useForm<MemberDraft>({ mode: 'controlled', initialValues: original });
  // The member as loaded when the drawer opened (or reloaded after a conflict): its version goes with the save.
  const [editing, setEditing] = useState<Member | null>(mode.kind === 'edit' ? mode.member : null);
  const [stale, setStale] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const isHead = editing?.relation === 'head' && editing.status === 'current';

  const save = useMutation({
    mutationFn: async (values: MemberDraft) => {
      if (!editing) {
        const member = memberInputSchema.parse(memberInputOf(values));
        return invoke('households.addMember', { householdId, member });
      }
      const patch = memberPatchSchema.parse(memberPatchOf(original, values));
      return invoke('households.updateMember', { id: editing.id, version: editing.version, patch });
    },
  });

  const submit = async () => {
    setFailure(null);
    setStale(null);
    const values = form.getValues();
    const patch = editing ? memberPatchOf(original, values) : null;
    if (patch && Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    const checked = patch ? memberPatchSchema.safeParse(patch) : memberInputSchema.safeParse(memberInputOf(values));
    if (!checked.success) {
      form.setErrors(zodFieldErrors(checked.error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    try {
      const saved = await save.mutateAsync(values);
      await refreshHouseholds(queryClient);
      notifySuccess(editing ? `已修改成员 ${saved.name} 的信息` : `已添加成员 ${saved.name}`);
      onClose();
    } catch (error) {
      const fields = apiFieldErrors(error, ['patch', 'member']);
      form.setErrors(fields);
      // A conflict keeps what was typed; loading the latest values is offered, not done.
      if (isStaleSave(error)) setStale(errorMessage(error));
      else setFailure(errorMessage(error));
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    }
  };

  const reloadLatest = async () => {
    if (!editing) return;
    setReloading(true);
    try {
      const latest = (await queryClient.fetchQuery({ ...householdQuery(householdId), staleTime: 0 })).members.find((m) => m.id === editing.id);
      if (!latest) throw new Error('找不到该成员，请关闭后刷新');
      const draft = draftFromMember(latest);
      setEditing(latest);
      setOriginal(draft);
      form.setInitialValues(draft);
      form.setValues(draft);
      form.clearErrors();
      setStale(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setReloading(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={editing ? '修改成员' : '添加成员'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => formKeyDown(e, () => void submit())}
    >
      <Stack gap="md">
        {editing && editing.status !== 'current' && (
          <Alert color="gray" variant="light">
            该成员已于 {editing.leftDate} 减员（{memberStatusLabels[editing.status]}），这里只用于更正登记内容。
          </Alert>
        )}
        <MemberFields
          value={form.values}
          columns={2}
          today={today}
          errors={form.errors as Partial<Record<MemberField, string>>}
          excludeMemberId={editing?.id}
          allowHead={!hasHead || isHead}
          relationLockedReason={isHead ? '户主变更：请对原户主办理减员，并在减员时指定新户主' : null}
          autoFocusName
          onChange={(patch) => {
            form.setValues(patch);
            for (const k of Object.keys(patch)) form.clearFieldError(k);
          }}
        />
        {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} reloading={reloading} />}
        {failure && (
          <Alert color="red" variant="light" title="没有保存">
            {failure}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            回车跳到下一格 · Ctrl+S 保存
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              取消
            </Button>
            <Button type="submit" loading={save.isPending}>
              保存
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
