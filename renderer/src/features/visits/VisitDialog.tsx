import { Alert, Checkbox, Divider, Group, Modal, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import { isoDate } from '../../../../shared/contract/fields';
import { visitCreateSchema, type Visit } from '../../../../shared/contract/visits';
import {
  incomeCategories,
  incomeCategoryGroups,
  incomeCategoryLabels,
  isDecline,
  perCapitaFen,
  type IncomeCategory,
} from '../../../../shared/domain/income';
import {
  declineCauseLabels,
  declineCauses,
  guaranteeKeys,
  visitKindLabels,
  visitKinds,
  type DeclineCause,
  type GuaranteeKey,
  type Guarantees,
  type VisitKind,
} from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { FormFooter } from '../../components/FormFooter';
import { apiFieldErrors, errorMessage, focusFirstInvalid, notifySuccess, zodFieldErrors } from '../../components/formErrors';
import { formatYuan, yuanText } from '../../components/money';
import { readYuan } from '../../../../shared/lib/money';
import { emptyGuarantees, GuaranteesFields, guaranteesOf, type GuaranteesDraft } from './GuaranteesFields';
import { householdVisitsQuery, refreshAfterVisit } from './queries';
import { DateField } from '../../components/DateField';

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

type AmountsDraft = Record<IncomeCategory, string>;

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

// ---------------------------------------------------------------------------------------------
// 同时更新本年收入

function parseAmounts(amounts: AmountsDraft): { fen: Record<IncomeCategory, number>; errors: Record<string, string> } {
  const fen = {} as Record<IncomeCategory, number>;
  const errors: Record<string, string> = {};
  for (const c of incomeCategories) {
    const p = readYuan(amounts[c], { label: incomeCategoryLabels[c] });
    if (p.ok) fen[c] = p.fen ?? 0;
    else {
      fen[c] = 0;
      errors[`income.${c}`] = p.error;
    }
  }
  return { fen, errors };
}

function useIncomePart(householdId: string, enabled: boolean, defaultYear: number) {
  const incomeData = useQuery({ ...apiQuery('income.forHousehold', { householdId }), enabled });
  const [year, setYear] = useState<number>(defaultYear);
  const [edited, setEdited] = useState<Partial<AmountsDraft>>({});
  const [memberCount, setMemberCount] = useState<number | ''>('');
  const [causeEdit, setDeclineCause] = useState<DeclineCause | '' | null>(null);
  const [noteEdit, setNote] = useState<string | null>(null);

  const years = incomeData.data?.years ?? [];
  const record = years.find((y) => y.year === year) ?? null;
  const previousRecord = years.find((y) => y.year === year - 1) ?? null;
  const previousPerCapita = record?.previous?.perCapitaFen ?? previousRecord?.perCapitaFen ?? null;
  // The year's own values start the form; what the clerk typed wins.
  const amounts: AmountsDraft = Object.fromEntries(
    incomeCategories.map((c) => [c, edited[c] ?? (record ? yuanText(record[c]) : '')]),
  ) as AmountsDraft;
  const declineCause = causeEdit ?? record?.declineCause ?? '';
  const note = noteEdit ?? record?.note ?? '';
  const members = memberCount === '' ? (record?.memberCount ?? incomeData.data?.currentMemberCount ?? 1) : memberCount;

  const parsed = parseAmounts(amounts);
  const livePerCapita = members >= 1 ? perCapitaFen(parsed.fen, members) : null;
  const decline = livePerCapita !== null && isDecline(previousPerCapita, livePerCapita);

  const build = (): { ok: true; value: NonNullable<InputOf<'visits.create'>['income']> } | { ok: false; errors: Record<string, string> } => {
    const errors = { ...parsed.errors };
    if (!incomeData.data) errors['income.year'] = '收入记录还在读取，请稍候再保存';
    if (!Number.isInteger(year) || year < 2000 || year > 2100) errors['income.year'] = '请填写年度（如 2026）';
    if (!Number.isInteger(members) || members < 1) errors['income.memberCount'] = '家庭人口数至少为 1';
    if (decline && declineCause === '') errors['income.declineCause'] = `人均纯收入低于 ${year - 1} 年，请选择减收原因`;
    if (decline && declineCause === 'other' && note.trim() === '') errors['income.note'] = '减收原因为“其他原因”时，请在备注中写明';
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: {
        year,
        memberCount: members,
        ...parsed.fen,
        declineCause: decline && declineCause !== '' ? declineCause : null,
        note,
      },
    };
  };

  return {
    loading: enabled && incomeData.isPending,
    loadError: incomeData.isError ? incomeData.error : null,
    year,
    setYear: (y: number) => {
      setYear(y);
      setEdited({});
      setMemberCount('');
      setDeclineCause(null);
      setNote(null);
    },
    record,
    amounts,
    setAmount: (c: IncomeCategory, v: string) => setEdited((e) => ({ ...e, [c]: v })),
    members,
    setMemberCount,
    livePerCapita,
    previousPerCapita,
    decline,
    declineCause,
    setDeclineCause,
    note,
    setNote,
    fieldErrors: parsed.errors,
    build,
  };
}

type IncomePart = ReturnType<typeof useIncomePart>;

function IncomeFields({ part, errors, clear }: { part: IncomePart; errors: Record<string, string>; clear: (...keys: string[]) => void }) {
  if (part.loading) {
    return (
      <Text size="sm" c="dimmed">
        正在读取该户的收入记录…
      </Text>
    );
  }
  if (part.loadError) {
    return (
      <Alert color="red" variant="light">
        收入记录没有读出来：{errorMessage(part.loadError)}
      </Alert>
    );
  }
  const err = (c: string) => errors[`income.${c}`] ?? part.fieldErrors[`income.${c}`];
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Stack gap="xs">
        <Group gap="sm" align="flex-end">
          <NumberInput
            label="收入年度"
            w={120}
            min={2000}
            max={2100}
            allowDecimal={false}
            value={part.year}
            error={errors['income.year']}
            onChange={(v) => {
              part.setYear(typeof v === 'number' ? v : Number(v));
              clear('income.year');
            }}
          />
          <NumberInput
            label="家庭人口数"
            w={120}
            min={1}
            max={50}
            allowDecimal={false}
            value={part.members}
            error={errors['income.memberCount']}
            onChange={(v) => {
              part.setMemberCount(v === '' ? '' : Number(v));
              clear('income.memberCount');
            }}
          />
          <Text size="sm" c="dimmed" pb={8}>
            {part.record ? `将更正 ${part.year} 年已有的收入记录` : `${part.year} 年还没有收入记录，将新建`}
          </Text>
        </Group>
        {incomeCategoryGroups.map((g) => (
          <Stack key={g.label} gap={4}>
            <Text size="xs" fw={600} c="dimmed">
              {g.label}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
              {g.categories.map((c) => (
                <TextInput
                  key={c}
                  size="xs"
                  label={`${incomeCategoryLabels[c]}（元）`}
                  inputMode="decimal"
                  placeholder="0"
                  value={part.amounts[c]}
                  error={err(c)}
                  onChange={(e) => {
                    part.setAmount(c, e.currentTarget.value);
                    clear(`income.${c}`);
                  }}
                />
              ))}
            </SimpleGrid>
          </Stack>
        ))}
        <Group gap="lg" aria-live="polite">
          <Text size="sm">
            人均纯收入：
            <Text span fw={700} c={part.decline ? 'red' : undefined}>
              {part.livePerCapita === null ? '—' : `${formatYuan(part.livePerCapita)} 元`}
            </Text>
          </Text>
          {part.previousPerCapita !== null && (
            <Text size="sm" c="dimmed">
              {part.year - 1} 年：{formatYuan(part.previousPerCapita)} 元{part.decline ? '（减收）' : ''}
            </Text>
          )}
        </Group>
        {part.decline && (
          <NativeSelect
            label="减收原因"
            required
            data={[{ value: '', label: '请选择' }, ...declineCauses.map((c) => ({ value: c, label: declineCauseLabels[c] }))]}
            value={part.declineCause}
            error={errors['income.declineCause']}
            onChange={(e) => {
              part.setDeclineCause(e.currentTarget.value as DeclineCause | '');
              clear('income.declineCause');
            }}
          />
        )}
        <TextInput
          label="收入备注"
          size="xs"
          placeholder="可不填"
          value={part.note}
          error={errors['income.note']}
          onChange={(e) => {
            part.setNote(e.currentTarget.value);
            clear('income.note');
          }}
        />
      </Stack>
    </Paper>
  );
}
