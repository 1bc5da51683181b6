import { Alert, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../../shared/contract';
import { incomeCategories, incomeCategoryGroups, incomeCategoryLabels, isDecline, perCapitaFen, type IncomeCategory } from '../../../../shared/domain/income';
import { declineCauseLabels, declineCauses, type DeclineCause } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { errorMessage } from '../../components/formErrors';
import { formatYuan, yuanText } from '../../components/money';
import { readYuan } from '../../../../shared/lib/money';

// 走访登记's 同时更新本年收入 part: the household's income for a year, loaded and edited beside the
// visit and saved with it (VisitDialog.tsx owns the form).

export type AmountsDraft = Record<IncomeCategory, string>;

export function parseAmounts(amounts: AmountsDraft): { fen: Record<IncomeCategory, number>; errors: Record<string, string> } {
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

export function useIncomePart(householdId: string, enabled: boolean, defaultYear: number) {
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

export type IncomePart = ReturnType<typeof useIncomePart>;

export function IncomeFields({ part, errors, clear }: { part: IncomePart; errors: Record<string, string>; clear: (...keys: string[]) => void }) {
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
