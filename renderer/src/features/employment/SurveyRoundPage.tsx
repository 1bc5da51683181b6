import { Anchor, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { surveyOutcomeLabels, type ChecklistRow, type Spell } from '../../../../shared/contract/employment';
import { workAreaLabels } from '../../../../shared/domain/employment';
import { formatYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { errorMessage } from '../../components/formErrors';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { EndSpellDialog } from './EndSpellDialog';
import { refreshAfterSpell } from './queries';
import { SpellDialog, type SpellTarget } from './SpellDialog';

/** One 摸排 round: progress by village, and the chosen village's checklist. */
export function SurveyRoundPage() {
  const { roundId = '' } = useParams();
  const [villageId, setVillageId] = useState<string | null>(null);
  const round = useQuery({ ...apiQuery('employment.surveyRound', { roundId }), enabled: roundId !== '' });
  if (round.isPending) return <LoadingBlock />;
  if (round.isError) return <ErrorBlock error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data.round;
  return (
    <Stack>
      <Anchor component={Link} to="/employment/survey" size="sm">
        ← 返回摸排轮次
      </Anchor>
      <PageHeader title={`${r.year} 年第 ${r.quarter} 季度务工摸排`} description={`完成期限 ${r.dueDate}；已核对 ${r.checked} / ${r.total} 人`} />
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          各村进度
        </Title>
        <Table striped aria-label="各村进度">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>村</Table.Th>
              <Table.Th>进度</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {round.data.villages.map((v) => (
              <Table.Tr key={v.villageId} bg={v.villageId === villageId ? 'var(--mantine-color-blue-light)' : undefined}>
                <Table.Td>{v.villageName}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress value={v.total === 0 ? 100 : (v.checked * 100) / v.total} w={160} />
                    <Text size="sm">
                      {v.checked} / {v.total} 人
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" aria-label={`核对 ${v.villageName}`} onClick={() => setVillageId(v.villageId)}>
                    逐人核对
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {villageId && <Checklist roundId={roundId} villageId={villageId} />}
    </Stack>
  );
}

function spellText(s: Spell | null): string {
  if (!s) return '无务工记录';
  const end = s.open ? '至今' : `至 ${s.endDate}（已结束）`;
  return `${s.place}（${workAreaLabels[s.area]}）${s.employer ? ` ${s.employer}` : ''}，${s.startDate} ${end}，月收入 ${formatYuan(s.monthlyIncomeFen)} 元`;
}

function Checklist({ roundId, villageId }: { roundId: string; villageId: string }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const list = useQuery(apiQuery('employment.checklist', { roundId, villageId }));
  const [target, setTarget] = useState<SpellTarget | null>(null);
  const [ending, setEnding] = useState<Spell | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (list.isPending) return <LoadingBlock label="正在读取核对名单…" />;
  if (list.isError) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;

  const mark = async (row: ChecklistRow, outcome: 'unchanged' | 'notWorking') => {
    setBusyId(row.memberId);
    setFailure(null);
    try {
      await invoke('employment.check', { roundId, memberId: row.memberId, outcome });
      await refreshAfterSpell(queryClient);
    } catch (err) {
      setFailure(`${row.name}：${errorMessage(err)}`);
    } finally {
      setBusyId(null);
    }
  };

  const rows = list.data.rows;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        {list.data.villageName} 核对名单（{rows.filter((r) => r.outcome !== null).length} / {rows.length} 人已核对）
      </Title>
      {failure && (
        <Text c="red" size="sm" role="alert" mb="xs">
          {failure}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          该村没有纳入摸排的劳动年龄人口（纳入的户类别和年龄在“就业参数”中设置）。
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped aria-label="摸排核对名单">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>组 / 户主</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>年龄</Table.Th>
                <Table.Th>上次登记的务工情况</Table.Th>
                <Table.Th>本轮</Table.Th>
                <Table.Th>核对</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const members = [{ id: r.memberId, name: r.name }];
                const open = r.lastSpell?.open ? r.lastSpell : null;
                return (
                  <Table.Tr key={r.memberId} data-member={r.name}>
                    <Table.Td>
                      {r.groupName} · {r.headName}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/households/${r.householdId}`} size="sm">
                        {r.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.age}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{spellText(r.lastSpell)}</Text>
                    </Table.Td>
                    <Table.Td>{r.outcome ? <Badge color={r.outcome === 'unchanged' || r.outcome === 'notWorking' ? 'gray' : 'blue'} variant="light">{surveyOutcomeLabels[r.outcome]}</Badge> : <Text size="sm" c="dimmed">未核对</Text>}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          loading={busyId === r.memberId}
                          aria-label={`${r.name} 无变化`}
                          onClick={() => void mark(r, open ? 'unchanged' : 'notWorking')}
                        >
                          {open ? '无变化' : '仍未务工'}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={`${r.name} 登记新务工`}
                          onClick={() => setTarget({ members, from: r.lastSpell, source: 'survey', surveyRoundId: roundId })}
                        >
                          登记新务工
                        </Button>
                        {open && (
                          <Button size="compact-xs" variant="subtle" color="orange" aria-label={`${r.name} 已停止务工`} onClick={() => setEnding(open)}>
                            已停止务工
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SpellDialog target={target} today={today} onClose={() => setTarget(null)} />
      <EndSpellDialog spell={ending} today={today} surveyRoundId={roundId} onClose={() => setEnding(null)} />
    </Paper>
  );
}
