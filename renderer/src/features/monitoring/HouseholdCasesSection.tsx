import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  caseStatusLabels,
  monitoringCategoryLabels,
  riskTypeLabels,
  stepLabels,
} from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { caseStatusColors } from './labels';
import classes from './monitoring.module.css';
import { OpenCaseDialog } from './OpenCaseDialog';
import { householdCasesQuery } from './queries';

/** 防返贫监测 on the household page: the household's cases, the category suggestion, 新增监测线索. */
export function HouseholdCasesSection({ householdId }: { householdId: string }) {
  const cases = useQuery(householdCasesQuery(householdId));
  const household = useQuery(apiQuery('households.get', { id: householdId }));
  const [opening, setOpening] = useState(false);

  const h = household.data?.household;
  const blocked = cases.data?.openBlockedReason ?? null;

  return (
    <Paper withBorder p="md" component="section" aria-label="防返贫监测">
      <Group justify="space-between" mb="sm" align="flex-start">
        <Title order={5}>防返贫监测</Title>
        <Group gap="sm" wrap="nowrap">
          {blocked && (
            <Text size="xs" c="dimmed" maw={360} ta="right">
              {blocked}
            </Text>
          )}
          <Button size="xs" variant="light" disabled={!cases.data || blocked !== null || !h} onClick={() => setOpening(true)}>
            新增监测线索
          </Button>
        </Group>
      </Group>
      {cases.isPending ? (
        <LoadingBlock label="正在读取监测记录…" />
      ) : cases.isError ? (
        <ErrorBlock error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <Stack gap="sm">
          <Alert color="blue" variant="light" p="xs">
            <Text size="sm">
              类别建议：
              <b>{cases.data.suggestion.category ? monitoringCategoryLabels[cases.data.suggestion.category] : '暂无'}</b>
              <Text span size="sm" c="dimmed">
                {' '}
                — {cases.data.suggestion.reason}
              </Text>
            </Text>
          </Alert>
          {cases.data.cases.length === 0 ? (
            <Text size="sm" c="dimmed">
              该户没有监测记录。发现风险时点“新增监测线索”开始识别。
            </Text>
          ) : (
            <Table withTableBorder highlightOnHover aria-label="监测记录">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>编号</Table.Th>
                  <Table.Th>状态</Table.Th>
                  <Table.Th>类别</Table.Th>
                  <Table.Th>风险类型</Table.Th>
                  <Table.Th>发现日期</Table.Th>
                  <Table.Th>纳入日期</Table.Th>
                  <Table.Th>消除/驳回日期</Table.Th>
                  <Table.Th>当前步骤</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.cases.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/monitoring/${c.id}`} className={classes.mono}>
                        {c.caseCode}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={caseStatusColors[c.status]}>
                        {caseStatusLabels[c.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{c.category ? monitoringCategoryLabels[c.category] : <Text span size="sm" c="dimmed">待确认</Text>}</Table.Td>
                    <Table.Td>{c.risks.map((r) => riskTypeLabels[r]).join('、')}</Table.Td>
                    <Table.Td className={classes.mono}>{c.clueDate}</Table.Td>
                    <Table.Td className={classes.mono}>{c.includedDate ?? ''}</Table.Td>
                    <Table.Td className={classes.mono}>{c.eliminatedDate ?? c.rejectedDate ?? ''}</Table.Td>
                    <Table.Td>{c.activeWorkflow && c.nextStep ? `待${stepLabels[c.activeWorkflow][c.nextStep] ?? ''}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      {h && (
        <OpenCaseDialog
          opened={opening}
          householdId={householdId}
          headName={h.headName}
          defaultHelperName={h.helperName}
          defaultHelperPhone={h.helperPhone}
          onClose={() => setOpening(false)}
        />
      )}
    </Paper>
  );
}
