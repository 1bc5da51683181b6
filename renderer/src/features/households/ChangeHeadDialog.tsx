import { Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { HouseholdDetail, Member } from '../../../../shared/contract/households';
import { nonHeadRelations, relationLabels, type NonHeadRelation } from '../../../../shared/domain/household';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { householdQuery } from '../../api/queries';
import { refreshHouseholds } from './queries';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { derivedChoices, HeadChangeRelations, type RelationChoices } from './HeadChangeRelations';

interface Props {
  household: HouseholdDetail;
  /** Current members; the head among them keeps living in the household. */
  members: Member[];
  opened: boolean;
  onClose: () => void;
}

/** 户主变更: the head stays in the household but hands over (e.g. an elderly father to his son). */
export function ChangeHeadDialog(props: Props) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`户主变更：${props.household.householdCode}`} size="md">
      {props.opened && <ChangeHeadBody {...props} />}
    </Modal>
  );
}

function ChangeHeadBody({ household, members, onClose }: Props) {
  const queryClient = useQueryClient();
  const head = members.find((m) => m.relation === 'head');
  const candidates = members.filter((m) => m.id !== head?.id);
  const [newHeadId, setNewHeadId] = useState('');
  const [formerRelation, setFormerRelation] = useState<NonHeadRelation | ''>('');
  /** Relations to the new head: offered from the old ones when the new head is picked, then the clerk's. */
  const [derived, setDerived] = useState<RelationChoices>({});
  const [choices, setChoices] = useState<RelationChoices>({});
  const newHead = candidates.find((m) => m.id === newHeadId);
  const others = candidates.filter((m) => m.id !== newHeadId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (input: { newHeadId: string; formerHeadRelation: NonHeadRelation; otherRelations: { memberId: string; relation: NonHeadRelation }[] }) =>
      invoke('households.changeHead', { householdId: household.id, ...input }),
  });

  const submit = async () => {
    const next: Record<string, string> = {};
    if (!newHeadId) next.newHeadId = '请选择新户主';
    if (head && !formerRelation) next.formerHeadRelation = `请选择${head.name}今后与新户主的关系`;
    const otherRelations: { memberId: string; relation: NonHeadRelation }[] = [];
    for (const m of newHead ? others : []) {
      const r = choices[m.id] ?? '';
      if (r === '') next[`relation-${m.id}`] = `请选择${m.name}与新户主的关系`;
      else otherRelations.push({ memberId: m.id, relation: r });
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      // A household without a current head takes any relation for the (absent) former head.
      const updated = await change.mutateAsync({ newHeadId, formerHeadRelation: formerRelation || 'other', otherRelations });
      queryClient.setQueryData(householdQuery(household.id).queryKey, (old) => (old ? { ...old, household: updated } : old));
      await queryClient.invalidateQueries({ queryKey: householdQuery(household.id).queryKey });
      await refreshHouseholds(queryClient);
      notifySuccess(`户 ${household.householdCode} 的户主已变更为 ${updated.headName}`, '已变更户主');
      onClose();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    }
  };

  if (candidates.length === 0) {
    return <Text size="sm">户内没有其他在册成员，无法变更户主。如需更换，请先添加成员。</Text>;
  }
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
          {head ? `现户主 ${head.name} 仍在本户，变更后按下面选择的关系登记。` : '该户目前没有在册户主。'}户主去世或迁出请用“减员”办理。
        </Text>
        <NativeSelect
          label="新户主"
          required
          data-autofocus
          data={[{ value: '', label: '请选择' }, ...candidates.map((m) => ({ value: m.id, label: `${m.name}（${relationLabels[m.relation]}）` }))]}
          value={newHeadId}
          error={errors.newHeadId}
          onChange={(e) => {
            const id = e.currentTarget.value;
            setNewHeadId(id);
            // Offer the relations the old ones imply; the former head's too.
            const offered = id ? derivedChoices(members, id) : {};
            setDerived(offered);
            setChoices(offered);
            if (head) setFormerRelation(offered[head.id] ?? '');
          }}
        />
        {head && (
          <NativeSelect
            label={`${head.name}与新户主的关系`}
            required
            data={[{ value: '', label: '请选择' }, ...nonHeadRelations.map((r) => ({ value: r, label: relationLabels[r] }))]}
            value={formerRelation}
            error={errors.formerHeadRelation}
            onChange={(e) => setFormerRelation(e.currentTarget.value as NonHeadRelation | '')}
          />
        )}
        {newHead && (
          <HeadChangeRelations
            members={members}
            newHead={newHead}
            formerHeadId={head?.id ?? null}
            choices={choices}
            derived={derived}
            errors={errors}
            onChange={(id, r) => setChoices((c) => ({ ...c, [id]: r }))}
          />
        )}
        <FormFooter failure={failure} submitLabel="确认变更" busy={change.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
