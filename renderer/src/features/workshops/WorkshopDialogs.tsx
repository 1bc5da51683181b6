import { Modal, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Workshop } from '../../../../shared/contract/workshops';
import { workshopFormLabels, workshopForms, workshopStateLabels, workshopStates, workshopTypeLabels, workshopTypes, type WorkshopState } from '../../../../shared/domain/workshops';
import { readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { DateField } from '../../components/DateField';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';
import { yuanText } from '../../components/money';

// The dialogs of 帮扶车间: the workshop itself, a quarterly monitoring check, and a person added to
// the roster. The core checks everything again; its refusal shows beside the field it names.

type Errors = Record<string, string>;

function useSubmit(run: () => Promise<void>) {
  const queryClient = useQueryClient();
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
      await invalidateChannels(queryClient, 'workshops.list', 'workshops.get', 'workshops.ledger', 'employment.migrantLedger');
    } catch (err) {
      setErrors(apiFieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, errors, submit, setFailure };
}

function done(message: string) {
  notifications.show({ color: 'green', title: '已保存', message });
}

// ---------------------------------------------------------------- 车间

export function WorkshopModal({ workshop, opened, onClose, onSaved }: { workshop: Workshop | null; opened: boolean; onClose: () => void; onSaved?: (w: Workshop) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={workshop ? `编辑帮扶车间：${workshop.name}` : '登记帮扶车间'} size="xl">
      {opened && <WorkshopForm workshop={workshop} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function WorkshopForm({ workshop, onClose, onSaved }: { workshop: Workshop | null; onClose: () => void; onSaved?: ((w: Workshop) => void) | undefined }) {
  const today = useToday();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const [v, setV] = useState({
    name: workshop?.name ?? '',
    creditCode: workshop?.creditCode ?? '',
    form: workshop?.form ?? 'cooperative',
    kind: workshop?.kind ?? 'factory',
    villageId: workshop?.villageId ?? '',
    legalPerson: workshop?.legalPerson ?? '',
    products: workshop?.products ?? '',
    recognitionNo: workshop?.recognitionNo ?? '',
    recognizedOn: workshop?.recognizedOn ?? '',
    insurer: workshop?.insurer ?? '',
    insurance: yuanText(workshop?.insuranceFen),
    insuranceUntil: workshop?.insuranceUntil ?? '',
    note: workshop?.note ?? '',
  });
  const set = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const { busy, failure, errors, submit, setFailure } = useSubmit(async () => {
    const money = readYuan(v.insurance, { label: '意外险保费' });
    if (!money.ok) {
      setFailure(money.error);
      return;
    }
    const saved = await invoke('workshops.save', {
      ...(workshop ? { id: workshop.id, version: workshop.version } : {}),
      name: v.name,
      creditCode: v.creditCode,
      form: v.form,
      kind: v.kind,
      villageId: v.villageId,
      legalPerson: v.legalPerson,
      products: v.products,
      recognitionNo: v.recognitionNo,
      recognizedOn: v.recognizedOn === '' ? null : v.recognizedOn,
      insurer: v.insurer,
      insuranceFen: money.fen,
      insuranceUntil: v.insuranceUntil === '' ? null : v.insuranceUntil,
      note: v.note,
    });
    done(`帮扶车间"${saved.name}"已保存`);
    onClose();
    onSaved?.(saved);
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="车间名称" required value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} data-autofocus />
          <TextInput label="统一社会信用代码" description="18 位，见营业执照；没有可留空" value={v.creditCode} onChange={(e) => set('creditCode')(e.currentTarget.value)} error={errors.creditCode} />
          <NativeSelect label="经营形式" data={workshopForms.map((f) => ({ value: f, label: workshopFormLabels[f] }))} value={v.form} onChange={(e) => set('form')(e.currentTarget.value)} error={errors.form} />
          <NativeSelect label="车间类型" data={workshopTypes.map((t) => ({ value: t, label: workshopTypeLabels[t] }))} value={v.kind} onChange={(e) => set('kind')(e.currentTarget.value)} error={errors.kind} />
          <NativeSelect
            label="所在村"
            required
            data={[{ value: '', label: '请选择' }, ...villages.map((x) => ({ value: x.id, label: x.name }))]}
            value={v.villageId}
            onChange={(e) => set('villageId')(e.currentTarget.value)}
            error={errors.villageId}
          />
          <TextInput label="法人代表" value={v.legalPerson} onChange={(e) => set('legalPerson')(e.currentTarget.value)} error={errors.legalPerson} />
          <TextInput label="认定文号" description="县人社、乡村振兴部门认定；未认定请留空" value={v.recognitionNo} onChange={(e) => set('recognitionNo')(e.currentTarget.value)} error={errors.recognitionNo} />
          <DateField label="认定日期" max={today} value={v.recognizedOn} onChange={set('recognizedOn')} error={errors.recognizedOn} />
          <TextInput label="意外险承保单位" value={v.insurer} onChange={(e) => set('insurer')(e.currentTarget.value)} error={errors.insurer} />
          <TextInput label="意外险保费（元/人/月）" inputMode="decimal" value={v.insurance} onChange={(e) => set('insurance')(e.currentTarget.value)} error={errors.insuranceFen} />
          <DateField label="意外险到期日" value={v.insuranceUntil} onChange={set('insuranceUntil')} error={errors.insuranceUntil} />
          <TextInput label="生产项目" value={v.products} onChange={(e) => set('products')(e.currentTarget.value)} error={errors.products} />
        </SimpleGrid>
        <Textarea label="备注" autosize minRows={2} value={v.note} onChange={(e) => set('note')(e.currentTarget.value)} error={errors.note} />
        <FormFooter failure={failure} submitLabel="保存" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 季度监测

export function CheckModal({ workshop, onClose }: { workshop: Workshop | null; onClose: () => void }) {
  return (
    <Modal opened={workshop !== null} onClose={onClose} title={workshop ? `季度监测检查：${workshop.name}` : ''}>
      {workshop && <CheckForm workshop={workshop} onClose={onClose} />}
    </Modal>
  );
}

function CheckForm({ workshop, onClose }: { workshop: Workshop; onClose: () => void }) {
  const today = useToday();
  const [checkedOn, setCheckedOn] = useState(today);
  const [state, setState] = useState<WorkshopState>(workshop.state);
  const [people, setPeople] = useState<number | ''>(workshop.staffNow);
  const [checker, setChecker] = useState('');
  const [note, setNote] = useState('');
  const { busy, failure, errors, submit } = useSubmit(async () => {
    await invoke('workshops.recordCheck', { workshopId: workshop.id, version: workshop.version, checkedOn, state, people: people === '' ? null : people, checker, note });
    done(`已登记"${workshop.name}"的监测检查`);
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <DateField label="检查日期" required max={today} value={checkedOn} onChange={setCheckedOn} error={errors.checkedOn} />
        <NativeSelect label="检查后的监测状态" data={workshopStates.map((s) => ({ value: s, label: workshopStateLabels[s] }))} value={state} onChange={(e) => setState(e.currentTarget.value as WorkshopState)} error={errors.state} />
        <NumberInput label="在岗人数" min={0} value={people} onChange={(x) => setPeople(typeof x === 'number' ? x : '')} error={errors.people} />
        <TextInput label="检查人" required value={checker} onChange={(e) => setChecker(e.currentTarget.value)} error={errors.checker} />
        <Textarea label="检查情况" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <FormFooter failure={failure} submitLabel="登记检查" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}

// ---------------------------------------------------------------- 务工人员

export function StaffModal({ workshop, opened, onClose }: { workshop: Workshop; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`登记务工人员：${workshop.name}`} size="md">
      {opened && <StaffForm workshop={workshop} onClose={onClose} />}
    </Modal>
  );
}

function StaffForm({ workshop, onClose }: { workshop: Workshop; onClose: () => void }) {
  const today = useToday();
  const office = useQuery(officeQuery);
  const [villageId, setVillageId] = useState(workshop.villageId);
  const [q, setQ] = useState('');
  const candidates = useQuery(apiQuery('posts.candidates', { villageId, q }));
  const [memberId, setMemberId] = useState<string | null>(null);
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [wage, setWage] = useState('');
  const [job, setJob] = useState('');
  const { busy, failure, errors, submit, setFailure } = useSubmit(async () => {
    if (memberId === null) {
      setFailure('请先选择务工人员');
      return;
    }
    const money = readYuan(wage, { label: '月工资' });
    if (!money.ok || money.fen === null) {
      setFailure(money.ok ? '请填写月工资（元）' : money.error);
      return;
    }
    const r = await invoke('workshops.addStaff', { workshopId: workshop.id, memberId, startDate, endDate: endDate === '' ? null : endDate, monthlyIncomeFen: money.fen, job });
    done(`${r.spell.memberName} 已登记为车间务工人员`);
    if (r.measureNote) notifications.show({ color: 'blue', title: '帮扶措施', message: r.measureNote, autoClose: false });
    onClose();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <NativeSelect label="人员所在村" data={(office.data?.villages ?? []).map((x) => ({ value: x.id, label: x.name }))} value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} />
        <TextInput label="查找人员" placeholder="姓名、身份证号或户编号" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <NativeSelect
          label="务工人员"
          required
          data={[
            { value: '', label: candidates.data?.length === 0 ? '没有找到，请换个关键字' : '请选择' },
            ...(candidates.data ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（${c.age} 岁，${c.householdCode}）` })),
          ]}
          value={memberId ?? ''}
          onChange={(e) => setMemberId(e.currentTarget.value || null)}
          error={errors.memberId}
        />
        <DateField label="开始日期" required max={today} value={startDate} onChange={setStartDate} error={errors.startDate} />
        <DateField label="结束日期" description="仍在车间务工请留空" value={endDate} onChange={setEndDate} error={errors.endDate} />
        <TextInput label="月工资（元）" required inputMode="decimal" value={wage} onChange={(e) => setWage(e.currentTarget.value)} error={errors.monthlyIncomeFen} />
        <TextInput label="岗位/工种" value={job} onChange={(e) => setJob(e.currentTarget.value)} error={errors.job} />
        <FormFooter failure={failure} submitLabel="登记" busy={busy} onCancel={onClose} />
      </Stack>
    </form>
  );
}
