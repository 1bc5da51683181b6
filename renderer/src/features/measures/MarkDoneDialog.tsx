import { Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import type { Measure } from '../../../../shared/contract/measures';
import { isoDate } from '../../../../shared/contract/fields';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess } from '../../components/formErrors';
import { AmountInput } from './MeasureDialog';
import { yuanText } from '../../components/money';
import { readYuan } from '../../../../shared/lib/money';
import { refreshAfterMeasure } from './queries';
import { DateField } from '../../components/DateField';

interface Props {
  measure: Measure | null;
  today: string;
  onClose: () => void;
}

/** 标记已落实: the done date (default today) and, where money moves, the amount actually paid. */
export function MarkDoneDialog(props: Props) {
  return (
    <Modal opened={props.measure !== null} onClose={props.onClose} title={props.measure ? `标记已落实：${props.measure.typeName}` : '标记已落实'} size="md">
      {props.measure && <MarkDoneForm {...props} measure={props.measure} />}
    </Modal>
  );
}

function MarkDoneForm({ measure, today, onClose }: Props & { measure: Measure }) {
  const queryClient = useQueryClient();
  const [doneDate, setDoneDate] = useState(today);
  const [amount, setAmount] = useState(yuanText(measure.amountFen));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const mark = useMutation({ mutationFn: (input: InputOf<'measures.update'>) => invoke('measures.update', input) });

  const submit = async () => {
    setFailure(null);
    const found: Record<string, string> = {};
    const date = isoDate.safeParse(doneDate);
    if (!date.success) found.doneDate = date.error.issues[0]?.message ?? '请填写落实日期';
    else if (doneDate > today) found.doneDate = `落实日期不能晚于今天（${today}）`;
    let amountFen: number | null = measure.amountFen;
    if (measure.hasAmount) {
      const parsed = readYuan(amount);
      if (!parsed.ok) found.amount = parsed.error;
      else amountFen = parsed.fen;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await mark.mutateAsync({
        id: measure.id,
        version: measure.version,
        status: 'done',
        doneDate,
        ...(measure.hasAmount && amountFen !== measure.amountFen ? { amountFen } : {}),
      });
      await refreshAfterMeasure(queryClient);
      notifySuccess(`措施“${measure.typeName}”已于 ${doneDate} 落实`);
      onClose();
    } catch (error) {
      const fields = apiFieldErrors(error);
      if (fields.amountFen) fields.amount = fields.amountFen;
      setErrors(fields);
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
        <Text size="sm">
          责任单位 {measure.responsibleUnit}
          {measure.helperName ? `，帮扶人 ${measure.helperName}` : ''}，计划 {measure.plannedDate}。标记后状态不能退回。
        </Text>
        <DateField
          label="落实日期"
          required
          max={today}
          data-autofocus
          value={doneDate}
          error={errors.doneDate}
          onChange={(value) => {
            setDoneDate(value);
            setErrors(({ doneDate: _d, ...rest }) => rest);
          }}
        />
        {measure.hasAmount && (
          <AmountInput
            label="落实金额（元）"
            value={amount}
            error={errors.amount}
            onChange={(v) => {
              setAmount(v);
              setErrors(({ amount: _a, ...rest }) => rest);
            }}
          />
        )}
        <FormFooter failure={failure} submitLabel="确认已落实" busy={mark.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
