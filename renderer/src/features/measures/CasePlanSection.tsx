import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { measureFamilyLabels, type CasePlan, type Measure, type MeasureType } from '../../../../shared/contract/measures';
import { measureStatusLabels, riskTypeLabels, type MeasureStatus } from '../../../../shared/domain/monitoring';
import { daysBetween } from '../../../../shared/lib/dates';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import classes from './measures.module.css';
import { MarkDoneDialog } from './MarkDoneDialog';
import { MeasureDialog, type MeasureDialogMode } from './MeasureDialog';
import { formatYuan } from '../../components/money';
import { casePlanQuery, catalogQuery, refreshAfterMeasure } from './queries';
import { notifySuccess } from '../../components/formErrors';

export const measureStatusColors: Readonly<Record<MeasureStatus, string>> = {
  planned: 'blue',
  inProgress: 'orange',
  done: 'green',
  cancelled: 'gray',
};

/** 帮扶措施清单 (一户一方案) of one case: coverage of each open risk, the measures, and their progress. */
export function CasePlanSection({ caseId }: { caseId: string }) {
  const plan = useQuery(casePlanQuery(caseId));
  const catalog = useQuery(catalogQuery);
  const today = useToday();

  return (
    <Paper withBorder p="md" component="section" aria-label="帮扶措施清单">
      {plan.isPending && <LoadingBlock label="正在读取帮扶措施…" />}
      {plan.isError && <ErrorBlock error={plan.error} onRetry={() => void plan.refetch()} title="帮扶措施没有读出来" />}
      {plan.data && <PlanView plan={plan.data} types={catalog.data?.types ?? []} today={today} />}
    </Paper>
  );
}

function PlanView({ plan, types, today }: { plan: CasePlan; types: readonly MeasureType[]; today: string }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<MeasureDialogMode | null>(null);
  const [marking, setMarking] = useState<Measure | null>(null);
  const [starting, setStarting] = useState<Measure | null>(null);
  const [cancelling, setCancelling] = useState<Measure | null>(null);
  const active = plan.measures.filter((m) => m.status !== 'cancelled');
  const doneCount = active.filter((m) => m.status === 'done').length;
  const uncovered = plan.coverage.filter((c) => !c.covered);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={5}>帮扶措施清单</Title>
          <Text size="xs" c="dimmed">
            共 {active.length} 项措施，已落实 {doneCount} 项
            {plan.planDueDate ? ` · 帮扶计划应于 ${plan.planDueDate} 前制定` : ''}
          </Text>
        </Stack>
        {plan.editable && (
          <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'add' })} disabled={types.length === 0}>
            添加措施
          </Button>
        )}
      </Group>

      {plan.openRisks.length > 0 && (
        <Group gap={6} aria-label="风险覆盖情况">
          <Text size="sm" fw={500}>
            风险覆盖：
          </Text>
          {plan.coverage.map((c) => (
            <Tooltip
              key={c.riskType}
              label={c.covered ? (c.done ? '对应措施都已落实' : `有 ${c.measureIds.length} 项对应措施，尚未全部落实`) : '没有对应的措施，请添加'}
            >
              <Badge variant={c.covered ? 'light' : 'filled'} color={c.done ? 'green' : c.covered ? 'blue' : 'red'} radius="sm">
                {riskTypeLabels[c.riskType]} · {c.done ? '已落实' : c.covered ? '已有措施' : '未覆盖'}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      )}

      {plan.planOverdue && (
        <Alert color="red" variant="light" title="帮扶计划已超期" role="alert">
          应于 {plan.planDueDate} 前为每项风险制定措施（已超过 {plan.planDueDate ? daysBetween(plan.planDueDate, today) : 0} 天）。
          {uncovered.length > 0 && `尚未覆盖：${uncovered.map((c) => riskTypeLabels[c.riskType]).join('、')}。`}
        </Alert>
      )}
      {!plan.planOverdue && uncovered.length > 0 && plan.editable && (
        <Text size="sm" c="orange.8">
          还有 {uncovered.length} 项风险没有对应措施：{uncovered.map((c) => riskTypeLabels[c.riskType]).join('、')}。“缺什么补什么”，每项风险至少一项措施。
        </Text>
      )}
      {!plan.editable && (
        <Text size="xs" c="dimmed">
          该监测对象已{plan.caseStatus === 'eliminated' ? '风险消除' : '结束'}，措施清单只供查阅。
        </Text>
      )}

      {plan.measures.length === 0 ? (
        <Text size="sm" c="dimmed">
          还没有帮扶措施。{plan.editable ? '点“添加措施”按风险逐项制定。' : ''}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table withTableBorder highlightOnHover verticalSpacing={6} aria-label="帮扶措施" className={classes.table}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>类别/措施</Table.Th>
                <Table.Th>对应风险</Table.Th>
                <Table.Th>责任单位</Table.Th>
                <Table.Th>帮扶人</Table.Th>
                <Table.Th>计划日期</Table.Th>
                <Table.Th>落实日期</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th className={classes.right}>金额（元）</Table.Th>
                {plan.editable && <Table.Th w={90}>操作</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.measures.map((m) => {
                const cancelled = m.status === 'cancelled';
                const late = (m.status === 'planned' || m.status === 'inProgress') && m.plannedDate < today;
                return (
                  <Table.Tr key={m.id} className={cancelled ? classes.cancelled : undefined} data-status={m.status}>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {measureFamilyLabels[m.family]}
                      </Text>
                      <Text size="sm" className={cancelled ? classes.struck : undefined}>
                        {m.typeName}
                      </Text>
                      {m.note && (
                        <Text size="xs" c="dimmed" lineClamp={2} title={m.note}>
                          {m.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {m.riskTypes.map((r) => (
                          <Badge key={r} size="sm" variant="outline" color="gray" radius="sm">
                            {riskTypeLabels[r]}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{m.responsibleUnit}</Table.Td>
                    <Table.Td>{m.helperName ?? ''}</Table.Td>
                    <Table.Td className={classes.mono} c={late ? 'red' : undefined} title={late ? '已过计划日期，尚未落实' : undefined}>
                      {m.plannedDate}
                    </Table.Td>
                    <Table.Td className={classes.mono}>{m.doneDate ?? ''}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={measureStatusColors[m.status]} radius="sm">
                        {measureStatusLabels[m.status]}
                      </Badge>
                      {cancelled && m.cancelReason && (
                        <Text size="xs" c="dimmed" lineClamp={2} title={m.cancelReason}>
                          {m.cancelReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className={`${classes.mono} ${classes.right}`}>{m.hasAmount ? formatYuan(m.amountFen, '—') : ''}</Table.Td>
                    {plan.editable && (
                      <Table.Td>
                        {!cancelled && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button size="compact-xs" variant="subtle" aria-label={`办理 ${m.typeName}`} rightSection="▾">
                                办理
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item onClick={() => setDialog({ kind: 'edit', measure: m })}>修改</Menu.Item>
                              {m.status === 'planned' && <Menu.Item onClick={() => setStarting(m)}>标记落实中</Menu.Item>}
                              {m.status !== 'done' && <Menu.Item onClick={() => setMarking(m)}>标记已落实</Menu.Item>}
                              {m.status !== 'done' && (
                                <>
                                  <Menu.Divider />
                                  <Menu.Item color="red" onClick={() => setCancelling(m)}>
                                    取消措施
                                  </Menu.Item>
                                </>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <MeasureDialog mode={dialog} plan={plan} types={types} today={today} onClose={() => setDialog(null)} />
      <MarkDoneDialog measure={marking} today={today} onClose={() => setMarking(null)} />
      <ConfirmDialog
        opened={starting !== null}
        title="标记落实中"
        message={starting ? `将措施“${starting.typeName}”（${starting.responsibleUnit}）标记为落实中。状态只能向前推进，不能退回计划中。` : ''}
        confirmLabel="标记落实中"
        onConfirm={async () => {
          if (!starting) return;
          await invoke('measures.update', { id: starting.id, version: starting.version, status: 'inProgress' });
          await refreshAfterMeasure(queryClient);
          notifySuccess(`措施“${starting.typeName}”已标记为落实中`);
        }}
        onClose={() => setStarting(null)}
      />
      <ConfirmDialog
        opened={cancelling !== null}
        title="取消措施"
        danger
        message={
          cancelling
            ? `取消措施“${cancelling.typeName}”（${cancelling.responsibleUnit}，计划 ${cancelling.plannedDate}）。取消后保留在清单中，但不再计入风险覆盖，也不能恢复。`
            : ''
        }
        reasonLabel="取消原因"
        confirmLabel="确认取消措施"
        cancelLabel="返回"
        onConfirm={async (reason) => {
          if (!cancelling) return;
          await invoke('measures.update', { id: cancelling.id, version: cancelling.version, status: 'cancelled', cancelReason: reason });
          await refreshAfterMeasure(queryClient);
          notifySuccess(`措施“${cancelling.typeName}”已取消`, '已取消');
        }}
        onClose={() => setCancelling(null)}
      />
    </Stack>
  );
}
