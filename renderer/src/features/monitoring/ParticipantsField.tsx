import { Autocomplete, Button, CloseButton, Group, Input, Stack, TextInput } from '@mantine/core';
import { commonPosts, type Participant } from '../../../../shared/domain/participants';

// 参与人员 as rows of 职务 + 姓名: one person a row, so "村委会主任 陈刚" is 陈刚 signing as
// 村委会主任 and never a person called 村委会主任.

export const emptyParticipant: Participant = { role: '', name: '' };

interface Props {
  value: Participant[];
  onChange: (value: Participant[]) => void;
  description: string;
  error?: string | undefined;
  /** Errors of single rows, by row index. */
  rowErrors: Record<number, string>;
}

export function ParticipantsField({ value, onChange, description, error, rowErrors }: Props) {
  const set = (i: number, patch: Partial<Participant>) => onChange(value.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Input.Wrapper label="参与人员" required description={description} error={error}>
      <Stack gap={6} mt={4} role="group" aria-label="参与人员">
        {value.map((p, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Autocomplete
              aria-label={`第${i + 1}位参与人员 职务`}
              placeholder="职务（可选）"
              data={[...commonPosts]}
              w={180}
              value={p.role}
              onChange={(role) => set(i, { role })}
            />
            <TextInput
              aria-label={`第${i + 1}位参与人员 姓名`}
              placeholder="姓名"
              w={160}
              value={p.name}
              error={rowErrors[i]}
              onChange={(e) => set(i, { name: e.currentTarget.value })}
            />
            {value.length > 1 && (
              <CloseButton aria-label={`删除第${i + 1}位参与人员`} mt={4} onClick={() => onChange(value.filter((_, j) => j !== i))} />
            )}
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([...value, emptyParticipant])}>
            添加人员
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
