import { Anchor, Badge, Button, Group, NativeSelect, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { quarterLastDay, quarterOf } from '../../../../shared/domain/employment';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { DateField } from '../../components/DateField';

/** 季度务工摸排: the rounds with their progress, and a new round for a quarter. */
export function SurveyRoundsPage() {
  const today = useToday();
  const rounds = useQuery(apiQuery('employment.surveyRounds', {}));
  if (rounds.isPending) return <LoadingBlock />;
  if (rounds.isError) return <ErrorBlock error={rounds.error} onRetry={() => void rounds.refetch()} />;
  return (
    <Stack>
      <PageHeader title="季度务工摸排" description="每季度一轮：按村逐人核对务工情况，无变化一键确认，有变化当即登记务工记录。" />
      <NewRoundForm today={today} />
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          摸排轮次
        </Title>
        {rounds.data.rounds.length === 0 ? (
          <Text size="sm" c="dimmed">
            尚未建立摸排。请在上方选择季度和完成期限后点“建立本轮摸排”。
          </Text>
        ) : (
          <Table striped aria-label="摸排轮次">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>季度</Table.Th>
                <Table.Th>完成期限</Table.Th>
                <Table.Th>进度</Table.Th>
                <Table.Th>状态</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rounds.data.rounds.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/employment/survey/${r.id}`}>
                      {r.year} 年第 {r.quarter} 季度
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.dueDate}</Table.Td>
                  <Table.Td w={260}>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={r.total === 0 ? 100 : (r.checked * 100) / r.total} w={140} />
                      <Text size="sm">
                        {r.checked} / {r.total} 人
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {r.overdue ? (
                      <Badge color="red" variant="light">
                        已逾期未完成
                      </Badge>
                    ) : r.checked >= r.total ? (
                      <Badge color="green" variant="light">
                        已完成
                      </Badge>
                    ) : (
                      <Badge variant="light">进行中</Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

function NewRoundForm({ today }: { today: string }) {
  const queryClient = useQueryClient();
  const now = quarterOf(today);
  const [year, setYear] = useState(String(now.year));
  const [quarter, setQuarter] = useState(String(now.quarter));
  const [dueDate, setDueDate] = useState(quarterLastDay(now.year, now.quarter));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!/^\d{4}$/.test(year)) found.year = '请填写 4 位年度，例如 2026';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) found.dueDate = '请填写完成期限，例如 2026-03-31';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const r = await invoke('employment.createRound', { year: Number(year), quarter: Number(quarter), dueDate });
      notifySuccess(`已建立 ${r.year} 年第 ${r.quarter} 季度务工摸排，共 ${r.total} 人待核对`);
      await invalidateChannels(queryClient, 'employment.surveyRounds', 'employment.surveyTodo');
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Group align="flex-start">
          <TextInput label="年度" w={100} value={year} error={errors.year} onChange={(e) => setYear(e.currentTarget.value)} />
          <NativeSelect
            label="季度"
            w={120}
            value={quarter}
            error={errors.quarter}
            data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `第 ${q} 季度` }))}
            onChange={(e) => {
              setQuarter(e.currentTarget.value);
              if (/^\d{4}$/.test(year)) setDueDate(quarterLastDay(Number(year), Number(e.currentTarget.value)));
            }}
          />
          <DateField label="完成期限" required value={dueDate} error={errors.dueDate} onChange={setDueDate} />
          <Button type="submit" mt={25} loading={busy}>
            建立本轮摸排
          </Button>
        </Group>
        {failure && (
          <Text size="sm" c="red" mt="xs" role="alert">
            {failure}
          </Text>
        )}
      </form>
    </Paper>
  );
}
