import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CaseDetail, CaseStep, Objection } from '../../../../shared/contract/monitoring';
import {
  eliminationMethodLabels,
  negativeListItems,
  negativeListLabels,
  stepLabels,
  stepsOf,
  workflowLabels,
  type StepKind,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { currentRun } from '../../../../shared/domain/workflow';
import { AddObjectionDialog, ResolveObjectionDialog } from './CaseDialogs';
import classes from './monitoring.module.css';
import { StepForm } from './StepForm';

/** Steps in the order they were recorded (currentRun reads a rejection as the end of a run). */
function byRecording(steps: readonly CaseStep[]): CaseStep[] {
  return [...steps].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
}

function StepFacts({ step }: { step: CaseStep }) {
  const d = step.details;
  const hits = d.negativeList ? negativeListItems.filter((k) => d.negativeList?.[k] === true) : [];
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {step.stepLabel}
        </Text>
        <Badge size="sm" variant="light" color={step.outcome === 'passed' ? 'green' : 'red'}>
          {step.outcome === 'passed' ? '通过' : '不通过'}
        </Badge>
        <Text size="sm" className={classes.mono}>
          {step.date}
        </Text>
        <Text size="sm">签字/参与：{step.people.join('、')}</Text>
      </Group>
      {d.negativeList && (
        <Text size="xs" c={hits.length > 0 ? 'red' : 'dimmed'}>
          负面清单：{hits.length === 0 ? '逐项核查，均不存在' : `存在 ${hits.map((k) => negativeListLabels[k]).join('；')}`}
        </Text>
      )}
      {d.specialDecision && (
        <Text size="xs">
          村民代表大会特别决定（{d.specialDecision.date}）：{d.specialDecision.note}
        </Text>
      )}
      {d.notice && (
        <Text size="xs">
          公示 {d.notice.startDate} 至 {d.notice.endDate}，地点：{d.notice.place}
        </Text>
      )}
      {d.eliminationMethod && <Text size="xs">消除方式：{eliminationMethodLabels[d.eliminationMethod]}</Text>}
      {step.note && (
        <Text size="xs" c="dimmed">
          说明：{step.note}
        </Text>
      )}
    </Stack>
  );
}

function ObjectionList({
  objections,
  canAdd,
  onAdd,
  onResolve,
}: {
  objections: readonly Objection[];
  canAdd: boolean;
  onAdd: () => void;
  onResolve: (o: Objection) => void;
}) {
  return (
    <Stack gap={4} mt={6} pl="sm" aria-label="公示异议">
      <Group gap="xs">
        <Text size="xs" fw={600}>
          公示异议（{objections.length} 件）
        </Text>
        {canAdd && (
          <Button size="compact-xs" variant="light" color="orange" onClick={onAdd}>
            登记异议
          </Button>
        )}
      </Group>
      {objections.map((o) => (
        <Group key={o.id} gap="xs" wrap="nowrap" align="flex-start">
          <Badge size="xs" color={o.resolvedDate ? 'teal' : 'orange'} variant="light" mt={3}>
            {o.resolvedDate ? '已处理' : '待处理'}
          </Badge>
          <Stack gap={0} style={{ flex: 1 }}>
            <Text size="xs">
              {o.receivedDate} {o.objector ? `${o.objector}：` : ''}
              {o.content}
            </Text>
            {o.resolvedDate && (
              <Text size="xs" c="dimmed">
                {o.resolvedDate} 处理：{o.resolution}
              </Text>
            )}
          </Stack>
          {!o.resolvedDate && (
            <Button size="compact-xs" variant="subtle" onClick={() => onResolve(o)}>
              处理
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** The running workflow, step by step: done ones with their signatures, the form for the next one. */
function RunSteps({ detail, workflow }: { detail: CaseDetail; workflow: Workflow }) {
  const [addingObjection, setAddingObjection] = useState(false);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const run = currentRun(byRecording(detail.steps), workflow, detail.case.round);
  const done = run.filter((s) => s.outcome === 'passed');
  const order = stepsOf(workflow);
  const next = detail.workflow.active === workflow ? detail.workflow.nextStep : null;
  const notice = done.find((s) => s.step === 'notice');
  const noticeObjections = notice ? detail.objections.filter((o) => o.stepId === notice.id) : [];
  // Objections come in while the notice runs, before the township has reviewed.
  const canAddObjection = notice !== undefined && next === 'townshipReview';

  return (
    <Stack gap="xs">
      {order.map((kind: StepKind, i) => {
        const step = done.find((s) => s.step === kind);
        const label = stepLabels[workflow][kind] ?? kind;
        if (step) {
          return (
            <div key={kind} className={classes.stepDone}>
              <StepFacts step={step} />
              {kind === 'notice' && (
                <ObjectionList objections={noticeObjections} canAdd={canAddObjection} onAdd={() => setAddingObjection(true)} onResolve={setResolving} />
              )}
            </div>
          );
        }
        if (kind === next) {
          return (
            <div key={kind} className={classes.stepNext}>
              <Text size="sm" fw={700} mb={6}>
                第 {i + 1} 步：{label}
              </Text>
              {detail.workflow.unresolvedObjections > 0 ? (
                <Alert color="orange" variant="light" p="xs" mb="xs">
                  公示期间收到的 {detail.workflow.unresolvedObjections} 件异议尚未处理。请先在上方“公示异议”中登记核实处理结果，再办理「{label}」。
                </Alert>
              ) : null}
              {workflow === 'identification' && kind === 'countyDecision' && !detail.case.category && (
                <Alert color="orange" variant="light" p="xs" mb="xs">
                  纳入监测前须确认监测对象类别：请先点页面右上角的“确认类别”。
                </Alert>
              )}
              <StepForm key={`${detail.case.round}-${kind}-${run.length}`} detail={detail} workflow={workflow} step={kind} />
            </div>
          );
        }
        return (
          <div key={kind} className={classes.stepTodo}>
            <Text size="sm">
              第 {i + 1} 步：{label}
            </Text>
          </div>
        );
      })}
      <AddObjectionDialog detail={detail} opened={addingObjection} onClose={() => setAddingObjection(false)} />
      <ResolveObjectionDialog objection={resolving} onClose={() => setResolving(null)} />
    </Stack>
  );
}

function Preconditions({ detail }: { detail: CaseDetail }) {
  const e = detail.elimination;
  if (!e) return null;
  return (
    <Stack gap={4} aria-label="风险消除条件">
      <Text size="sm" fw={600}>
        风险消除条件（最早可于 {e.earliestDate} 发起）
      </Text>
      {e.preconditions.map((p) => (
        <Group key={p.key} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c={p.met ? 'green' : 'red'} fw={700} w={16} aria-label={p.met ? '已满足' : '未满足'}>
            {p.met ? '✓' : '✗'}
          </Text>
          <Text size="sm" fw={500} w={240}>
            {p.label}
          </Text>
          <Text size="sm" c={p.met ? 'dimmed' : 'red'} style={{ flex: 1 }}>
            {p.reason}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Past runs and the step records of every round, oldest first: who signed what, and when. */
function AllSteps({ steps }: { steps: readonly CaseStep[] }) {
  if (steps.length === 0) return null;
  return (
    <Table withTableBorder fz="xs" aria-label="全部步骤记录">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>流程</Table.Th>
          <Table.Th>步骤</Table.Th>
          <Table.Th>日期</Table.Th>
          <Table.Th>结果</Table.Th>
          <Table.Th>签字/参与人员</Table.Th>
          <Table.Th>说明</Table.Th>
          <Table.Th>登记人</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {byRecording(steps).map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>
              {s.workflow === 'reopen' ? '回退' : workflowLabels[s.workflow]}
              {s.round > 1 ? `（第 ${s.round} 轮）` : ''}
            </Table.Td>
            <Table.Td>{s.stepLabel}</Table.Td>
            <Table.Td className={classes.mono}>{s.date}</Table.Td>
            <Table.Td>
              <Text size="xs" c={s.outcome === 'passed' ? undefined : 'red'}>
                {s.outcome === 'passed' ? '通过' : '不通过'}
              </Text>
            </Table.Td>
            <Table.Td>{s.people.join('、')}</Table.Td>
            <Table.Td>{s.note ?? s.details.reason ?? ''}</Table.Td>
            <Table.Td>{s.recordedBy}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function WorkflowPanel({ detail }: { detail: CaseDetail }) {
  const [starting, setStarting] = useState(false);
  const { status } = detail.case;
  const active = detail.workflow.active;

  let body;
  if (active) {
    body = <RunSteps detail={detail} workflow={active} />;
  } else if (status === 'monitoring') {
    body = (
      <Stack gap="sm">
        <Preconditions detail={detail} />
        {starting ? (
          <div className={classes.stepNext}>
            <Text size="sm" fw={700} mb={6}>
              发起风险消除 — 第 1 步：{stepLabels.elimination.nominate}
            </Text>
            <StepForm detail={detail} workflow="elimination" step="nominate" onCancel={() => setStarting(false)} onDone={() => setStarting(false)} />
          </div>
        ) : detail.workflow.canStartElimination ? (
          <Group>
            <Button color="green" onClick={() => setStarting(true)}>
              发起风险消除
            </Button>
            <Text size="sm" c="dimmed">
              各项条件均已满足，可由村提名后按步骤办理。
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            以上条件全部满足后才能发起风险消除。
          </Text>
        )}
      </Stack>
    );
  } else if (status === 'eliminated') {
    body = (
      <Alert color="green" variant="light">
        已于 {detail.case.eliminatedDate} 标注风险消除
        {detail.case.eliminationMethod ? `（${eliminationMethodLabels[detail.case.eliminationMethod]}）` : ''}。风险返回时可“回退”，历史记录保留。
      </Alert>
    );
  } else {
    body = (
      <Alert color="gray" variant="light">
        未纳入监测（驳回）：{detail.case.rejectedDate} {detail.case.rejectReason ?? ''}
      </Alert>
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="办理流程">
      <Group justify="space-between" mb="sm">
        <Title order={5}>
          办理流程{active ? `：${workflowLabels[active]}` : ''}
          {active && detail.case.round > 1 ? `（第 ${detail.case.round} 轮）` : ''}
        </Title>
        {active && detail.workflow.nextStepLabel && (
          <Badge variant="light" color="blue">
            下一步：{detail.workflow.nextStepLabel}
          </Badge>
        )}
      </Group>
      {body}
      {(active === 'elimination' || (active === null && detail.steps.length > 0)) && (
        <Stack gap={4} mt="md">
          <Text size="sm" fw={600}>
            全部步骤记录
          </Text>
          <AllSteps steps={detail.steps} />
        </Stack>
      )}
    </Paper>
  );
}
