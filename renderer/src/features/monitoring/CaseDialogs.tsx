import { Alert, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { ChannelName, InputOf } from '../../../../shared/contract';
import type { CaseDetail, Objection } from '../../../../shared/contract/monitoring';
import {
  monitoringCategories,
  monitoringCategoryLabels,
  riskTypeLabels,
  riskTypes,
  type MonitoringCategory,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { ApiError, invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormFooter } from '../../components/FormFooter';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import { refreshAfterCaseChange } from './queries';
import { DateField } from '../../components/DateField';

type CaseChannel =
  | 'monitoring.update'
  | 'monitoring.addObjection'
  | 'monitoring.resolveObjection'
  | 'monitoring.reopen'
  | 'monitoring.recordStep';

/** Calls a case mutation, refreshes what it moves, and keeps the refusal and field messages for the form. */
export function useCaseAction<C extends CaseChannel & ChannelName>(channel: C) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async (input: InputOf<C>, done: string): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    setFields({});
    try {
      const detail = (await invoke(channel, input)) as CaseDetail;
      await refreshAfterCaseChange(queryClient, detail);
      notifySuccess(done);
      return true;
    } catch (error) {
      if (error instanceof ApiError) setFields(error.fields);
      setFailure(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** For ConfirmDialog, which shows a thrown error itself. */
  const runOrThrow = async (input: InputOf<C>, done: string): Promise<void> => {
    const detail = (await invoke(channel, input)) as CaseDetail;
    await refreshAfterCaseChange(queryClient, detail);
    notifySuccess(done);
  };
  return { run, runOrThrow, busy, failure, fields, setFailure };
}

function DialogForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">{children}</Stack>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// 确认类别

export function CategoryDialog({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="确认类别" size="lg">
      {opened && <CategoryBody detail={detail} onClose={onClose} />}
    </Modal>
  );
}

function CategoryBody({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const s = detail.suggestion;
  const [category, setCategory] = useState<MonitoringCategory | ''>(detail.case.category ?? s.category ?? '');
  const [error, setError] = useState<string | null>(null);
  const action = useCaseAction('monitoring.update');
  // The version this dialog opened on: a refetch meanwhile must not make it look current.
  const [version] = useState(detail.case.version);
  const submit = async () => {
    if (category === '') {
      setError('请选择监测对象类别');
      return;
    }
    if (await action.run({ id: detail.case.id, version, category }, `类别已确认为「${monitoringCategoryLabels[category]}」`)) onClose();
  };
  return (
    <DialogForm onSubmit={() => void submit()}>
      <Alert color="blue" variant="light" title={`程序建议：${s.category ? monitoringCategoryLabels[s.category] : '暂无建议'}`}>
        <Text size="sm">{s.reason}</Text>
      </Alert>
      <NativeSelect
        label="监测对象类别"
        required
        data-autofocus
        data={[{ value: '', label: '请选择' }, ...monitoringCategories.map((c) => ({ value: c, label: monitoringCategoryLabels[c] }))]}
        value={category}
        error={error ?? action.fields.category}
        onChange={(e) => {
          setCategory(e.currentTarget.value as MonitoringCategory | '');
          setError(null);
        }}
      />
      <Text size="xs" c="dimmed">
        类别由程序按收入和户类型建议，须由工作人员确认；确认人记入操作日志。
      </Text>
      <FormFooter failure={action.failure} submitLabel="保存类别" busy={action.busy} onCancel={onClose} />
    </DialogForm>
  );
}

// ---------------------------------------------------------------------------------------------
// 帮扶联系人

export function HelperDialog({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="修改帮扶联系人" size="md">
      {opened && <HelperBody detail={detail} onClose={onClose} />}
    </Modal>
  );
}

function HelperBody({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const [name, setName] = useState(detail.case.helperName ?? '');
  const [phone, setPhone] = useState(detail.case.helperPhone ?? '');
  const action = useCaseAction('monitoring.update');
  // The version this dialog opened on: a refetch meanwhile must not make it look current.
  const [version] = useState(detail.case.version);
  const submit = async () => {
    if (await action.run({ id: detail.case.id, version, helperName: name, helperPhone: phone }, '帮扶联系人已更新')) onClose();
  };
  return (
    <DialogForm onSubmit={() => void submit()}>
      <TextInput label="帮扶联系人" data-autofocus value={name} error={action.fields.helperName} onChange={(e) => setName(e.currentTarget.value)} />
      <TextInput label="帮扶联系人电话" value={phone} error={action.fields.helperPhone} onChange={(e) => setPhone(e.currentTarget.value)} />
      <FormFooter failure={action.failure} submitLabel="保存" busy={action.busy} onCancel={onClose} />
    </DialogForm>
  );
}

// ---------------------------------------------------------------------------------------------
// 风险: add / remove

export function AddRiskDialog({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="增加风险类型" size="md">
      {opened && <AddRiskBody detail={detail} onClose={onClose} />}
    </Modal>
  );
}

function AddRiskBody({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const present = new Set(detail.risks.map((r) => r.riskType));
  const available = riskTypes.filter((r) => !present.has(r));
  const [riskType, setRiskType] = useState<RiskType | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const action = useCaseAction('monitoring.update');
  // The version this dialog opened on: a refetch meanwhile must not make it look current.
  const [version] = useState(detail.case.version);
  const submit = async () => {
    if (riskType === '') {
      setError('请选择风险类型');
      return;
    }
    if (await action.run({ id: detail.case.id, version, addRisks: [{ riskType, note }] }, `已增加风险「${riskTypeLabels[riskType]}」`)) onClose();
  };
  return (
    <DialogForm onSubmit={() => void submit()}>
      <NativeSelect
        label="风险类型"
        required
        data-autofocus
        data={[{ value: '', label: '请选择' }, ...available.map((r) => ({ value: r, label: riskTypeLabels[r] }))]}
        value={riskType}
        error={error ?? action.fields['addRisks.0.riskType']}
        onChange={(e) => {
          setRiskType(e.currentTarget.value as RiskType | '');
          setError(null);
        }}
      />
      <Textarea label="风险说明" autosize minRows={2} value={note} error={action.fields['addRisks.0.note']} onChange={(e) => setNote(e.currentTarget.value)} />
      <Text size="xs" c="dimmed">
        新增的风险须有对应的帮扶措施（缺什么补什么），否则在风险列表中标记为“未覆盖”。
      </Text>
      <FormFooter failure={action.failure} submitLabel="增加" busy={action.busy} onCancel={onClose} />
    </DialogForm>
  );
}

export function RemoveRiskDialog({ detail, riskType, onClose }: { detail: CaseDetail; riskType: RiskType | null; onClose: () => void }) {
  const action = useCaseAction('monitoring.update');
  // The version this dialog opened on: a refetch meanwhile must not make it look current.
  const [version] = useState(detail.case.version);
  return (
    <ConfirmDialog
      opened={riskType !== null}
      title={riskType ? `移除风险：${riskTypeLabels[riskType]}` : '移除风险'}
      message="移除后该风险不再计入帮扶覆盖和风险消除条件；移除记录和原因保留在时间线中。"
      confirmLabel="确认移除"
      danger
      reasonLabel="移除原因"
      onConfirm={(reason) =>
        riskType ? action.runOrThrow({ id: detail.case.id, version, removeRisks: [{ riskType, reason }] }, `已移除风险「${riskTypeLabels[riskType]}」`) : undefined
      }
      onClose={onClose}
    />
  );
}

// ---------------------------------------------------------------------------------------------
// 公示异议

export function AddObjectionDialog({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="登记公示异议" size="lg">
      {opened && <AddObjectionBody detail={detail} onClose={onClose} />}
    </Modal>
  );
}

function AddObjectionBody({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const today = useToday();
  const [receivedDate, setReceivedDate] = useState(today);
  const [objector, setObjector] = useState('');
  const [content, setContent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useCaseAction('monitoring.addObjection');
  const submit = async () => {
    const found: Record<string, string> = {};
    if (!receivedDate) found.receivedDate = '请填写收到日期';
    if (content.trim() === '') found.content = '请填写异议内容';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await action.run({ id: detail.case.id, receivedDate, objector, content }, '异议已登记，核实处理后再办理下一步')) onClose();
  };
  const e = { ...action.fields, ...errors };
  return (
    <DialogForm onSubmit={() => void submit()}>
      <DateField label="收到日期" required max={today} value={receivedDate} error={e.receivedDate} onChange={setReceivedDate} />
      <TextInput label="异议人" description="匿名可不填" value={objector} error={e.objector} onChange={(ev) => setObjector(ev.currentTarget.value)} />
      <Textarea label="异议内容" required autosize minRows={3} data-autofocus value={content} error={e.content} onChange={(ev) => setContent(ev.currentTarget.value)} />
      <FormFooter failure={action.failure} submitLabel="登记异议" busy={action.busy} onCancel={onClose} />
    </DialogForm>
  );
}

export function ResolveObjectionDialog({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  return (
    <Modal opened={objection !== null} onClose={onClose} title="处理公示异议" size="lg">
      {objection && <ResolveObjectionBody objection={objection} onClose={onClose} />}
    </Modal>
  );
}

function ResolveObjectionBody({ objection, onClose }: { objection: Objection; onClose: () => void }) {
  const today = useToday();
  const [resolvedDate, setResolvedDate] = useState(today);
  const [resolution, setResolution] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useCaseAction('monitoring.resolveObjection');
  const submit = async () => {
    const found: Record<string, string> = {};
    if (!resolvedDate) found.resolvedDate = '请填写处理日期';
    if (resolution.trim() === '') found.resolution = '请填写核实处理结果';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await action.run({ id: objection.id, resolvedDate, resolution }, '异议已处理')) onClose();
  };
  const e = { ...action.fields, ...errors };
  return (
    <DialogForm onSubmit={() => void submit()}>
      <Alert color="gray" variant="light" p="xs">
        <Text size="sm">
          {objection.receivedDate} 收到{objection.objector ? `（${objection.objector}）` : ''}：{objection.content}
        </Text>
      </Alert>
      <DateField label="处理日期" required max={today} value={resolvedDate} error={e.resolvedDate} onChange={setResolvedDate} />
      <Textarea label="核实处理结果" required autosize minRows={3} data-autofocus value={resolution} error={e.resolution} onChange={(ev) => setResolution(ev.currentTarget.value)} />
      <FormFooter failure={action.failure} submitLabel="保存处理结果" busy={action.busy} onCancel={onClose} />
    </DialogForm>
  );
}

// ---------------------------------------------------------------------------------------------
// 回退

export function ReopenDialog({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  const today = useToday();
  const [date, setDate] = useState(today);
  const action = useCaseAction('monitoring.reopen');
  return (
    <ConfirmDialog
      opened={opened}
      title={`回退：${detail.case.caseCode}`}
      message={
        <Stack gap="xs">
          <Text size="sm">
            该户已于 {detail.case.eliminatedDate} 标注风险消除。回退后重新列为“监测中（风险未消除）”，按月走访，原有识别、消除记录全部保留。
          </Text>
          <DateField
            label="风险返回日期"
            required
            min={detail.case.eliminatedDate ?? undefined}
            max={today}
            value={date}
            onChange={setDate}
          />
        </Stack>
      }
      confirmLabel="确认回退"
      danger
      reasonLabel="回退原因"
      onConfirm={(reason) => action.runOrThrow({ id: detail.case.id, date, reason }, `${detail.case.caseCode} 已回退为监测中`)}
      onClose={onClose}
    />
  );
}
