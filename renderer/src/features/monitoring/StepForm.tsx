import { Alert, Button, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import {
  eliminationMethodLabels,
  eliminationMethods,
  negativeListItems,
  negativeListLabels,
  stepLabels,
  type EliminationMethod,
  type NegativeListItem,
  type StepKind,
  type StepOutcome,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { noticeEndDate } from '../../../../shared/domain/thresholds';
import { stepBlockedForRole } from '../../../../shared/domain/workflow';
import { addDays } from '../../../../shared/lib/dates';
import { ApiError, invoke } from '../../api/client';
import { useSession } from '../../api/session';
import { useToday } from '../../api/today';
import { errorMessage, notifySuccess } from '../../components/formErrors';
import classes from './monitoring.module.css';
import { refreshAfterCaseChange } from './queries';
import { emptyParticipant, ParticipantsField } from './ParticipantsField';
import { participantProblem, participantName, participantText, type Participant } from '../../../../shared/domain/participants';
import { DateField } from '../../components/DateField';

export interface StepFormProps {
  detail: CaseDetail;
  workflow: Workflow;
  step: StepKind;
  /** Shown when the form is for starting a workflow (发起风险消除), to go back. */
  onCancel?: () => void;
  onDone?: () => void;
}

const noHits = Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

/** The form for the next step only: date, people, outcome, note, and what this step records besides. */
export function StepForm({ detail, workflow, step, onCancel, onDone }: StepFormProps) {
  const today = useToday();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const label = stepLabels[workflow][step] ?? step;
  const w = detail.workflow;
  const isHomeCheck = step === 'homeCheck';
  const withNegativeList = isHomeCheck && workflow === 'identification';
  const isNotice = step === 'notice';
  const isCounty = step === 'countyDecision';
  const afterNotice = (step === 'townshipReview' || step === 'countyDecision') && w.noticeEndDate !== null;
  const earliest = afterNotice && w.noticeEndDate ? addDays(w.noticeEndDate, 1) : null;

  const [date, setDate] = useState(today);
  const [people, setPeople] = useState<Participant[]>(() => (isHomeCheck ? [emptyParticipant, emptyParticipant] : [emptyParticipant]));
  const [outcome, setOutcome] = useState<StepOutcome>('passed');
  const [note, setNote] = useState('');
  const [hits, setHits] = useState<Record<NegativeListItem, boolean>>(noHits);
  const [decisionDate, setDecisionDate] = useState('');
  const [decisionNote, setDecisionNote] = useState('');
  const [noticeStart, setNoticeStart] = useState(today);
  const [noticeEnd, setNoticeEnd] = useState(() => noticeEndDate(today, w.noticeDays));
  const [noticeEndEdited, setNoticeEndEdited] = useState(false);
  const [place, setPlace] = useState('村务公开栏');
  const [method, setMethod] = useState<EliminationMethod | ''>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const anyHit = negativeListItems.some((k) => hits[k]);
  const needsMethod = workflow === 'elimination' && isCounty && outcome === 'passed';
  // The core refuses it anyway; the button says so before the clerk fills in the form.
  const blockedReason = stepBlockedForRole(step, user.role);
  const reviewerNeeded = blockedReason !== null;

  const record = useMutation({ mutationFn: (input: InputOf<'monitoring.recordStep'>) => invoke('monitoring.recordStep', input) });

  const submit = async () => {
    const found: Record<string, string> = {};
    const filled = people.filter((p) => p.name.trim() !== '' || p.role.trim() !== '');
    const names = filled.map(participantText);
    people.forEach((p, i) => {
      const problem = participantProblem(p);
      if (problem) found[`people.${i}`] = problem;
    });
    if (!date) found.date = '请填写办理日期';
    else if (date > today) found.date = `办理日期不能晚于今天（${today}）`;
    if (names.length === 0) found.people = '请填写参与人员（签字人）姓名';
    else if (isHomeCheck && new Set(names.map(participantName)).size < 2) found.people = '入户核实须至少两名核查人员，请填写全部核查人员姓名';
    if (outcome === 'rejected' && note.trim() === '') found.note = '结果为"不通过"时，请在说明中写明原因';
    if (withNegativeList && anyHit && outcome === 'passed') {
      if (!decisionDate) found['details.specialDecision.date'] = '存在不予认定情形时须填写村民代表大会特别决定的日期';
      if (decisionNote.trim() === '') found['details.specialDecision.note'] = '请填写特别决定内容';
    }
    if (isNotice) {
      if (!noticeStart) found['details.notice.startDate'] = '请填写公示开始日期';
      if (!noticeEnd) found['details.notice.endDate'] = '请填写公示结束日期';
      if (place.trim() === '') found['details.notice.place'] = '请填写公示地点';
    }
    if (needsMethod && method === '') found['details.eliminationMethod'] = '请选择风险消除方式';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(null);
      return;
    }
    const details: InputOf<'monitoring.recordStep'>['details'] = {};
    if (withNegativeList) {
      details.negativeList = hits;
      details.specialDecision = anyHit && outcome === 'passed' ? { date: decisionDate, note: decisionNote } : null;
    }
    if (isNotice) details.notice = { startDate: noticeStart, endDate: noticeEnd, place };
    if (needsMethod && method !== '') details.eliminationMethod = method;
    try {
      const result = await record.mutateAsync({ id: detail.case.id, step, date, people: names, outcome, note, details });
      await refreshAfterCaseChange(queryClient, result);
      notifySuccess(`「${label}」已登记（${outcome === 'passed' ? '通过' : '不通过'}）`, '已登记');
      onDone?.();
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fields);
      setFailure(errorMessage(error));
    }
  };

  return (
    <form
      noValidate
      aria-label={`登记${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {reviewerNeeded && (
          <Alert color="orange" variant="light" p="xs">
            「{label}」须由审核人或管理员签署办理（谁签字、谁负责）。当前以录入员身份登录，请由审核人登录后办理。
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label="办理日期"
            required
            max={today}
            description={earliest ? `公示期至 ${w.noticeEndDate}，最早 ${earliest} 办理` : '实际办理的日期，不晚于今天'}
            value={date}
            error={errors.date}
            onChange={setDate}
          />
          <Radio.Group label="结果" required value={outcome} error={errors.outcome} onChange={(v) => setOutcome(v as StepOutcome)}>
            <Group gap="lg" mt={8}>
              <Radio value="passed" label="通过" />
              <Radio value="rejected" label="不通过" />
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <ParticipantsField
          value={people}
          onChange={setPeople}
          description={isHomeCheck ? '核查人员至少两人，一行一人：职务（可选）和姓名' : '签字人一行一人：职务（可选）和姓名；表单上由姓名一栏的人签字'}
          error={errors.people}
          rowErrors={Object.fromEntries(Object.entries(errors).flatMap(([k, v]) => (/^people\.\d+$/.test(k) ? [[Number(k.slice(7)), v]] : [])))}
        />

        {withNegativeList && (
          <div className={classes.checklist} role="group" aria-label="负面清单">
            <Text size="sm" fw={600}>
              负面清单（不予认定情形）
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              逐项核查，勾选存在的情形；未勾选即经核查不存在。
            </Text>
            <Stack gap={6}>
              {negativeListItems.map((k) => (
                <Checkbox
                  key={k}
                  label={negativeListLabels[k]}
                  checked={hits[k]}
                  color="red"
                  error={errors[`details.negativeList.${k}`]}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setHits((h) => ({ ...h, [k]: checked }));
                  }}
                />
              ))}
            </Stack>
            {errors['details.negativeList'] && (
              <Text size="xs" c="red" mt={4}>
                {errors['details.negativeList']}
              </Text>
            )}
            {anyHit && (
              <Stack gap="xs" mt="sm">
                <Alert color="red" variant="light" p="xs">
                  存在 {negativeListItems.filter((k) => hits[k]).length} 项不予认定情形。核实通过须有村民代表大会的特别决定；否则请选择“不通过”并写明原因。
                </Alert>
                {outcome === 'passed' && (
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <DateField
                      label="特别决定日期"
                      max={today}
                      value={decisionDate}
                      error={errors['details.specialDecision.date'] ?? errors['details.specialDecision']}
                      onChange={setDecisionDate}
                    />
                    <TextInput
                      label="特别决定内容"
                      style={{ gridColumn: 'span 2' }}
                      placeholder="如：经村民代表大会表决同意纳入"
                      value={decisionNote}
                      error={errors['details.specialDecision.note']}
                      onChange={(e) => setDecisionNote(e.currentTarget.value)}
                    />
                  </SimpleGrid>
                )}
              </Stack>
            )}
          </div>
        )}

        {isNotice && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField
              label="公示开始日期"
              required
              max={today}
              value={noticeStart}
              error={errors['details.notice.startDate']}
              onChange={(v) => {
                setNoticeStart(v);
                if (!noticeEndEdited && v) setNoticeEnd(noticeEndDate(v, w.noticeDays));
              }}
            />
            <DateField
              label="公示结束日期"
              required
              description={`公示期不少于 ${w.noticeDays} 天（含开始当天）${noticeStart ? `，最早 ${noticeEndDate(noticeStart, w.noticeDays)}` : ''}`}
              value={noticeEnd}
              error={errors['details.notice.endDate'] ?? errors['details.notice']}
              onChange={(value) => {
                setNoticeEnd(value);
                setNoticeEndEdited(true);
              }}
            />
            <TextInput
              label="公示地点"
              required
              value={place}
              error={errors['details.notice.place']}
              onChange={(e) => setPlace(e.currentTarget.value)}
            />
          </SimpleGrid>
        )}

        {needsMethod && (
          <NativeSelect
            label="消除方式"
            required
            w={220}
            data={[{ value: '', label: '请选择' }, ...eliminationMethods.map((m) => ({ value: m, label: eliminationMethodLabels[m] }))]}
            value={method}
            error={errors['details.eliminationMethod']}
            onChange={(e) => setMethod(e.currentTarget.value as EliminationMethod | '')}
          />
        )}

        <Textarea
          label="说明"
          autosize
          minRows={1}
          description={outcome === 'rejected' ? '不通过时必填：写明原因' : '会议、核实情况等（选填）'}
          value={note}
          error={errors.note}
          onChange={(e) => setNote(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Ctrl+Enter submits from the note too.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        {failure && (
          <Alert color="red" variant="light" title="没有办成" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={record.isPending}>
              取消
            </Button>
          )}
          <Tooltip label={blockedReason ?? ''} disabled={blockedReason === null}>
            {/* A disabled button gets no hover: the tooltip sits on a wrapper (Mantine's advice). */}
            <span>
              <Button type="submit" loading={record.isPending} disabled={blockedReason !== null} color={outcome === 'rejected' ? 'red' : undefined}>
                登记{label}
              </Button>
            </span>
          </Tooltip>
        </Group>
      </Stack>
    </form>
  );
}
