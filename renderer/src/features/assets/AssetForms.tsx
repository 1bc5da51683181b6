import { Button, Group, NativeSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AssetDetail, IncomePlan } from '../../../../shared/contract/assets';
import { assetEventKindLabels, assetEventKinds, nextPlanStep, planStepLabels, type AssetEventKind } from '../../../../shared/domain/assets';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField, formDate } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import { fenOf, refreshAssets, refusal } from './queries';

const names = (s: string) => s.split(/[、,，\s]+/).map((x) => x.trim()).filter(Boolean);

/** 年度收益 / 管护支出 / 处置 (处置 needs the decision and says why). */
export function EventForm({ assetId, onClose }: { assetId: string; onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { kind: 'income' as AssetEventKind, date: today, amount: '', decision: '', note: '' } });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const money = readYuan(v.amount, { label: '金额', maxFen: 100_000_000_000 });
    if (!money.ok) return form.setFieldError('amount', money.error);
    try {
      await invoke('assets.addEvent', { assetId, kind: v.kind, date: v.date, amountFen: money.fen ?? 0, decision: v.decision, note: v.note });
      notifySuccess(`已登记${assetEventKindLabels[v.kind]}`);
      await refreshAssets(queryClient);
      onClose();
    } catch (err) {
      const r = refusal(err);
      form.setErrors({ ...r.fields, amount: r.fields.amountFen });
      setFailure(r.message);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NativeSelect label="事项" data={assetEventKinds.map((k) => ({ value: k, label: assetEventKindLabels[k] }))} {...form.getInputProps('kind')} />
        <DateField label="日期" required {...formDate(form.getInputProps('date'))} />
        <TextInput label={form.values.kind === 'disposal' ? '处置收入（元）' : '金额（元）'} data-autofocus {...form.getInputProps('amount')} />
        {form.values.kind === 'disposal' && <TextInput label="处置决定（会议或批复文号）" {...form.getInputProps('decision')} />}
        <Textarea label={form.values.kind === 'disposal' ? '处置原因和方式' : '说明'} autosize minRows={1} {...form.getInputProps('note')} />
        <FormFooter failure={failure} submitLabel="登记" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}

interface Line {
  memberId: string;
  label: string;
  basis: string;
  amount: string;
}

/** 村集体制定: the year's plan, one line per household paid to its 户主, within the year's income. */
export function PlanForm({ asset, onClose }: { asset: AssetDetail; onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const villageId = asset.villageId ?? office.data?.villages[0]?.id ?? '';
  const [q, setQ] = useState('');
  const candidates = useQuery({ ...apiQuery('posts.candidates', { villageId, q }), enabled: villageId !== '' });
  const [lines, setLines] = useState<Line[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { year: String(Number(today.slice(0, 4))), title: '', date: today, people: '' } });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const out = [];
    for (const l of lines) {
      const f = fenOf(l.amount, `${l.label} 的分配金额`);
      if ('error' in f) return setFailure(f.error);
      out.push({ memberId: l.memberId, basis: l.basis, amountFen: f.fen });
    }
    try {
      await invoke('assets.createPlan', { assetId: asset.id, year: Number(v.year), title: v.title, date: v.date, people: names(v.people), lines: out });
      notifySuccess('收益分配方案已制定');
      await refreshAssets(queryClient);
      onClose();
    } catch (err) {
      const r = refusal(err);
      form.setErrors(r.fields);
      setFailure(r.message);
    }
  });
  const add = () => {
    const c = (candidates.data ?? []).find((x) => x.memberId === pick);
    if (c && !lines.some((l) => l.memberId === c.memberId)) setLines([...lines, { memberId: c.memberId, label: `${c.name}（${c.householdCode}）`, basis: '1 份', amount: '' }]);
    setPick(null);
  };
  const set = (i: number, patch: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow>
          <TextInput label="年度" {...form.getInputProps('year')} />
          <DateField label="制定日期" required {...formDate(form.getInputProps('date'))} />
        </Group>
        <TextInput label="方案名称" placeholder="例如 2026 年食用菌大棚收益分配" data-autofocus {...form.getInputProps('title')} />
        <TextInput label="参加人员" description="用顿号或空格分隔" {...form.getInputProps('people')} />
        <Text size="sm" c="dimmed">
          分配对象按户，发到户主的账户；整户无劳动能力的户可多分，有劳动能力的户宜引导务工或公益岗。
        </Text>
        <Group align="flex-end" grow>
          <TextInput label="查找户主" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <Select label="分配对象" data={(candidates.data ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（户编号 ${c.householdCode}）` }))} value={pick} onChange={setPick} searchable />
          <Button variant="light" onClick={add} disabled={!pick}>
            加入
          </Button>
        </Group>
        {lines.map((l, i) => (
          <Group key={l.memberId} grow align="flex-end">
            <Text size="sm">{l.label}</Text>
            <TextInput aria-label="分配依据" value={l.basis} onChange={(e) => set(i, { basis: e.currentTarget.value })} />
            <TextInput aria-label="金额（元）" placeholder="金额（元）" value={l.amount} onChange={(e) => set(i, { amount: e.currentTarget.value })} />
            <Button variant="subtle" color="red" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
              移除
            </Button>
          </Group>
        ))}
        <FormFooter failure={failure} submitLabel="制定方案" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** The plan's next step; 村内公示 carries its end date (its minimum length is a setting). */
export function PlanStepForm({ plan, onClose }: { plan: IncomePlan; onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const step = nextPlanStep(plan.status)!;
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { date: today, people: '', docNo: '', noticeEnd: '' } });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await invoke('assets.planStep', { planId: plan.id, version: plan.version, step, date: v.date, people: names(v.people), docNo: v.docNo, noticeEnd: step === 'villageNotice' ? v.noticeEnd : null });
      notifySuccess(`已办理「${planStepLabels[step]}」`);
      await refreshAssets(queryClient);
      onClose();
    } catch (err) {
      const r = refusal(err);
      form.setErrors(r.fields);
      setFailure(r.message);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{planStepLabels[step]}</Text>
        <DateField label="日期" required {...formDate(form.getInputProps('date'))} />
        <TextInput label="参加人员" description="用顿号或空格分隔" data-autofocus {...form.getInputProps('people')} />
        <TextInput label="文号（如有）" {...form.getInputProps('docNo')} />
        {step === 'villageNotice' && <DateField label="公示截止日期" {...formDate(form.getInputProps('noticeEnd'))} />}
        <FormFooter failure={failure} submitLabel="办理" busy={form.submitting} onCancel={onClose} />
      </Stack>
    </form>
  );
}

/** After 村内公示 ends: the plan becomes a 收益分配 payment list. */
export function PayPlanButton({ plan }: { plan: IncomePlan }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function pay() {
    setBusy(true);
    setFailure(null);
    try {
      const r = await invoke('assets.payPlan', { planId: plan.id, version: plan.version });
      await refreshAssets(queryClient);
      void navigate(`/payments/${r.listId}`);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button size="xs" onClick={() => void pay()} loading={busy}>
        生成发放清册
      </Button>
      {failure && (
        <Text size="xs" c="red">
          {failure}
        </Text>
      )}
    </>
  );
}
