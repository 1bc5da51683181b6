import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OutputOf } from '../../../../shared/contract';
import type { EmploymentSettingsValues } from '../../../../shared/contract/employment';
import { workAreaLabels, workAreas, type WorkArea } from '../../../../shared/domain/employment';
import { householdKindLabels, householdKinds, type HouseholdKind } from '../../../../shared/domain/household';
import { formatYuan, readYuan } from '../../../../shared/lib/money';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { formatDateTime } from '../../components/format';
import { yuanText } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { YearlySettingsForm, type YearlyBasis } from '../../components/YearlySettingsForm';

type Data = OutputOf<'employment.settings'>;

/** The form's text for one year's values (money in 元). */
interface Texts {
  year: string;
  minAge: string;
  maxAgeMale: string;
  maxAgeFemale: string;
  surveyKinds: HouseholdKind[];
  transport: Record<WorkArea, string>;
  transportMinMonths: string;
  tiers: { minPeople: string; reward: string }[];
  workshopMinMonths: string;
  workshopMinWage: string;
  workshopStableMonths: string;
  workshopPerPerson: string;
}

function toTexts(s: EmploymentSettingsValues): Texts {
  return {
    year: String(s.year),
    minAge: String(s.minAge),
    maxAgeMale: String(s.maxAgeMale),
    maxAgeFemale: String(s.maxAgeFemale),
    surveyKinds: [...s.surveyKinds],
    transport: { outOfProvince: yuanText(s.transportTiers.outOfProvince), inProvince: yuanText(s.transportTiers.inProvince), inCounty: yuanText(s.transportTiers.inCounty) },
    transportMinMonths: String(s.transportMinMonths),
    tiers: s.workshopTiers.map((t) => ({ minPeople: String(t.minPeople), reward: yuanText(t.rewardFen) })),
    workshopMinMonths: String(s.workshopMinMonths),
    workshopMinWage: yuanText(s.workshopMinWageFen),
    workshopStableMonths: String(s.workshopStableMonths),
    workshopPerPerson: yuanText(s.workshopPerPersonFen),
  };
}

/** Parses the texts; problems by field name, in words that say what to type. */
function parse(t: Texts): { values: EmploymentSettingsValues | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const int = (key: string, label: string, text: string): number => {
    if (!/^\d{1,4}$/.test(text.trim())) errors[key] = `${label}请填整数`;
    return Number(text);
  };
  const money = (key: string, label: string, text: string): number => {
    const r = readYuan(text, { label });
    if (!r.ok) errors[key] = r.error;
    else if (r.fen === null) errors[key] = `请填写${label}（元），没有请填 0`;
    return r.ok ? (r.fen ?? 0) : 0;
  };
  const values: EmploymentSettingsValues = {
    year: int('year', '年度', t.year),
    minAge: int('minAge', '劳动年龄下限', t.minAge),
    maxAgeMale: int('maxAgeMale', '男性上限', t.maxAgeMale),
    maxAgeFemale: int('maxAgeFemale', '女性上限', t.maxAgeFemale),
    surveyKinds: t.surveyKinds,
    transportTiers: {
      outOfProvince: money('transportTiers.outOfProvince', '省外交通补助', t.transport.outOfProvince),
      inProvince: money('transportTiers.inProvince', '省内县外交通补助', t.transport.inProvince),
      inCounty: money('transportTiers.inCounty', '县内交通补助', t.transport.inCounty),
    },
    transportMinMonths: int('transportMinMonths', '连续务工月数', t.transportMinMonths),
    workshopTiers: t.tiers.map((x, i) => ({ minPeople: int(`tiers.${i}.minPeople`, '起始人数', x.minPeople), rewardFen: money(`tiers.${i}.reward`, '奖补金额', x.reward) })),
    workshopMinMonths: int('workshopMinMonths', '务工月数', t.workshopMinMonths),
    workshopMinWageFen: money('workshopMinWage', '月均工资', t.workshopMinWage),
    workshopStableMonths: int('workshopStableMonths', '稳岗月数', t.workshopStableMonths),
    workshopPerPersonFen: money('workshopPerPerson', '每人奖补', t.workshopPerPerson),
  };
  return { values: Object.keys(errors).length > 0 ? null : values, errors };
}

/** 就业参数 (admin): labour ages, who the 摸排 covers, subsidy and workshop reward tiers, year by year. */
export function EmploymentSettingsPage() {
  const q = useQuery(apiQuery('employment.settings', {}));
  const [editing, setEditing] = useState<{ key: string; values: EmploymentSettingsValues; version: number | null } | null>(null);
  if (q.isPending) return <LoadingBlock />;
  if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  const year = Number(data.today.slice(0, 4));
  const current = editing ?? startEditing(data, year);
  return (
    <Stack>
      <PageHeader title="就业参数" description="按年度设置；某年的参数在以后年度录入前一直有效。">
        <Button variant="default" onClick={() => setEditing({ key: `new-${Date.now()}`, values: { ...data.inForce, year: Math.max(year, ...data.saved.map((s) => s.year + 1)) }, version: null })}>
          录入新年度
        </Button>
      </PageHeader>
      <SettingsForm key={current.key} initial={current.values} version={current.version} basis={basisOf(data, current.version)} />
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          已保存的年度
        </Title>
        {data.saved.length === 0 ? (
          <Text size="sm" c="dimmed">
            尚无。
          </Text>
        ) : (
          <Table striped aria-label="已保存的就业参数">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>年度</Table.Th>
                <Table.Th>劳动年龄</Table.Th>
                <Table.Th>省外交通补助</Table.Th>
                <Table.Th>修改人</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.saved.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.year}</Table.Td>
                  <Table.Td>
                    {s.minAge}–{s.maxAgeMale}（男）/{s.maxAgeFemale}（女）
                  </Table.Td>
                  <Table.Td>{formatYuan(s.transportTiers.outOfProvince)} 元</Table.Td>
                  <Table.Td>
                    {s.updatedByName ?? '—'} {formatDateTime(s.updatedAt)}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setEditing({ key: `saved-${s.id}-${s.version}`, values: s, version: s.version })}>
                      修改
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

/** Where the form's values come from: the year's saved row, the year in force, or the program's suggestion. */
function basisOf(data: Data, version: number | null): YearlyBasis {
  if (version !== null) return { kind: 'saved' };
  return data.inForce.source === 'saved' ? { kind: 'inherited', fromYear: data.inForce.year } : { kind: 'default' };
}

function startEditing(data: Data, year: number) {
  const saved = data.saved.find((s) => s.year === year);
  if (saved) return { key: `saved-${saved.id}-${saved.version}`, values: saved as EmploymentSettingsValues, version: saved.version };
  return { key: `new-${year}`, values: { ...(data.inForce.source === 'saved' ? data.inForce : data.suggested), year }, version: null };
}

function SettingsForm({ initial, version, basis }: { initial: EmploymentSettingsValues; version: number | null; basis: YearlyBasis }) {
  const queryClient = useQueryClient();
  const [t, setT] = useState<Texts>(() => toTexts(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<Texts>) => setT((old) => ({ ...old, ...patch }));

  const save = async () => {
    const { values, errors: found } = parse(t);
    setErrors(found);
    if (!values) return false;
    await invoke('employment.saveSettings', { ...values, version });
    await invalidateChannels(queryClient, 'employment.settings', 'employment.surveyRounds', 'employment.surveyRound', 'employment.checklist', 'employment.surveyTodo');
  };

  return (
    <YearlySettingsForm
      what="就业参数"
      year={/^\d{4}$/.test(t.year) ? Number(t.year) : initial.year}
      basis={basis}
      title={`${t.year} 年就业参数`}
      onSave={save}
      onFieldErrors={setErrors}
      onCancel={() => {
        setT(toTexts(initial));
        setErrors({});
      }}
      reloadKey={['employment.settings']}
    >
      <SimpleGrid cols={4}>
        <TextInput label="年度" value={t.year} error={errors.year} disabled={version !== null} onChange={(e) => set({ year: e.currentTarget.value })} />
        <TextInput label="劳动年龄下限（岁）" value={t.minAge} error={errors.minAge} onChange={(e) => set({ minAge: e.currentTarget.value })} />
        <TextInput label="男性上限（岁）" value={t.maxAgeMale} error={errors.maxAgeMale} onChange={(e) => set({ maxAgeMale: e.currentTarget.value })} />
        <TextInput label="女性上限（岁）" value={t.maxAgeFemale} error={errors.maxAgeFemale} onChange={(e) => set({ maxAgeFemale: e.currentTarget.value })} />
      </SimpleGrid>
      <Checkbox.Group label="纳入季度务工摸排的户" value={t.surveyKinds} error={errors.surveyKinds} onChange={(v) => set({ surveyKinds: v as HouseholdKind[] })}>
        <Group mt={4}>
          {householdKinds.map((k) => (
            <Checkbox key={k} value={k} label={householdKindLabels[k]} />
          ))}
        </Group>
      </Checkbox.Group>
      <Text size="sm" fw={600}>
        一次性交通补助（按务工地域）
      </Text>
      <SimpleGrid cols={4}>
        {workAreas.map((a) => (
          <TextInput
            key={a}
            label={`${workAreaLabels[a]}（元）`}
            value={t.transport[a]}
            error={errors[`transportTiers.${a}`]}
            onChange={(e) => set({ transport: { ...t.transport, [a]: e.currentTarget.value } })}
          />
        ))}
        <TextInput label="连续外出务工（月）" value={t.transportMinMonths} error={errors.transportMinMonths} onChange={(e) => set({ transportMinMonths: e.currentTarget.value })} />
      </SimpleGrid>
      <Text size="sm" fw={600}>
        就业帮扶车间奖补
      </Text>
      <SimpleGrid cols={4}>
        <TextInput label="计入人数：务工满（月）" value={t.workshopMinMonths} error={errors.workshopMinMonths} onChange={(e) => set({ workshopMinMonths: e.currentTarget.value })} />
        <TextInput label="且月均工资不低于（元）" value={t.workshopMinWage} error={errors.workshopMinWage} onChange={(e) => set({ workshopMinWage: e.currentTarget.value })} />
        <TextInput label="稳岗奖补：务工满（月）" value={t.workshopStableMonths} error={errors.workshopStableMonths} onChange={(e) => set({ workshopStableMonths: e.currentTarget.value })} />
        <TextInput label="稳岗奖补每人（元）" value={t.workshopPerPerson} error={errors.workshopPerPerson} onChange={(e) => set({ workshopPerPerson: e.currentTarget.value })} />
      </SimpleGrid>
      {t.tiers.map((tier, i) => (
        <Group key={i} align="flex-end">
          <TextInput
            label={`档次 ${i + 1}：计入人数达到`}
            value={tier.minPeople}
            error={errors[`tiers.${i}.minPeople`]}
            onChange={(e) => set({ tiers: t.tiers.map((x, j) => (j === i ? { ...x, minPeople: e.currentTarget.value } : x)) })}
          />
          <TextInput
            label="奖补（元）"
            value={tier.reward}
            error={errors[`tiers.${i}.reward`]}
            onChange={(e) => set({ tiers: t.tiers.map((x, j) => (j === i ? { ...x, reward: e.currentTarget.value } : x)) })}
          />
          {t.tiers.length > 1 && (
            <Button variant="subtle" color="red" onClick={() => set({ tiers: t.tiers.filter((_, j) => j !== i) })}>
              删除档次
            </Button>
          )}
        </Group>
      ))}
      {errors.workshopTiers && (
        <Text size="sm" c="red">
          {errors.workshopTiers}
        </Text>
      )}
      <Group>
        <Button variant="default" size="xs" onClick={() => set({ tiers: [...t.tiers, { minPeople: '', reward: '' }] })}>
          增加档次
        </Button>
      </Group>
    </YearlySettingsForm>
  );
}
