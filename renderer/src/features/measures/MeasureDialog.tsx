import { Alert, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import {
  measureCreateSchema,
  measureFamilyLabels,
  measureUpdateSchema,
  type CasePlan,
  type Measure,
  type MeasureType,
} from '../../../../shared/contract/measures';
import { riskTypeLabels, type RiskType } from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, notifySuccess, zodFieldErrors } from '../../components/formErrors';
import { yuanText } from '../../components/money';
import { readYuan } from '../../../../shared/lib/money';
import { byFamily, refreshAfterMeasure } from './queries';
import { DateField } from '../../components/DateField';

export type MeasureDialogMode = { kind: 'add' } | { kind: 'edit'; measure: Measure };

interface Props {
  mode: MeasureDialogMode | null;
  plan: CasePlan;
  types: readonly MeasureType[];
  today: string;
  onClose: () => void;
}

/** 添加措施 / 修改措施 of one case's plan. */
export function MeasureDialog(props: Props) {
  const title = props.mode?.kind === 'edit' ? `修改措施：${props.mode.measure.typeName}` : '添加帮扶措施';
  return (
    <Modal opened={props.mode !== null} onClose={props.onClose} title={title} size="lg">
      {props.mode && <MeasureForm {...props} mode={props.mode} />}
    </Modal>
  );
}

interface Draft {
  measureTypeCode: string;
  riskTypes: RiskType[];
  responsibleUnit: string;
  helperName: string;
  plannedDate: string;
  doneDate: string;
  amount: string;
  note: string;
}

/** Risks of the case a type answers, in the case's order. */
function matchingRisks(type: MeasureType | undefined, openRisks: readonly RiskType[]): RiskType[] {
  if (!type) return [];
  return openRisks.filter((r) => type.riskTypes.includes(r));
}

function MeasureForm({ mode, plan, types, today, onClose }: Props & { mode: MeasureDialogMode }) {
  const queryClient = useQueryClient();
  const editing = mode.kind === 'edit' ? mode.measure : null;
  const done = editing?.status === 'done';
  const [draft, setDraft] = useState<Draft>(() =>
    editing
      ? {
          measureTypeCode: editing.measureTypeCode,
          riskTypes: [...editing.riskTypes],
          responsibleUnit: editing.responsibleUnit,
          helperName: editing.helperName ?? '',
          plannedDate: editing.plannedDate,
          doneDate: editing.doneDate ?? '',
          amount: yuanText(editing.amountFen),
          note: editing.note ?? '',
        }
      : {
          measureTypeCode: '',
          riskTypes: [],
          responsibleUnit: '',
          helperName: plan.defaultHelperName ?? '',
          plannedDate: today,
          doneDate: '',
          amount: '',
          note: '',
        },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  // Offered: active types, plus the measure's own type when it has since been switched off.
  const offered = types.filter((t) => t.active || t.code === editing?.measureTypeCode);
  const groups = byFamily(offered);
  const type = types.find((t) => t.code === draft.measureTypeCode);
  const answered = new Set(type?.riskTypes ?? []);
  // A measure may also answer a risk it already answered that is no longer open (kept as it was).
  const riskChoices: RiskType[] = [...plan.openRisks, ...(editing?.riskTypes ?? []).filter((r) => !plan.openRisks.includes(r))];

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k];
      return next;
    });
  };

  const save = useMutation({
    mutationFn: (input: { create: InputOf<'measures.create'> } | { update: InputOf<'measures.update'> }) =>
      'create' in input ? invoke('measures.create', input.create) : invoke('measures.update', input.update),
  });

  const submit = async () => {
    setFailure(null);
    const found: Record<string, string> = {};
    let amountFen: number | null = null;
    if (type?.hasAmount) {
      const parsed = readYuan(draft.amount);
      if (!parsed.ok) found.amount = parsed.error;
      else amountFen = parsed.fen;
    }
    if (done && draft.doneDate > today) found.doneDate = `落实日期不能晚于今天（${today}）`;

    let input: { create: InputOf<'measures.create'> } | { update: InputOf<'measures.update'> };
    if (!editing) {
      const create: InputOf<'measures.create'> = {
        caseId: plan.caseId,
        measureTypeCode: draft.measureTypeCode,
        riskTypes: draft.riskTypes,
        responsibleUnit: draft.responsibleUnit,
        helperName: draft.helperName,
        plannedDate: draft.plannedDate,
        note: draft.note,
        ...(type?.hasAmount ? { amountFen } : {}),
      };
      const checked = measureCreateSchema.safeParse(create);
      if (!checked.success) Object.assign(found, zodFieldErrors(checked.error));
      if (draft.measureTypeCode === '') found.measureTypeCode = '请选择措施类型';
      if (draft.riskTypes.length === 0) found.riskTypes = '请至少勾选一项这条措施针对的风险';
      input = { create };
    } else {
      // Only what changed; a done measure only its done date, amount and note.
      // The version the dialog opened on goes with the save: a newer one means someone else saved first.
      const update: InputOf<'measures.update'> = { id: editing.id, version: editing.version };
      if (!done) {
        if (draft.measureTypeCode !== editing.measureTypeCode) update.measureTypeCode = draft.measureTypeCode;
        if (draft.riskTypes.join() !== editing.riskTypes.join()) update.riskTypes = draft.riskTypes;
        if (draft.responsibleUnit.trim() !== editing.responsibleUnit) update.responsibleUnit = draft.responsibleUnit;
        if (draft.helperName.trim() !== (editing.helperName ?? '')) update.helperName = draft.helperName;
        if (draft.plannedDate !== editing.plannedDate) update.plannedDate = draft.plannedDate;
      } else if (draft.doneDate !== editing.doneDate) {
        update.doneDate = draft.doneDate;
      }
      if (type?.hasAmount && amountFen !== editing.amountFen) update.amountFen = amountFen;
      if (draft.note.trim() !== (editing.note ?? '')) update.note = draft.note;
      if (Object.keys(update).length === 2 && Object.keys(found).length === 0) {
        onClose();
        return;
      }
      const checked = measureUpdateSchema.safeParse(update);
      if (!checked.success) Object.assign(found, zodFieldErrors(checked.error));
      if (draft.riskTypes.length === 0) found.riskTypes = '请至少勾选一项这条措施针对的风险';
      input = { update };
    }
    if (found.amountFen) found.amount ??= found.amountFen;
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    try {
      const saved = await save.mutateAsync(input);
      await refreshAfterMeasure(queryClient);
      notifySuccess(editing ? `已修改措施“${saved.typeName}”` : `已添加措施“${saved.typeName}”`);
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
        <NativeSelect
          label="措施类型"
          required
          disabled={done}
          data-autofocus={!editing || undefined}
          description={type ? `${measureFamilyLabels[type.family]} · 代码 ${type.code}${type.hasAmount ? ' · 涉及资金' : ''}` : '按帮扶类别分组，来自帮扶措施目录'}
          data={[
            { value: '', label: '请选择' },
            ...groups.map((g) => ({
              group: g.label,
              items: g.types.map((t) => ({ value: t.code, label: t.active ? t.name : `${t.name}（已停用）` })),
            })),
          ]}
          value={draft.measureTypeCode}
          error={errors.measureTypeCode}
          onChange={(e) => {
            const code = e.currentTarget.value;
            const next = types.find((t) => t.code === code);
            // A new choice of type ticks the case's risks it answers (the clerk may change them).
            set({ measureTypeCode: code, riskTypes: matchingRisks(next, plan.openRisks), ...(next?.hasAmount ? {} : { amount: '' }) });
          }}
        />
        {riskChoices.length === 0 ? (
          <Alert color="orange" variant="light">
            该监测对象目前没有未消除的风险，无需添加措施。如需添加，请先在监测对象页补充风险类型。
          </Alert>
        ) : (
          <Checkbox.Group
            label="对应风险"
            description="这条措施针对该户的哪些风险（只列出该户未消除的风险；带 ✓ 的是所选措施类型对应的风险）"
            required
            value={draft.riskTypes}
            error={errors.riskTypes}
            onChange={(v) => set({ riskTypes: riskChoices.filter((r) => v.includes(r)) })}
          >
            <Group gap="md" mt={6}>
              {riskChoices.map((r) => (
                <Checkbox
                  key={r}
                  value={r}
                  disabled={done}
                  label={`${riskTypeLabels[r]}${answered.has(r) ? ' ✓' : ''}`}
                  aria-label={riskTypeLabels[r]}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="责任单位"
            required
            disabled={done}
            placeholder="如：县人社局、乡卫生院"
            value={draft.responsibleUnit}
            error={errors.responsibleUnit}
            onChange={(e) => set({ responsibleUnit: e.currentTarget.value })}
          />
          <TextInput
            label="帮扶人"
            disabled={done}
            placeholder="帮扶责任人姓名"
            value={draft.helperName}
            error={errors.helperName}
            onChange={(e) => set({ helperName: e.currentTarget.value })}
          />
          <DateField
            label="计划日期"
            required
            disabled={done}
            value={draft.plannedDate}
            error={errors.plannedDate}
            onChange={(value) => set({ plannedDate: value })}
          />
          {done ? (
            <DateField
              label="落实日期"
              required
              max={today}
              value={draft.doneDate}
              error={errors.doneDate}
              onChange={(value) => set({ doneDate: value })}
            />
          ) : type?.hasAmount ? (
            <AmountInput value={draft.amount} error={errors.amount} onChange={(amount) => set({ amount })} />
          ) : (
            <div />
          )}
          {done && type?.hasAmount && <AmountInput value={draft.amount} error={errors.amount} onChange={(amount) => set({ amount })} />}
        </SimpleGrid>
        <TextInput
          label="备注"
          placeholder="可不填"
          value={draft.note}
          error={errors.note}
          onChange={(e) => set({ note: e.currentTarget.value })}
        />
        {done && (
          <Text size="xs" c="dimmed">
            该措施已落实，只能更正落实日期、金额和备注。
          </Text>
        )}
        <FormFooter failure={failure} submitLabel={editing ? '保存修改' : '添加措施'} busy={save.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}

export function AmountInput({ value, error, onChange, label = '金额（元）' }: { value: string; error?: string; onChange: (v: string) => void; label?: string }) {
  return (
    <TextInput
      label={label}
      inputMode="decimal"
      placeholder="如：3000 或 1200.50"
      description="按元填写，精确到分"
      rightSection={<Text size="xs" c="dimmed">元</Text>}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
