import { Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { InputOf } from '../../../../shared/contract';
import { caseOpenSchema } from '../../../../shared/contract/monitoring';
import { clueSources, clueSourceLabels, riskTypeLabels, riskTypes, type ClueSource, type RiskType } from '../../../../shared/domain/monitoring';
import { ApiError, invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { errorMessage, issueErrors, notifySuccess } from '../../components/formErrors';
import { refreshAfterCaseChange } from './queries';
import { DateField } from '../../components/DateField';

export interface OpenCaseDialogProps {
  opened: boolean;
  householdId: string;
  headName: string;
  defaultHelperName: string | null;
  defaultHelperPhone: string | null;
  onClose: () => void;
}

/** 新增监测线索: a clue starts a case 识别中; the case page opens with the 申请 step next. */
export function OpenCaseDialog(props: OpenCaseDialogProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`新增监测线索：户主 ${props.headName}`} size="lg">
      {props.opened && <OpenCaseForm {...props} />}
    </Modal>
  );
}

function OpenCaseForm({ householdId, defaultHelperName, defaultHelperPhone, onClose }: OpenCaseDialogProps) {
  const today = useToday();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [clueSource, setClueSource] = useState<ClueSource | ''>('');
  const [clueDate, setClueDate] = useState(today);
  const [risks, setRisks] = useState<RiskType[]>([]);
  const [clueNote, setClueNote] = useState('');
  const [helperName, setHelperName] = useState(defaultHelperName ?? '');
  const [helperPhone, setHelperPhone] = useState(defaultHelperPhone ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const open = useMutation({ mutationFn: (input: InputOf<'monitoring.open'>) => invoke('monitoring.open', input) });

  const submit = async () => {
    // Risks in the vocabulary's order, whatever order they were ticked in.
    const input = {
      householdId,
      clueSource: clueSource as ClueSource,
      clueDate,
      clueNote,
      risks: riskTypes.filter((r) => risks.includes(r)),
      helperName,
      helperPhone,
    };
    const found: Record<string, string> = {};
    if (clueSource === '') found.clueSource = '请选择线索来源';
    if (clueDate > today) found.clueDate = `发现日期不能晚于今天（${today}）`;
    const checked = caseOpenSchema.safeParse(input);
    if (!checked.success) Object.assign(found, issueErrors(checked.error.issues), found);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(null);
      return;
    }
    try {
      const detail = await open.mutateAsync(input);
      await refreshAfterCaseChange(queryClient, detail);
      notifySuccess(`已登记监测线索 ${detail.case.caseCode}，下一步：${detail.workflow.nextStepLabel ?? '—'}`, '已新增监测线索');
      onClose();
      void navigate(`/monitoring/${detail.case.id}`);
    } catch (error) {
      if (error instanceof ApiError) setErrors(issueErrors(Object.entries(error.fields).map(([path, message]) => ({ path: path.split('.'), message }))));
      setFailure(errorMessage(error));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <NativeSelect
            label="线索来源"
            required
            data-autofocus
            data={[{ value: '', label: '请选择' }, ...clueSources.map((s) => ({ value: s, label: clueSourceLabels[s] }))]}
            value={clueSource}
            error={errors.clueSource}
            onChange={(e) => setClueSource(e.currentTarget.value as ClueSource | '')}
          />
          <DateField
            label="发现日期"
            required
            max={today}
            value={clueDate}
            error={errors.clueDate}
            onChange={setClueDate}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="风险类型"
          description="可多选"
          required
          value={risks}
          error={errors.risks}
          onChange={(v) => setRisks(v as RiskType[])}
        >
          <Group gap="md" mt={6}>
            {riskTypes.map((r) => (
              <Checkbox key={r} value={r} label={riskTypeLabels[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          label="情况说明"
          autosize
          minRows={2}
          placeholder="如：户主突发重病住院，自付医疗费用较高"
          value={clueNote}
          error={errors.clueNote}
          onChange={(e) => setClueNote(e.currentTarget.value)}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="帮扶联系人"
            value={helperName}
            error={errors.helperName}
            onChange={(e) => setHelperName(e.currentTarget.value)}
          />
          <TextInput
            label="帮扶联系人电话"
            value={helperPhone}
            error={errors.helperPhone}
            onChange={(e) => setHelperPhone(e.currentTarget.value)}
          />
        </SimpleGrid>
        <FormFooter failure={failure} submitLabel="登记线索" busy={open.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
