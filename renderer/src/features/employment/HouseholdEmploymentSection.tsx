import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Member } from '../../../../shared/contract/households';
import type { Spell } from '../../../../shared/contract/employment';
import { jobChannelLabels, workAreaLabels } from '../../../../shared/domain/employment';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { EndSpellDialog } from './EndSpellDialog';
import { SpellDialog, type SpellTarget } from './SpellDialog';

/** 务工记录 on the household page: each member's job spells, with add / edit / end. */
export function HouseholdEmploymentSection({ householdId, members, today, readOnly }: { householdId: string; members: readonly Member[]; today: string; readOnly: boolean }) {
  const data = useQuery(apiQuery('employment.forHousehold', { householdId }));
  const [target, setTarget] = useState<SpellTarget | null>(null);
  const [ending, setEnding] = useState<Spell | null>(null);
  const current = members.filter((m) => m.status === 'current').map((m) => ({ id: m.id, name: m.name }));

  if (data.isPending) return <LoadingBlock label="正在读取务工记录…" />;
  if (data.isError) return <ErrorBlock error={data.error} onRetry={() => void data.refetch()} title="务工记录读取失败" />;
  const spells = data.data.spells;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>务工记录</Title>
        {!readOnly && current.length > 0 && (
          <Button variant="light" size="xs" onClick={() => setTarget({ members: current })}>
            登记务工
          </Button>
        )}
      </Group>
      {spells.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚无务工记录。{readOnly ? '' : '点“登记务工”按成员填写务工所在地、起止日期和月收入。'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover aria-label="务工记录">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>成员</Table.Th>
                <Table.Th>务工所在地</Table.Th>
                <Table.Th>地域</Table.Th>
                <Table.Th>企业 / 岗位</Table.Th>
                <Table.Th>渠道</Table.Th>
                <Table.Th>起止</Table.Th>
                <Table.Th ta="right">本年月数</Table.Th>
                <Table.Th ta="right">月收入（元）</Table.Th>
                {!readOnly && <Table.Th>操作</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {spells.map((s) => (
                <Table.Tr key={s.id} data-open={s.open}>
                  <Table.Td>{s.memberName}</Table.Td>
                  <Table.Td>
                    {s.place}
                    {s.abroad ? '（国外）' : ''}
                  </Table.Td>
                  <Table.Td>{workAreaLabels[s.area]}</Table.Td>
                  <Table.Td>{[s.employer, s.job].filter(Boolean).join(' / ') || '—'}</Table.Td>
                  <Table.Td>{jobChannelLabels[s.channel]}</Table.Td>
                  <Table.Td>
                    {s.startDate} 至 {s.endDate ?? '今'}{' '}
                    {s.open ? (
                      <Badge size="xs" color="green" variant="light">
                        在岗
                      </Badge>
                    ) : (
                      s.endReason && (
                        <Text span size="xs" c="dimmed">
                          （{s.endReason}）
                        </Text>
                      )
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{s.monthsThisYear}</Table.Td>
                  <Table.Td ta="right">{formatYuan(s.monthlyIncomeFen)}</Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" aria-label={`修改 ${s.memberName} 的务工记录 ${s.place}`} onClick={() => setTarget({ members: current, spell: s })}>
                          修改
                        </Button>
                        {s.open && (
                          <Button size="compact-xs" variant="subtle" color="orange" aria-label={`结束 ${s.memberName} 的务工 ${s.place}`} onClick={() => setEnding(s)}>
                            结束
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SpellDialog target={target} today={today} onClose={() => setTarget(null)} />
      <EndSpellDialog spell={ending} today={today} onClose={() => setEnding(null)} />
    </Paper>
  );
}
