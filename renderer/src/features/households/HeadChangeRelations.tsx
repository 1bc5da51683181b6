import { NativeSelect, Stack, Text } from '@mantine/core';
import type { Member } from '../../../../shared/contract/households';
import { rederiveRelations } from '../../../../shared/domain/headChange';
import { nonHeadRelations, relationLabels, type NonHeadRelation } from '../../../../shared/domain/household';

export type RelationChoices = Record<string, NonHeadRelation | ''>;

/** The relations to the new head the household's old relations imply; '' where the clerk must choose. */
export function derivedChoices(members: readonly Member[], newHeadId: string): RelationChoices {
  const out: RelationChoices = {};
  for (const d of rederiveRelations(members, newHeadId)) out[d.memberId] = d.to ?? '';
  return out;
}

/** 户主变更's second half: every other member's relation to the new head, offered and confirmed. */
export function HeadChangeRelations(props: {
  members: readonly Member[];
  newHead: Member;
  /** The former head is chosen in its own field above. */
  formerHeadId: string | null;
  choices: RelationChoices;
  derived: RelationChoices;
  errors: Record<string, string>;
  onChange: (memberId: string, relation: NonHeadRelation | '') => void;
}) {
  const others = props.members.filter((m) => m.id !== props.newHead.id && m.id !== props.formerHeadId);
  if (others.length === 0) return null;
  return (
    <Stack gap={6} role="group" aria-label="其他成员与新户主的关系">
      <Text size="sm" fw={600}>
        其他成员与新户主 {props.newHead.name} 的关系
      </Text>
      <Text size="xs" c="dimmed">
        已按原关系推算，请逐一核对；推算不出的须选择。
      </Text>
      {others.map((m) => (
        <NativeSelect
          key={m.id}
          label={`${m.name}（原为户主的“${relationLabels[m.relation]}”）`}
          required
          description={props.derived[m.id] === '' ? '无法推算，请选择' : undefined}
          data={[{ value: '', label: '请选择' }, ...nonHeadRelations.map((r) => ({ value: r, label: relationLabels[r] }))]}
          value={props.choices[m.id] ?? ''}
          error={props.errors[`relation-${m.id}`]}
          onChange={(e) => props.onChange(m.id, e.currentTarget.value as NonHeadRelation | '')}
        />
      ))}
    </Stack>
  );
}
