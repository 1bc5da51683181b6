import { Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import type { Spell } from '../../../../shared/contract/employment';
import {
  derivedMonthsInYear,
  jobChannelLabels,
  jobChannels,
  spellSourceLabels,
  spellSources,
  workAreaLabels,
  workAreas,
  type JobChannel,
  type SpellSource,
  type WorkArea,
} from '../../../../shared/domain/employment';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { applyApiError, errorMessage, isStaleSave, notifySuccess, schemaErrors } from '../../components/formErrors';
import { yuanText } from '../../components/money';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { refreshAfterSpell } from './queries';
import { DateField } from '../../components/DateField';

/** Who the dialog records for: a new spell of one of `members`, or a correction of `spell`. */
export interface SpellTarget {
  members: readonly { id: string; name: string }[];
  spell?: Spell;
  /** Prefill of a new spell (the 摸排 checklist passes the last known one). */
  from?: Spell | null;
  source?: SpellSource;
  surveyRoundId?: string;
}

interface Values {
  memberId: string;
  place: string;
  area: WorkArea | '';
  abroad: boolean;
  province: string;
  city: string;
  employer: string;
  job: string;
  industry: string;
  startDate: string;
  endDate: string;
  months: string;
  monthlyIncome: string;
  channel: JobChannel | '';
  source: SpellSource;
  workPhone: string;
  note: string;
}

function initial(t: SpellTarget, today: string): Values {
  const s = t.spell ?? t.from ?? null;
  const editing = t.spell !== undefined;
  return {
    memberId: t.spell?.memberId ?? t.members[0]?.id ?? '',
    place: s?.place ?? '',
    area: s?.area ?? '',
    abroad: s?.abroad ?? false,
    province: s?.province ?? '',
    city: s?.city ?? '',
    employer: s?.employer ?? '',
    job: s?.job ?? '',
    industry: s?.industry ?? '',
    startDate: editing ? s!.startDate : today,
    endDate: editing ? (s!.endDate ?? '') : '',
    months: editing && s!.months !== null ? String(s!.months) : '',
    monthlyIncome: s ? yuanText(s.monthlyIncomeFen) : '',
    channel: s?.channel ?? '',
    source: editing ? s!.source : (t.source ?? 'visit'),
    workPhone: s?.workPhone ?? '',
    note: editing ? (s!.note ?? '') : '',
  };
}

function toInput(v: Values, t: SpellTarget, year: number, version?: number): InputOf<'employment.saveSpell'> {
  const income = readYuan(v.monthlyIncome, { label: '月收入' });
  return {
    ...(t.spell ? { id: t.spell.id, version: version ?? t.spell.version } : {}),
    ...(t.surveyRoundId ? { surveyRoundId: t.surveyRoundId } : {}),
    memberId: v.memberId,
    place: v.place,
    area: v.area as WorkArea,
    abroad: v.abroad,
    province: v.province,
    city: v.city,
    employer: v.employer,
    job: v.job,
    industry: v.industry,
    startDate: v.startDate,
    endDate: v.endDate === '' ? null : v.endDate,
    months: v.months.trim() === '' ? null : Number(v.months),
    monthsYear: v.months.trim() === '' ? null : year,
    monthlyIncomeFen: income.ok ? (income.fen ?? Number.NaN) : Number.NaN,
    channel: v.channel as JobChannel,
    source: v.source,
    workPhone: v.workPhone,
    note: v.note,
  };
}

const options = <K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, blank?: string) => [
  ...(blank ? [{ value: '', label: blank }] : []),
  ...keys.map((k) => ({ value: k, label: labels[k] })),
];

export function SpellDialog({ target, today, onClose }: { target: SpellTarget | null; today: string; onClose: () => void }) {
  const title = target?.spell ? `修改务工记录：${target.spell.memberName}` : '登记务工记录';
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size="lg">
      {target && <SpellForm target={target} today={today} onClose={onClose} />}
    </Modal>
  );
}

function SpellForm({ target, today, onClose }: { target: SpellTarget; today: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const year = Number(today.slice(0, 4));
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [version, setVersion] = useState(target.spell?.version);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: initial(target, today),
    validate: (v) => {
      const errors = schemaErrors(channels['employment.saveSpell'].input, toInput(v, target, year), (p) => (p === 'monthlyIncomeFen' ? 'monthlyIncome' : p));
      const income = readYuan(v.monthlyIncome, { label: '月收入' });
      if (!income.ok) errors.monthlyIncome = income.error;
      else if (income.fen === null) errors.monthlyIncome = '请填写月收入（元），不清楚请填 0';
      if (!errors.startDate && v.startDate > today) errors.startDate = `开始日期不能晚于今天（${today}）`;
      if (v.months.trim() !== '' && !/^\d{1,2}$/.test(v.months.trim())) errors.months = '务工月数请填 0–12 的整数，留空则按起止日期计算';
      return errors;
    },
  });
  const v = form.values;
  const derived = /^\d{4}-\d{2}-\d{2}$/.test(v.startDate) ? derivedMonthsInYear(v.startDate, v.endDate === '' ? null : v.endDate, year, today) : null;

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setStale(null);
    setBusy(true);
    try {
      const saved = await invoke('employment.saveSpell', toInput(values, target, year, version));
      notifySuccess(saved.measureNote ? `${saved.memberName} 的务工记录已保存。${saved.measureNote}` : `${saved.memberName} 的务工记录已保存`);
      await refreshAfterSpell(queryClient);
      onClose();
    } catch (err) {
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setFailure(applyApiError(form, err, (p) => (p === 'monthlyIncomeFen' ? 'monthlyIncome' : p)));
    } finally {
      setBusy(false);
    }
  });

  const reload = async () => {
    if (!target.spell) return;
    const latest = (await invoke('employment.forHousehold', { householdId: target.spell.householdId })).spells.find((s) => s.id === target.spell!.id);
    if (!latest) return;
    form.setValues(initial({ ...target, spell: latest }, today));
    setVersion(latest.version);
    setStale(null);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {!target.spell && target.members.length > 1 && (
          <NativeSelect label="成员" data={target.members.map((m) => ({ value: m.id, label: m.name }))} {...form.getInputProps('memberId')} />
        )}
        <SimpleGrid cols={2}>
          <TextInput label="务工所在地" required description="写到县/区，例如 广东省东莞市长安镇" {...form.getInputProps('place')} />
          <NativeSelect label="务工地域" required data={options(workAreas, workAreaLabels, '请选择…')} {...form.getInputProps('area')} />
          <TextInput label="省份" {...form.getInputProps('province')} />
          <TextInput label="城市" {...form.getInputProps('city')} />
          <TextInput label="务工企业名称" {...form.getInputProps('employer')} />
          <TextInput label="岗位/工种" {...form.getInputProps('job')} />
          <TextInput label="行业" {...form.getInputProps('industry')} />
          <NativeSelect label="就业渠道" required data={options(jobChannels, jobChannelLabels, '请选择…')} {...form.getInputProps('channel')} />
          <DateField label="开始日期" required max={today} value={form.values.startDate} error={form.errors.startDate} onChange={(v) => form.setFieldValue('startDate', v)} />
          <DateField label="结束日期" description="仍在务工请留空" value={form.values.endDate} error={form.errors.endDate} onChange={(v) => form.setFieldValue('endDate', v)} />
          <TextInput label="月收入（元）" required inputMode="decimal" rightSection="元" {...form.getInputProps('monthlyIncome')} />
          <TextInput
            label={`${year} 年务工时间（月）`}
            inputMode="numeric"
            placeholder={derived === null ? '' : String(derived)}
            description={derived === null ? '按起止日期计算' : `按起止日期计算为 ${derived} 个月；不同请填写`}
            {...form.getInputProps('months')}
          />
          <NativeSelect label="信息来源" data={options(spellSources, spellSourceLabels)} {...form.getInputProps('source')} />
          <TextInput label="务工联系电话" inputMode="tel" description="11 位手机号" {...form.getInputProps('workPhone')} />
        </SimpleGrid>
        <Group>
          <Checkbox label="国外务工" {...form.getInputProps('abroad', { type: 'checkbox' })} />
        </Group>
        <Textarea label="备注" autosize minRows={1} maxRows={3} {...form.getInputProps('note')} />
        {target.surveyRoundId && (
          <Text size="xs" c="dimmed">
            保存后此人在本轮摸排中记为“已登记变化”。
          </Text>
        )}
        {stale && <StaleSaveAlert message={stale} onReload={() => void reload()} />}
        <FormFooter failure={failure} submitLabel="保存" onCancel={onClose} busy={busy} />
      </Stack>
    </form>
  );
}
