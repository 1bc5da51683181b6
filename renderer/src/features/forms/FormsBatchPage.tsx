import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { batchFormKinds, type FormsBatchInput } from '../../../../shared/contract/forms';
import { printResultSchema } from '../../../../shared/contract/print';
import { identificationSteps, eliminationSteps, stepLabels, type StepKind } from '../../../../shared/domain/monitoring';
import { documentKindLabels } from '../../../../shared/domain/paper';
import { invoke } from '../../api/client';
import { printDocument, saveDocumentPdf } from '../../api/files';
import { JobProgress, useJob } from '../../api/jobs';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { errorMessage, notifySuccess } from '../../components/formErrors';

type BatchKind = (typeof batchFormKinds)[number];

const workflowOf = (kind: BatchKind) => (kind === 'form.measures' || kind === 'form.elimination' ? 'elimination' : 'identification');

/** The step at which each form is usually printed, offered first. */
const defaultStep: Readonly<Record<BatchKind, StepKind>> = {
  'form.application': 'apply',
  'form.collection': 'homeCheck',
  'form.approval': 'townshipReview',
  'form.measures': 'homeCheck',
  'form.elimination': 'homeCheck',
};

/** 表单批量打印: one form kind for every open case waiting at a workflow step, in one job. */
export function FormsBatchPage() {
  const [kind, setKind] = useState<BatchKind>('form.approval');
  const [step, setStep] = useState<StepKind>(defaultStep['form.approval']);
  const [villageId, setVillageId] = useState('');
  const office = useQuery(apiQuery('settings.office', {}));
  const input: FormsBatchInput = { kind, step, ...(villageId ? { villageId } : {}) };
  const cases = useQuery(apiQuery('forms.batchCases', input));
  const job = useJob(printResultSchema);
  const [outputError, setOutputError] = useState<string | null>(null);
  const workflow = workflowOf(kind);
  const steps = workflow === 'identification' ? identificationSteps : eliminationSteps;
  const count = cases.data?.cases.length ?? 0;

  async function run() {
    setOutputError(null);
    const result = await job.run(() => invoke('forms.printBatch', input));
    if (result) notifySuccess(`已生成 ${result.documents.length} 份${documentKindLabels[kind]}`, '批量打印');
  }

  async function output(how: 'print' | 'pdf') {
    if (!job.result) return;
    try {
      if (how === 'print') await printDocument(job.result.file);
      else {
        const saved = await saveDocumentPdf(job.result.file);
        if (saved) notifySuccess(`已保存：${saved}`);
      }
    } catch (error) {
      setOutputError(errorMessage(error));
    }
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title="表单批量打印" description="选择表单和流程步骤，打印正在该步骤等待办理的全部监测对象的表单，生成一个文件。" />
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md">
          <NativeSelect
            label="表单"
            w={240}
            data={batchFormKinds.map((k) => ({ value: k, label: documentKindLabels[k] }))}
            value={kind}
            onChange={(e) => {
              const next = e.currentTarget.value as BatchKind;
              setKind(next);
              setStep(defaultStep[next]);
              job.reset();
            }}
          />
          <NativeSelect
            label="流程步骤"
            w={200}
            data={steps.map((s) => ({ value: s, label: `${workflow === 'identification' ? '识别' : '消除'}·${stepLabels[workflow][s] ?? s}` }))}
            value={step}
            onChange={(e) => {
              setStep(e.currentTarget.value as StepKind);
              job.reset();
            }}
          />
          <NativeSelect
            label="村"
            w={160}
            data={[{ value: '', label: '全部村' }, ...(office.data?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))]}
            value={villageId}
            onChange={(e) => {
              setVillageId(e.currentTarget.value);
              job.reset();
            }}
          />
          <Button onClick={() => void run()} loading={job.running} disabled={count === 0}>
            批量打印
          </Button>
        </Group>
      </Paper>

      <JobProgress snapshot={job.snapshot} running={job.running} onCancel={() => void job.cancel()} label="批量打印进度" />
      {job.error && (
        <Alert color="red" variant="light" title="没有打印成">
          {job.error.message}
        </Alert>
      )}
      {job.result && (
        <Alert color="green" variant="light" title={`已生成 ${job.result.documents.length} 份`}>
          <Stack gap="xs">
            <Text size="sm">{job.result.file.fileName}</Text>
            <Group gap="sm">
              <Button size="xs" onClick={() => void output('print')}>
                打印
              </Button>
              <Button size="xs" variant="default" onClick={() => void output('pdf')}>
                存为 PDF
              </Button>
            </Group>
            {outputError && (
              <Text size="sm" c="red">
                {outputError}
              </Text>
            )}
          </Stack>
        </Alert>
      )}

      {cases.isPending && <LoadingBlock label="正在查找案件…" />}
      {cases.isError && <ErrorBlock error={cases.error} onRetry={() => void cases.refetch()} />}
      {cases.data && (
        <Paper withBorder p="md">
          <Text fw={600} mb="xs" aria-live="polite">
            {count === 0 ? '没有在该步骤等待办理的案件' : `共 ${count} 户，将打印 ${count} 份${documentKindLabels[kind]}`}
          </Text>
          {count > 0 && (
            <Table withTableBorder fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>案件编号</Table.Th>
                  <Table.Th>村</Table.Th>
                  <Table.Th>户主</Table.Th>
                  <Table.Th>户编号</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.data.cases.map((c) => (
                  <Table.Tr key={c.caseId}>
                    <Table.Td>{c.caseCode}</Table.Td>
                    <Table.Td>{c.villageName}</Table.Td>
                    <Table.Td>{c.headName}</Table.Td>
                    <Table.Td>{c.householdCode}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
    </Stack>
  );
}
