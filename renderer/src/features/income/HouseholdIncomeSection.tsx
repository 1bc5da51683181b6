import { Alert, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { declineCauseLabels } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { IncomeEditorDialog, type IncomeEditorTarget } from './IncomeEditorDialog';
import { changeColor, changeText, yuan } from './labels';

/** 收入情况 on the household page: every year's per-capita income beside last year, and the editor. */
export function HouseholdIncomeSection({ householdId }: { householdId: string }) {
  const today = useToday();
  const thisYear = Number(today.slice(0, 4));
  const income = useQuery(apiQuery('income.forHousehold', { householdId }));
  const [target, setTarget] = useState<IncomeEditorTarget | null>(null);

  if (income.isPending) return <LoadingBlock label="正在读取收入…" />;
  if (income.isError) return <ErrorBlock error={income.error} onRetry={() => void income.refetch()} title="收入读取失败" />;
  const data = income.data;
  const closed = data.householdStatus === 'closed';
  const latest = data.years[0];
  // The next year to enter: last year's income is what a clerk usually enters (the year just ended).
  const suggestedYear = latest ? Math.min(latest.year + 1, thisYear) : thisYear - 1;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={5}>收入情况</Title>
        {!closed && (
          <Button variant="light" size="xs" onClick={() => setTarget({ year: suggestedYear })}>
            录入收入
          </Button>
        )}
      </Group>
      {data.thresholdsAreDefaults && (
        <Text size="xs" c="yellow.8" mb="xs">
          ⚠ 监测范围尚未由管理员按年度设定，下表按程序默认值判断是否在监测范围内，仅供参考。
        </Text>
      )}
      {data.years.some((y) => y.declineMissingCause) && (
        <Alert color="orange" variant="light" mb="xs" title="有减收年度未填原因">
          上年收入更正后，部分年度的人均纯收入低于上年。请点“修改”补填减收原因。
        </Alert>
      )}
      {data.years.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚未录入收入。{closed ? '' : '点“录入收入”按年度填写各项收入，程序自动计算人均纯收入。'}
        </Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>年度</Table.Th>
              <Table.Th ta="right">人口</Table.Th>
              <Table.Th ta="right">纯收入（元）</Table.Th>
              <Table.Th ta="right">人均纯收入（元）</Table.Th>
              <Table.Th ta="right">较上年</Table.Th>
              <Table.Th>监测范围</Table.Th>
              <Table.Th>减收原因</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.years.map((y) => (
              <Table.Tr key={y.id}>
                <Table.Td>{y.year}</Table.Td>
                <Table.Td ta="right">{y.memberCount}</Table.Td>
                <Table.Td ta="right">{yuan(y.netIncomeFen)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {yuan(y.perCapitaFen)}
                </Table.Td>
                <Table.Td ta="right" c={y.comparison ? changeColor(y.comparison.perCapita.changeFen) : undefined}>
                  {changeText(y.comparison?.perCapita)}
                </Table.Td>
                <Table.Td>
                  {y.withinLine ? (
                    <Badge color="orange" variant="light" radius="sm" title={`监测范围 ${yuan(y.monitoringLineFen)} 元${y.lineSource === 'default' ? '（默认值）' : ''}`}>
                      在范围内
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      高于 {yuan(y.monitoringLineFen)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {y.decline ? (
                    y.declineCause ? (
                      <Text size="sm">{declineCauseLabels[y.declineCause]}</Text>
                    ) : (
                      <Text size="sm" c="red">
                        减收，未填原因
                      </Text>
                    )
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  {!closed && (
                    <Button size="compact-sm" variant="light" onClick={() => setTarget({ year: y.year })} aria-label={`修改 ${y.year} 年收入`}>
                      修改
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <IncomeEditorDialog
        householdId={householdId}
        target={target}
        records={data.years}
        currentMemberCount={data.currentMemberCount}
        thisYear={thisYear}
        onClose={() => setTarget(null)}
      />
    </Paper>
  );
}
