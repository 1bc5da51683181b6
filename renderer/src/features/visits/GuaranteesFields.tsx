import { Button, Group, Radio, Table, TextInput } from '@mantine/core';
import {
  guaranteeKeys,
  guaranteeLabels,
  guaranteeStatusLabels,
  guaranteeStatuses,
  type GuaranteeKey,
  type Guarantees,
  type GuaranteeStatus,
} from '../../../../shared/domain/monitoring';

/** The draft of a 两不愁三保障及饮水安全 check: each row 有保障 / 有风险 (or not yet chosen) and a note. */
export type GuaranteesDraft = Record<GuaranteeKey, { status: GuaranteeStatus | ''; note: string }>;

export function emptyGuarantees(from?: Partial<Guarantees> | null): GuaranteesDraft {
  return Object.fromEntries(
    guaranteeKeys.map((k) => [k, { status: from?.[k]?.status ?? '', note: from?.[k]?.note ?? '' }]),
  ) as GuaranteesDraft;
}

/** The finished check, or the rows still missing a choice / a note for 有风险. */
export function guaranteesOf(draft: GuaranteesDraft): { ok: true; value: Guarantees } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const k of guaranteeKeys) {
    const row = draft[k];
    if (row.status === '') errors[`guarantees.${k}.status`] = `请选择“${guaranteeLabels[k]}”有保障还是有风险`;
    else if (row.status === 'atRisk' && row.note.trim() === '') errors[`guarantees.${k}.note`] = `“${guaranteeLabels[k]}”有风险，请写明情况`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const value = Object.fromEntries(
    guaranteeKeys.map((k) => [k, { status: draft[k].status as GuaranteeStatus, note: draft[k].note.trim() === '' ? null : draft[k].note.trim() }]),
  ) as Guarantees;
  return { ok: true, value };
}

interface Props {
  value: GuaranteesDraft;
  errors: Record<string, string>;
  onChange: (key: GuaranteeKey, row: { status: GuaranteeStatus | ''; note: string }) => void;
  /** 全部有保障: every row not yet answered (or all, when all are answered) set to 有保障. */
  onAllSecure: () => void;
}

/** Six rows: 有保障 / 有风险 and a note each. Arrow keys move within a row's two choices. */
export function GuaranteesFields({ value, errors, onChange, onAllSecure }: Props) {
  return (
    <Table withTableBorder verticalSpacing={4} aria-label="两不愁三保障及饮水安全">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={130}>项目</Table.Th>
          <Table.Th w={190}>
            <Group gap="xs" wrap="nowrap">
              情况
              <Button size="compact-xs" variant="subtle" onClick={onAllSecure}>
                全部有保障
              </Button>
            </Group>
          </Table.Th>
          <Table.Th>说明</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {guaranteeKeys.map((k) => {
          const row = value[k];
          return (
            <Table.Tr key={k}>
              <Table.Td fw={500}>{guaranteeLabels[k]}</Table.Td>
              <Table.Td>
                <Radio.Group
                  aria-label={guaranteeLabels[k]}
                  value={row.status}
                  error={errors[`guarantees.${k}.status`] ? '请选择' : undefined}
                  onChange={(v) => onChange(k, { ...row, status: v as GuaranteeStatus })}
                >
                  <Group gap="md" wrap="nowrap">
                    {guaranteeStatuses.map((s) => (
                      <Radio
                        key={s}
                        value={s}
                        label={guaranteeStatusLabels[s]}
                        color={s === 'atRisk' ? 'red' : undefined}
                        aria-label={`${guaranteeLabels[k]} ${guaranteeStatusLabels[s]}`}
                      />
                    ))}
                  </Group>
                </Radio.Group>
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={`${guaranteeLabels[k]} 说明`}
                  placeholder={row.status === 'atRisk' ? '有风险时必填：存在什么问题' : '可不填'}
                  value={row.note}
                  error={errors[`guarantees.${k}.note`]}
                  onChange={(e) => onChange(k, { ...row, note: e.currentTarget.value })}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
