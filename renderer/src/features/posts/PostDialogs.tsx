import { Modal, NativeSelect, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Appointment, Post } from '../../../../shared/contract/posts';
import { agreementTypeLabels, agreementTypes, hiringStepLabels, nextHiringStep, type AgreementType, type HiringStep } from '../../../../shared/domain/posts';
import { addDays, addMonths } from '../../../../shared/lib/dates';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';
import { yuanText } from '../../components/money';
import { DateField } from '../../components/DateField';
import { YearlySettingsForm, type YearlyBasis } from '../../components/YearlySettingsForm';

// The dialogs of 公益性岗位: a post, 公告, 申报, a hiring step, 退岗 and the yearly settings. Each
// shows the core's refusal beside the field it names, and keeps what was typed.

function useRefresh() {
  const queryClient = useQueryClient();
  return () => invalidateChannels(queryClient, 'posts.list', 'posts.appointments', 'posts.monthGrid');
}

function warn(warnings: readonly string[]) {
  for (const w of warnings) notifications.show({ color: 'yellow', title: '请注意', message: w, autoClose: false });
}

type Errors = Record<string, string>;

function useSubmit(run: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      await run();
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, errors, submit, setFailure };
}

// ---------------------------------------------------------------- 岗位

export function PostModal({ post, villageId, opened, onClose }: { post: Post | null; villageId: string; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={post ? `编辑岗位：${post.name}` : '新设公益性岗位'} size="lg">
      {opened && <PostForm post={post} villageId={villageId} onClose={onClose} />}
    </Modal>
  );
}

function PostForm({ post, villageId, onClose }: { post: Post | null; villageId: string; onClose: () => void }) {
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const refresh = useRefresh();
  const [v, setV] = useState({
    name: post?.name ?? '',
    postType: post?.postType ?? '',
    category: post?.category ?? '普通',
    funding: post?.funding ?? '',
    employer: post?.employer ?? '',
    subsidy: yuanText(post?.subsidyFen),
    minDays: post?.minDays ?? 3,
    places: post?.places ?? 1,
  });
  const set = (k: keyof typeof v) => (value: string | number) => setV((s) => ({ ...s, [k]: value }));
  const { busy, failure, errors, submit, setFailure } = useSubmit(async () => {
    const money = readYuan(v.subsidy, { label: '补贴标准' });
    if (!money.ok || money.fen === null) {
      setFailure(money.ok ? '请填写补贴标准（元/月）' : money.error);
      return;
    }
    await invoke('posts.save', {
      ...(post ? { id: post.id, version: post.version } : {}),
      villageId: post?.villageId ?? villageId,
      name: v.name,
      postType: v.postType,
      category: v.category,
      funding: v.funding,
      employer: v.employer,
      subsidyFen: money.fen,
      minDays: Number(v.minDays),
      places: Number(v.places),
      active: true,
    });
    notifications.show({ color: 'green', title: '已保存', message: `岗位「${v.name}」已保存` });
    await refresh();
    onClose();
  });
  const c = catalog.data;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput label="岗位名称" placeholder="例如 坪埠村保洁员" value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} data-autofocus />
        <Select label="岗位类型" data={c?.postTypes ?? []} value={v.postType || null} onChange={(x) => set('postType')(x ?? '')} error={errors.postType} searchable placeholder="请选择" />
        <NativeSelect label="岗位类别" data={c?.categories ?? []} value={v.category} onChange={(e) => set('category')(e.currentTarget.value)} error={errors.category} />
        <Select label="资金渠道" data={c?.fundings ?? []} value={v.funding || null} onChange={(x) => set('funding')(x ?? '')} error={errors.funding} placeholder="请选择" />
        <TextInput label="用人单位（可不填）" value={v.employer} onChange={(e) => set('employer')(e.currentTarget.value)} error={errors.employer} />
        <TextInput label="补贴标准（元/月）" value={v.subsidy} onChange={(e) => set('subsidy')(e.currentTarget.value)} error={errors.subsidyFen} />
        <NumberInput label="最低出勤天数（每月）" min={0} max={31} value={v.minDays} onChange={(x) => set('minDays')(Number(x))} error={errors.minDays} />
        <NumberInput label="岗位数（名额）" min={1} max={200} value={v.places} onChange={(x) => set('places')(Number(x))} error={errors.places} />
        <FormFooter failure={failure} submitLabel="保存" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 公告

export function AnnounceModal({ post, onClose }: { post: Post | null; onClose: () => void }) {
  const today = useToday();
  const refresh = useRefresh();
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const { busy, failure, errors, submit } = useSubmit(async () => {
    await invoke('posts.announce', { id: post!.id, date, note });
    notifications.show({ color: 'green', title: '已登记公告', message: `岗位「${post!.name}」可以受理申报了` });
    await refresh();
    onClose();
  });
  return (
    <Modal opened={post !== null} onClose={onClose} title={post ? `发布招聘公告：${post.name}` : ''}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <DateField label="公告日期" value={date} onChange={setDate} error={errors.date} />
          <Textarea label="公告内容（条件、名额、报酬，可不填）" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} autosize minRows={2} />
          <FormFooter failure={failure} submitLabel="登记公告" busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

// ---------------------------------------------------------------- 申报

export function ApplyModal({ post, onClose }: { post: Post | null; onClose: () => void }) {
  return (
    <Modal opened={post !== null} onClose={onClose} title={post ? `受理申报：${post.name}` : ''} size="lg">
      {post && <ApplyForm post={post} onClose={onClose} />}
    </Modal>
  );
}

function ApplyForm({ post, onClose }: { post: Post; onClose: () => void }) {
  const today = useToday();
  const refresh = useRefresh();
  const [q, setQ] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const candidates = useQuery(apiQuery('posts.candidates', { villageId: post.villageId, q }));
  const { busy, failure, errors, submit, setFailure } = useSubmit(async () => {
    if (!memberId) {
      setFailure('请先在列表中选择申报人');
      return;
    }
    const r = await invoke('posts.apply', { postId: post.id, memberId, date });
    warn(r.warnings);
    notifications.show({ color: 'green', title: '已受理申报', message: '下一步：村评议' });
    await refresh();
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput label="查找本村人员" description="输入姓名、身份证号或户编号的一部分" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus />
        <Select
          label="申报人"
          data={(candidates.data ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（${c.age} 岁，户编号 ${c.householdCode}）` }))}
          value={memberId}
          onChange={setMemberId}
          error={errors.memberId}
          placeholder={candidates.data?.length === 0 ? '没有找到，请换个关键字' : '请选择'}
          searchable
        />
        <DateField label="申报日期" value={date} onChange={setDate} error={errors.date} />
        <FormFooter failure={failure} submitLabel="受理申报" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 办理步骤

export function StepModal({ appointment, onClose }: { appointment: Appointment | null; onClose: () => void }) {
  const step = appointment ? nextHiringStep(appointment.status) : null;
  return (
    <Modal opened={appointment !== null && step !== null} onClose={onClose} title={appointment && step ? `${appointment.name}：办理「${hiringStepLabels[step]}」` : ''} size="lg">
      {appointment && step && <StepForm appointment={appointment} step={step} onClose={onClose} />}
    </Modal>
  );
}

function StepForm({ appointment, step, onClose }: { appointment: Appointment; step: HiringStep; onClose: () => void }) {
  const today = useToday();
  const refresh = useRefresh();
  const settings = useQuery(apiQuery('posts.settings', {}));
  const noticeDays = settings.data?.inForce.noticeDays ?? 3;
  const [date, setDate] = useState(today);
  const [people, setPeople] = useState('');
  const [outcome, setOutcome] = useState<'passed' | 'rejected'>('passed');
  const [note, setNote] = useState('');
  const [noticeStart, setNoticeStart] = useState(today);
  const [noticeEnd, setNoticeEnd] = useState(addDays(today, noticeDays - 1));
  const [agreementType, setAgreementType] = useState<AgreementType>('service');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(addDays(addMonths(today, 12), -1));
  const canReject = step !== 'sign' && step !== 'onDuty';
  const { busy, failure, errors, submit } = useSubmit(async () => {
    const r = await invoke('posts.recordStep', {
      id: appointment.id,
      version: appointment.version,
      step: step as Exclude<HiringStep, 'apply'>,
      date,
      outcome,
      people: people.split(/[，,、\s]+/).filter((p) => p !== ''),
      note,
      ...(step === 'notice' ? { noticeStart, noticeEnd } : {}),
      ...(step === 'sign' ? { agreementType, startDate, endDate } : {}),
    });
    warn(r.warnings);
    notifications.show({ color: 'green', title: '已办理', message: `${appointment.name}：${hiringStepLabels[step]}${outcome === 'passed' ? '通过' : '不通过'}` });
    await refresh();
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <DateField label="办理日期" value={date} onChange={setDate} error={errors.date} data-autofocus />
        <TextInput label="经办人 / 参加人员" description="多人用顿号或逗号分开" value={people} onChange={(e) => setPeople(e.currentTarget.value)} error={errors.people} />
        {canReject && (
          <NativeSelect label="结果" data={[{ value: 'passed', label: '通过' }, { value: 'rejected', label: '不通过（结束此申报）' }]} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as 'passed' | 'rejected')} />
        )}
        {step === 'notice' && outcome === 'passed' && (
          <>
            <DateField label="公示开始日期" value={noticeStart} onChange={setNoticeStart} error={errors.noticeStart} />
            <DateField label={`公示结束日期（至少 ${noticeDays} 天）`} value={noticeEnd} onChange={setNoticeEnd} error={errors.noticeEnd} />
          </>
        )}
        {step === 'sign' && (
          <>
            <NativeSelect label="协议类型" data={agreementTypes.map((t) => ({ value: t, label: agreementTypeLabels[t] }))} value={agreementType} onChange={(e) => setAgreementType(e.currentTarget.value as AgreementType)} error={errors.agreementType} />
            <DateField label="协议开始日期" value={startDate} onChange={setStartDate} error={errors.startDate} />
            <DateField label="协议结束日期（每次最长一年）" value={endDate} onChange={setEndDate} error={errors.endDate} />
          </>
        )}
        <Textarea label="备注（可不填）" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <FormFooter failure={failure} submitLabel="办理" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 退岗

export function LeaveModal({ appointment, onClose }: { appointment: Appointment | null; onClose: () => void }) {
  return (
    <Modal opened={appointment !== null} onClose={onClose} title={appointment ? `办理退岗：${appointment.name}（${appointment.postName}）` : ''}>
      {appointment && <LeaveForm appointment={appointment} onClose={onClose} />}
    </Modal>
  );
}

function LeaveForm({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const today = useToday();
  const refresh = useRefresh();
  const catalog = useQuery(apiQuery('posts.catalog', {}));
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { busy, failure, errors, submit } = useSubmit(async () => {
    await invoke('posts.leave', { id: appointment.id, version: appointment.version, date, reason, note });
    notifications.show({ color: 'green', title: '已退岗', message: `${appointment.name} 于 ${date} 退岗` });
    await refresh();
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <DateField label="退岗日期" value={date} onChange={setDate} error={errors.date} data-autofocus />
        <NativeSelect label="退岗原因" data={[{ value: '', label: '请选择' }, ...(catalog.data?.leaveReasons ?? [])]} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Textarea label="说明（可不填）" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <FormFooter failure={failure} submitLabel="办理退岗" danger busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 公益岗设置

export function SettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="公益岗设置（按年度）" size="md">
      {opened && <SettingsForm onClose={onClose} />}
    </Modal>
  );
}

function SettingsForm({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const queryClient = useQueryClient();
  const settings = useQuery(apiQuery('posts.settings', {}));
  const year = Number(today.slice(0, 4));
  const saved = settings.data?.saved.find((s) => s.year === year);
  const base = saved ?? settings.data?.inForce;
  const [v, setV] = useState<Record<string, number> | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const values = v ?? (base ? { minAge: base.minAge, maxAgeMale: base.maxAgeMale, maxAgeFemale: base.maxAgeFemale, warnAge: base.warnAge, noticeDays: base.noticeDays, maxTermMonths: base.maxTermMonths } : null);
  if (!values || !base) return null;
  const basis: YearlyBasis = saved ? { kind: 'saved' } : settings.data?.inForce.source === 'default' ? { kind: 'default' } : { kind: 'inherited', fromYear: base.year };
  const save = async () => {
    setErrors({});
    await invoke('posts.saveSettings', { year, version: saved?.version ?? null, minAge: values.minAge!, maxAgeMale: values.maxAgeMale!, maxAgeFemale: values.maxAgeFemale!, warnAge: values.warnAge!, noticeDays: values.noticeDays!, maxTermMonths: values.maxTermMonths! });
    await invalidateChannels(queryClient, 'posts.settings');
  };
  const field = (key: string, label: string, min: number, max: number) => (
    <NumberInput label={label} min={min} max={max} value={values[key]} onChange={(x) => setV({ ...values, [key]: Number(x) })} error={errors[key]} />
  );
  return (
    <YearlySettingsForm what="公益岗设置" year={year} basis={basis} framed={false} onSave={save} onFieldErrors={setErrors} onCancel={onClose} onSaved={onClose} reloadKey={['posts.settings']}>
      {field('minAge', '最低年龄（周岁）', 14, 30)}
      {field('maxAgeMale', '男性年龄上限（周岁）', 40, 80)}
      {field('maxAgeFemale', '女性年龄上限（周岁）', 40, 80)}
      {field('warnAge', '聘用提醒年龄（周岁，国家规则为 70）', 50, 90)}
      {field('noticeDays', '拟聘公示天数', 1, 30)}
      {field('maxTermMonths', '协议每次最长（月）', 1, 12)}
    </YearlySettingsForm>
  );
}
