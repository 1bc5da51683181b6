import { Checkbox, Divider, Modal, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import { isoDate } from '../../../../shared/contract/fields';
import { visitCreateSchema, type Visit } from '../../../../shared/contract/visits';
import { guaranteeKeys, visitKindLabels, visitKinds, type GuaranteeKey, type Guarantees, type VisitKind } from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, focusFirstInvalid, notifySuccess, zodFieldErrors } from '../../components/formErrors';
import { emptyGuarantees, GuaranteesFields, guaranteesOf, type GuaranteesDraft } from './GuaranteesFields';
import { householdVisitsQuery, refreshAfterVisit } from './queries';
import { DateField } from '../../components/DateField';
import { useIncomePart, IncomeFields } from './VisitIncomeFields';

/** Who is visited: the household, and (from a case page) the case the visit belongs to. */
export interface VisitTarget {
  householdId: string;
  caseId?: string;
  /** For the title: 户主 name and household code, when the caller has them. */
  headName?: string;
  householdCode?: string;
  /** Suggested 走访人 (the case's or household's helper). */
  helperName?: string | null;
  /** The case's current guarantees, to start the check from. */
  guarantees?: Guarantees | null;
  /** The household is on the open-case (monthly) cycle: the guarantees check starts ticked. */
  openCase?: boolean;
}

interface Props {
  target: VisitTarget | null;
  onClose: () => void;
  onSaved?: (visit: Visit) => void;
}

/** 记录走访: date, visitors, kind, findings; optionally the guarantees check and this year's income. */
export function VisitDialog({ target, onClose, onSaved }: Props) {
  const who = target?.headName ? `：户主 ${target.headName}${target.householdCode ? `（${target.householdCode}）` : ''}` : '';
  return (
    <Modal opened={target !== null} onClose={onClose} title={`记录走访${who}`} size={880}>
      {target && <VisitForm target={target} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

/** Names typed in one box: 、 ， , ; or spaces between them. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function VisitForm({ target, onClose, onSaved }: { target: VisitTarget; onClose: () => void; onSaved?: (visit: Visit) => void }) {
  const queryClient = useQueryClient();
  const today = useToday();
  const formRef = useRef<HTMLFormElement>(null);
  const history = useQuery(householdVisitsQuery(target.householdId));
  const lastCheck = history.data?.visits.find((v) => v.guarantees !== null)?.guarantees ?? null;
  const openCase = target.openCase ?? target.caseId !== undefined;

  const [visitDate, setVisitDate] = useState(today);
  const [visitors, setVisitors] = useState(target.helperName ?? '');
  const [kind, setKind] = useState<VisitKind>('routine');
  const [findings, setFindings] = useState('');
  const [checkGuarantees, setCheckGuarantees] = useState(openCase);
  const [guarantees, setGuarantees] = useState<GuaranteesDraft | null>(null);
  const [withIncome, setWithIncome] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  // The check starts from the case's current answers, else the last visit's; the clerk confirms each row.
  const guaranteesDraft = guarantees ?? emptyGuarantees(target.guarantees ?? lastCheck);
  const isOpenCycle = openCase || history.data?.schedule.cycle === 'openCase';

  const clear = (...keys: string[]) =>
    setErrors((e) => {
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });

  const income = useIncomePart(target.householdId, withIncome, Number(visitDate.slice(0, 4)) || Number(today.slice(0, 4)));

  const create = useMutation({ mutationFn: (input: InputOf<'visits.create'>) => invoke('visits.create', input) });

  const submit = async () => {
    setFailure(null);
    const found: Record<string, string> = {};
    const date = isoDate.safeParse(visitDate);
    if (!date.success) found.visitDate = date.error.issues[0]?.message ?? '请填写走访日期';
    else if (visitDate > today) found.visitDate = `走访日期不能晚于今天（${today}）`;

    const input: InputOf<'visits.create'> = {
      householdId: target.householdId,
      ...(target.caseId ? { caseId: target.caseId } : {}),
      visitDate,
      visitors: splitNames(visitors),
      kind,
      findings,
    };
    if (checkGuarantees) {
      const g = guaranteesOf(guaranteesDraft);
      if (g.ok) input.guarantees = g.value;
      else Object.assign(found, g.errors);
    }
    if (withIncome) {
      const part = income.build();
      if (part.ok) input.income = part.value;
      else Object.assign(found, part.errors);
    }
    const checked = visitCreateSchema.safeParse(input);
    if (!checked.success) {
      for (const [k, v] of Object.entries(zodFieldErrors(checked.error))) {
        const key = k.startsWith('visitors') ? 'visitors' : k;
        if (!(key in found)) found[key] = v;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    try {
      const saved = await create.mutateAsync(input);
      await refreshAfterVisit(queryClient);
      const next = saved.schedule.nextVisitDue ? `，下次应访 ${saved.schedule.nextVisitDue}` : '';
      notifySuccess(`已记录 ${saved.visit.visitDate} 的走访${input.income ? `和 ${input.income.year} 年收入` : ''}${next}`);
      onSaved?.(saved.visit);
      onClose();
    } catch (error) {
      const fields = apiFieldErrors(error);
      for (const k of Object.keys(fields)) {
        if (k.startsWith('visitors.')) fields.visitors ??= fields[k]!;
      }
      setErrors(fields);
      setFailure(errorMessage(error));
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-label="记录走访"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <DateField
            label="走访日期"
            required
            max={today}
            value={visitDate}
            error={errors.visitDate}
            onChange={(value) => {
              setVisitDate(value);
              clear('visitDate');
            }}
          />
          <TextInput
            label="走访人"
            required
            data-autofocus
            description="多人用顿号或空格分开"
            placeholder="如：王建国、李梅"
            value={visitors}
            error={errors.visitors}
            onChange={(e) => {
              setVisitors(e.currentTarget.value);
              clear('visitors');
            }}
          />
          <NativeSelect
            label="走访类型"
            required
            data={visitKinds.map((k) => ({ value: k, label: visitKindLabels[k] }))}
            value={kind}
            error={errors.kind}
            onChange={(e) => setKind(e.currentTarget.value as VisitKind)}
          />
        </SimpleGrid>
        <Textarea
          label="走访发现"
          required
          autosize
          minRows={3}
          maxRows={8}
          placeholder="家庭生产生活、收入和风险变化、帮扶措施落实情况、群众诉求等"
          description="Ctrl+Enter 保存"
          value={findings}
          error={errors.findings}
          onChange={(e) => {
            setFindings(e.currentTarget.value);
            clear('findings');
          }}
        />

        <Divider />
        <Checkbox
          label="同时核查两不愁三保障及饮水安全"
          description={isOpenCycle ? '监测对象每次走访都应核查；结果会更新监测对象的保障情况' : '核查结果随走访记录保存'}
          checked={checkGuarantees}
          onChange={(e) => setCheckGuarantees(e.currentTarget.checked)}
        />
        {checkGuarantees && (
          <GuaranteesFields
            value={guaranteesDraft}
            errors={errors}
            onChange={(key: GuaranteeKey, row) => {
              setGuarantees({ ...guaranteesDraft, [key]: row });
              clear(`guarantees.${key}.status`, `guarantees.${key}.note`);
            }}
            onAllSecure={() => {
              const next = { ...guaranteesDraft };
              for (const k of guaranteeKeys) if (next[k].status === '') next[k] = { ...next[k], status: 'secure' };
              setGuarantees(next);
              clear(...guaranteeKeys.map((k) => `guarantees.${k}.status`));
            }}
          />
        )}

        <Checkbox
          label="同时更新本年收入"
          description="按收入信息采集表逐项填写（单位：元），人均纯收入由程序计算"
          checked={withIncome}
          onChange={(e) => setWithIncome(e.currentTarget.checked)}
        />
        {withIncome && <IncomeFields part={income} errors={errors} clear={clear} />}

        <FormFooter failure={failure} submitLabel="保存走访记录" busy={create.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
