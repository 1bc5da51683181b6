import { Alert, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type InputOf } from '../../../../shared/contract';
import type { IncomeYear } from '../../../../shared/contract/income';
import {
  change,
  declineCauseProblem,
  emptyIncome,
  formatYuan,
  incomeCategories,
  incomeCategoryGroups,
  incomeCategoryLabels,
  incomeFigures,
  isDecline,
  isWithinLine,
  parseYuan,
  type IncomeCategory,
} from '../../../../shared/domain/income';
import { declineCauseLabels, declineCauses, type DeclineCause } from '../../../../shared/domain/monitoring';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { FormFooter } from '../../components/FormFooter';
import { applyApiError, errorMessage, isStaleSave, schemaErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { changeColor, changeText } from './labels';
import { DeclineCauseHint, WageSuggestion } from '../employment';
import { PaidIncomeHint } from '../payments';

export interface IncomeEditorTarget {
  /** The year to open with (an existing record's year, or a suggested new year). */
  year: number;
}

interface Values {
  year: string;
  memberCount: string;
  amounts: Record<IncomeCategory, string>;
  declineCause: DeclineCause | '';
  note: string;
}

function valuesFor(year: number, records: readonly IncomeYear[], currentMemberCount: number): Values {
  const r = records.find((y) => y.year === year);
  const amounts = Object.fromEntries(incomeCategories.map((c) => [c, r ? formatYuan(r[c], false) : ''])) as Record<IncomeCategory, string>;
  return {
    year: String(year),
    memberCount: String(r ? r.memberCount : Math.max(currentMemberCount, 1)),
    amounts,
    declineCause: r?.declineCause ?? '',
    note: r?.note ?? '',
  };
}

/** Empty amount = 0 (nothing of that kind); anything not an amount in 元 = NaN, reported by the contract. */
function amountFen(text: string): number {
  if (text.trim() === '') return 0;
  const v = parseYuan(text);
  return v === null ? Number.NaN : v;
}

function toInput(householdId: string, v: Values, version?: number | null): InputOf<'income.save'> {
  const amounts = Object.fromEntries(incomeCategories.map((c) => [c, amountFen(v.amounts[c])])) as Record<IncomeCategory, number>;
  return {
    householdId,
    ...(version === undefined ? {} : { version }),
    year: v.year.trim() === '' ? Number.NaN : Number(v.year),
    memberCount: v.memberCount.trim() === '' ? Number.NaN : Number(v.memberCount),
    ...amounts,
    declineCause: v.declineCause === '' ? null : v.declineCause,
    note: v.note,
  };
}

const formPath = (path: string): string => ((incomeCategories as readonly string[]).includes(path) ? `amounts.${path}` : path);

export function IncomeEditorDialog(props: {
  householdId: string;
  target: IncomeEditorTarget | null;
  records: readonly IncomeYear[];
  currentMemberCount: number;
  thisYear: number;
  onClose: () => void;
}) {
  return (
    <Modal opened={props.target !== null} onClose={props.onClose} title="录入 / 修改年度收入" size="xl">
      {props.target && <EditorBody key={props.target.year} {...props} target={props.target} />}
    </Modal>
  );
}

function EditorBody({
  householdId,
  target,
  records,
  currentMemberCount,
  thisYear,
  onClose,
}: {
  householdId: string;
  target: IncomeEditorTarget;
  records: readonly IncomeYear[];
  currentMemberCount: number;
  thisYear: number;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each year's version as the dialog opened (null: no record yet); a save against a newer one is
  // refused by the core, so two clerks entering one year cannot overwrite each other.
  const [seenVersions, setSeenVersions] = useState(() => new Map(records.map((r) => [r.year, r.version])));
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesFor(target.year, records, currentMemberCount),
    validate: (values) => {
      const errors = schemaErrors(channels['income.save'].input, toInput(householdId, values), formPath);
      for (const c of incomeCategories) {
        if (Number.isNaN(amountFen(values.amounts[c]))) errors[`amounts.${c}`] = `${incomeCategoryLabels[c]}请填金额（元），最多两位小数，例如 1200.50`;
      }
      const y = Number(values.year);
      if (!errors.year && y > thisYear) errors.year = `不能录入 ${y} 年的收入：该年度尚未开始`;
      const live = compute(values);
      const problem = live ? declineCauseProblem(live.decline, values.declineCause === '' ? null : values.declineCause, values.note) : null;
      if (problem === 'missingCause') errors.declineCause = '人均纯收入低于上年，属于减收户，请选择减收原因';
      if (problem === 'missingNote') errors.note = '减收原因选了“其他原因”，请在备注中写明具体原因';
      return errors;
    },
  });

  const year = Number(form.values.year);
  const existing = records.find((r) => r.year === year);
  const previous = records.find((r) => r.year === year - 1);

  /** Net and per-capita income as the clerk types, by the same formula the core stores. */
  function compute(v: Values) {
    const amounts = { ...emptyIncome() };
    for (const c of incomeCategories) {
      const fen = amountFen(v.amounts[c]);
      amounts[c] = Number.isNaN(fen) ? 0 : fen;
    }
    const members = Number(v.memberCount);
    if (!Number.isInteger(members) || members < 1) return null;
    const figures = incomeFigures(amounts, members);
    const prev = records.find((r) => r.year === Number(v.year) - 1);
    return { ...figures, decline: isDecline(prev?.perCapitaFen, figures.perCapitaFen) };
  }
  const live = compute(form.values);
  const line = existing?.monitoringLineFen ?? previous?.monitoringLineFen ?? records[0]?.monitoringLineFen ?? null;

  function changeYear(text: string) {
    const y = Number(text);
    if (/^\d{4}$/.test(text.trim()) && records.some((r) => r.year === y)) {
      form.setValues(valuesFor(y, records, currentMemberCount));
    } else {
      form.setFieldValue('year', text);
    }
  }

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setStale(null);
    setBusy(true);
    try {
      const saved = await invoke('income.save', toInput(householdId, values, seenVersions.get(Number(values.year)) ?? null));
      notifications.show({
        color: 'green',
        title: '已保存',
        message: `${saved.year} 年人均纯收入 ${formatYuan(saved.perCapitaFen)} 元${saved.decline ? '（减收）' : ''}`,
      });
      await invalidateChannels(queryClient, 'income.forHousehold', 'income.summary', 'monitoring.forHousehold', 'monitoring.get', 'forms.status');
      onClose();
    } catch (err) {
      // Someone saved this year first: the amounts typed stay; loading the latest is offered.
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setFailure(applyApiError(form, err, formPath));
    } finally {
      setBusy(false);
    }
  });

  const reloadLatest = async () => {
    try {
      const latest = await queryClient.fetchQuery({ ...apiQuery('income.forHousehold', { householdId }), staleTime: 0 });
      setSeenVersions(new Map(latest.years.map((r) => [r.year, r.version])));
      form.setValues(valuesFor(Number(form.getValues().year), latest.years, latest.currentMemberCount));
      form.clearErrors();
      setStale(null);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label="年度"
            inputMode="numeric"
            maxLength={4}
            description={existing ? '已有记录：修改将更正该年度' : '新的年度'}
            {...form.getInputProps('year')}
            onChange={(e) => changeYear(e.currentTarget.value)}
          />
          <TextInput
            label="家庭人口数"
            inputMode="numeric"
            rightSection="人"
            description={`当前在册 ${currentMemberCount} 人${previous ? `；上年 ${previous.memberCount} 人` : ''}`}
            {...form.getInputProps('memberCount')}
          />
        </Group>

        {incomeCategoryGroups.map((g) => (
          <Stack key={g.label} gap={4}>
            <Text size="sm" fw={600}>
              {g.label}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {g.categories.map((c) => (
                <TextInput
                  key={c}
                  label={incomeCategoryLabels[c]}
                  inputMode="decimal"
                  placeholder="0"
                  rightSection="元"
                  description={previous ? `上年 ${formatYuan(previous[c])} 元` : '上年无记录'}
                  {...form.getInputProps(`amounts.${c}`)}
                />
              ))}
            </SimpleGrid>
            {g.categories.includes('wageFen') && (
              <WageSuggestion householdId={householdId} year={year} onUse={(fen) => form.setFieldValue('amounts.wageFen', formatYuan(fen, false))} />
            )}
            <PaidIncomeHint householdId={householdId} year={year} categories={g.categories} onUse={(c, fen) => form.setFieldValue(`amounts.${c}`, formatYuan(fen, false))} />
          </Stack>
        ))}

        <Paper withBorder p="sm" bg="var(--mantine-color-gray-light)">
          <Text size="xs" c="dimmed" mb={4}>
            程序按 人均纯收入 =（纯收入 + 理赔收入 − 合规自付医疗支出）÷ 家庭人口数 计算，不需填写
          </Text>
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">本年（元）</Table.Th>
                <Table.Th ta="right">上年（元）</Table.Th>
                <Table.Th ta="right">变化</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <ComputedRow label="纯收入" current={live?.netIncomeFen ?? null} previous={previous?.netIncomeFen ?? null} testId="computed-net" />
              <ComputedRow label="人均纯收入" current={live?.perCapitaFen ?? null} previous={previous?.perCapitaFen ?? null} testId="computed-per-capita" strong />
            </Table.Tbody>
          </Table>
          {live && line !== null && (
            <Text size="sm" mt={4} c={isWithinLine(live.perCapitaFen, line) ? 'orange' : undefined}>
              {isWithinLine(live.perCapitaFen, line) ? `在监测范围内（不高于 ${formatYuan(line)} 元）` : `高于监测范围 ${formatYuan(line)} 元`}
            </Text>
          )}
          {!live && (
            <Text size="sm" c="dimmed">
              填写家庭人口数后显示人均纯收入
            </Text>
          )}
        </Paper>

        {live?.decline && (
          <Alert color="orange" variant="light" title="减收户">
            <Stack gap="xs">
              <Text size="sm">人均纯收入低于上年，请选择减收原因。</Text>
              <NativeSelect
                label="减收原因"
                data={[{ value: '', label: '请选择…' }, ...declineCauses.map((c) => ({ value: c, label: declineCauseLabels[c] }))]}
                {...form.getInputProps('declineCause')}
              />
              <DeclineCauseHint householdId={householdId} year={year} onUse={() => form.setFieldValue('declineCause', 'lostJob')} />
            </Stack>
          </Alert>
        )}

        <Textarea label="备注" autosize minRows={1} maxRows={4} {...form.getInputProps('note')} />

        {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
        <FormFooter failure={failure} submitLabel="保存" onCancel={onClose} busy={busy} />
      </Stack>
    </form>
  );
}

function ComputedRow({ label, current, previous, testId, strong = false }: { label: string; current: number | null; previous: number | null; testId: string; strong?: boolean }) {
  const diff = current !== null && previous !== null ? current - previous : null;
  return (
    <Table.Tr>
      <Table.Td fw={strong ? 700 : undefined}>{label}</Table.Td>
      <Table.Td ta="right" fw={strong ? 700 : undefined} data-testid={testId}>
        {current === null ? '—' : formatYuan(current)}
      </Table.Td>
      <Table.Td ta="right">{previous === null ? '—' : formatYuan(previous)}</Table.Td>
      <Table.Td ta="right" c={diff === null ? undefined : changeColor(diff)}>
        {current === null || previous === null ? '—' : changeText(change(previous, current))}
      </Table.Td>
    </Table.Tr>
  );
}
