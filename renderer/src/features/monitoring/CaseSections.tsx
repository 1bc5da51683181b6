import { Badge, Button, Group, Paper, NativeSelect, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail, GuaranteesOutput, TimelineEvent } from '../../../../shared/contract/monitoring';
import {
  guaranteeKeys,
  guaranteeLabels,
  guaranteeStatusLabels,
  guaranteeStatuses,
  riskTypeLabels,
  type GuaranteeStatus,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { FormFooter } from '../../components/FormFooter';
import { AddRiskDialog, RemoveRiskDialog, useCaseAction } from './CaseDialogs';
import classes from './monitoring.module.css';

// ---------------------------------------------------------------------------------------------
// 风险 and their coverage by measures

export function RisksPanel({ detail, editable }: { detail: CaseDetail; editable: boolean }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RiskType | null>(null);
  const coverage = new Map(detail.coverage.map((c) => [c.riskType, c]));
  const uncovered = detail.coverage.filter((c) => !c.covered).length;
  return (
    <Paper withBorder p="md" component="section" aria-label="风险类型">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={5}>风险类型</Title>
          {uncovered > 0 && (
            <Badge color="red" variant="light">
              {uncovered} 项未覆盖
            </Badge>
          )}
        </Group>
        {editable && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            增加风险
          </Button>
        )}
      </Group>
      {detail.risks.length === 0 ? (
        <Text size="sm" c="dimmed">
          没有在册的风险。
        </Text>
      ) : (
        <Table withTableBorder aria-label="风险与帮扶覆盖">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>风险</Table.Th>
              <Table.Th>说明</Table.Th>
              <Table.Th>帮扶措施</Table.Th>
              {editable && <Table.Th w={70}>操作</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.risks.map((r) => {
              const c = coverage.get(r.riskType);
              return (
                <Table.Tr key={r.id}>
                  <Table.Td fw={500}>{riskTypeLabels[r.riskType]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={r.note ? undefined : 'dimmed'}>
                      {r.note ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {!c || !c.covered ? (
                      <Text size="sm" c="red" fw={600}>
                        未覆盖
                      </Text>
                    ) : (
                      <Group gap={6}>
                        <Text size="sm">{c.measureIds.length} 项措施</Text>
                        <Badge size="sm" variant="light" color={c.done ? 'green' : 'yellow'}>
                          {c.done ? '已全部落实' : '落实中'}
                        </Badge>
                      </Group>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`移除风险 ${riskTypeLabels[r.riskType]}`}
                        onClick={() => setRemoving(r.riskType)}
                      >
                        移除
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {detail.removedRisks.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          已移除：
          {detail.removedRisks.map((r) => `${riskTypeLabels[r.riskType]}（${r.removedAt ?? ''}，${r.removeReason ?? ''}）`).join('；')}
        </Text>
      )}
      <AddRiskDialog detail={detail} opened={adding} onClose={() => setAdding(false)} />
      <RemoveRiskDialog detail={detail} riskType={removing} onClose={() => setRemoving(null)} />
    </Paper>
  );
}

// ---------------------------------------------------------------------------------------------
// 两不愁三保障及饮水安全

export function GuaranteesPanel({ detail, editable }: { detail: CaseDetail; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const g = detail.case.guarantees;
  const atRisk = guaranteeKeys.filter((k) => g[k].status === 'atRisk').length;
  return (
    <Paper withBorder p="md" component="section" aria-label="两不愁三保障及饮水安全">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={5}>两不愁三保障及饮水安全</Title>
          <Badge color={atRisk > 0 ? 'red' : 'green'} variant="light">
            {atRisk > 0 ? `${atRisk} 项有风险` : '全部有保障'}
          </Badge>
        </Group>
        {editable && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            修改
          </Button>
        )}
      </Group>
      {editing ? (
        <GuaranteesForm detail={detail} onClose={() => setEditing(false)} />
      ) : (
        <Table withTableBorder aria-label="保障情况">
          <Table.Tbody>
            {guaranteeKeys.map((k) => (
              <Table.Tr key={k}>
                <Table.Td w={140} fw={500}>
                  {guaranteeLabels[k]}
                </Table.Td>
                <Table.Td w={90}>
                  <Text size="sm" c={g[k].status === 'atRisk' ? 'red' : 'green'} fw={600}>
                    {guaranteeStatusLabels[g[k].status]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={g[k].note ? undefined : 'dimmed'}>
                    {g[k].note ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function GuaranteesForm({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const [values, setValues] = useState<GuaranteesOutput>(detail.case.guarantees);
  const action = useCaseAction('monitoring.update');
  // The version this dialog opened on: a refetch meanwhile must not make it look current.
  const [version] = useState(detail.case.version);
  const submit = async () => {
    const guarantees = Object.fromEntries(guaranteeKeys.map((k) => [k, { status: values[k].status, note: values[k].note ?? '' }]));
    if (await action.run({ id: detail.case.id, version, guarantees }, '保障情况已更新')) onClose();
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        {guaranteeKeys.map((k) => (
          <Group key={k} gap="sm" wrap="nowrap" align="flex-start">
            <Text size="sm" fw={500} w={120} pt={6}>
              {guaranteeLabels[k]}
            </Text>
            <NativeSelect
              aria-label={guaranteeLabels[k]}
              w={110}
              data={guaranteeStatuses.map((st) => ({ value: st, label: guaranteeStatusLabels[st] }))}
              styles={{ input: { color: values[k].status === 'atRisk' ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-green-8)', fontWeight: 600 } }}
              value={values[k].status}
              onChange={(e) => {
                const status = e.currentTarget.value as GuaranteeStatus;
                setValues((old) => ({ ...old, [k]: { ...old[k], status } }));
              }}
            />
            <TextInput
              aria-label={`${guaranteeLabels[k]}说明`}
              placeholder="说明"
              style={{ flex: 1 }}
              value={values[k].note ?? ''}
              error={action.fields[`guarantees.${k}.note`]}
              onChange={(e) => {
                const note = e.currentTarget.value;
                setValues((old) => ({ ...old, [k]: { ...old[k], note } }));
              }}
            />
          </Group>
        ))}
        <FormFooter failure={action.failure} submitLabel="保存保障情况" busy={action.busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// 时间线

const timelineColors: Record<TimelineEvent['kind'], string> = {
  status: 'ledger',
  step: 'blue',
  objection: 'orange',
  objectionResolved: 'teal',
  visit: 'grape',
  measurePlanned: 'cyan',
  measureDone: 'green',
  risk: 'red',
};

const timelineKindLabels: Record<TimelineEvent['kind'], string> = {
  status: '状态',
  step: '步骤',
  objection: '异议',
  objectionResolved: '异议处理',
  visit: '走访',
  measurePlanned: '措施',
  measureDone: '措施落实',
  risk: '风险',
};

export function CaseTimeline({ events }: { events: readonly TimelineEvent[] }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="时间线">
      <Title order={5} mb="sm">
        时间线
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          还没有记录。
        </Text>
      ) : (
        <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
          {events.map((e, i) => (
            <Timeline.Item
              key={`${e.refId ?? ''}-${e.kind}-${i}`}
              color={timelineColors[e.kind]}
              title={
                <Group gap="xs">
                  <Text size="sm" className={classes.mono} c="dimmed">
                    {e.date}
                  </Text>
                  <Badge size="xs" variant="light" color={timelineColors[e.kind]}>
                    {timelineKindLabels[e.kind]}
                  </Badge>
                  <Text size="sm" fw={600}>
                    {e.title}
                  </Text>
                </Group>
              }
            >
              {e.detail && (
                <Text size="sm" c="dimmed">
                  {e.detail}
                </Text>
              )}
              {e.people.length > 0 && (
                <Text size="xs" c="dimmed">
                  人员：{e.people.join('、')}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
