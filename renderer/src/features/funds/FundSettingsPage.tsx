import { NativeSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SavedFundSettings } from '../../../../shared/contract/funds';
import { fundSettingsFor, type FundSettings } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { YearlySettingsForm, type YearlyBasis } from '../../components/YearlySettingsForm';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { refreshFunds, yearOptions } from './util';
import { DateField, formDate } from '../../components/DateField';

function milestonesText(s: FundSettings): string {
  return s.milestones.map((m) => `${m.date}:${m.percent}`).join('，');
}

/** "06-30:50，09-30:75" → milestones, or null when a part is not 月-日:百分比. */
function parseMilestones(text: string): { date: string; percent: number }[] | null {
  const parts = text.split(/[,，;；\s]+/).filter((p) => p !== '');
  const out: { date: string; percent: number }[] = [];
  for (const p of parts) {
    const m = /^(\d{2}-\d{2})[:：](\d{1,3})%?$/.exec(p);
    if (!m) return null;
    out.push({ date: m[1]!, percent: Number(m[2]) });
  }
  return out;
}

/** 资金项目参数 (admin): each year's notice days, review time limit, spending milestones and closing day. */
export function FundSettingsPage() {
  const catalog = useQuery(apiQuery('funds.catalog', {}));
  const [year, setYear] = useState<string | null>(null);
  if (catalog.isPending) return <LoadingBlock />;
  if (catalog.isError) return <ErrorBlock error={catalog.error} onRetry={() => void catalog.refetch()} />;
  const shownYear = year ?? String(catalog.data.inForce.year);
  const saved = catalog.data.saved.find((s) => s.year === Number(shownYear)) ?? null;
  const values = saved ?? fundSettingsFor(catalog.data.saved, Number(shownYear));
  const earlier = catalog.data.saved.filter((s) => s.year < Number(shownYear)).map((s) => s.year);
  const basis: YearlyBasis = saved ? { kind: 'saved' } : earlier.length > 0 ? { kind: 'inherited', fromYear: Math.max(...earlier) } : { kind: 'default' };
  return (
    <>
      <PageHeader title="资金项目参数" description="公示天数、审核时限、支出进度节点和年度结账日期，按年度保存；未保存的年度沿用上一年度。">
        <NativeSelect aria-label="年度" data={yearOptions(catalog.data.today)} value={shownYear} onChange={(e) => setYear(e.currentTarget.value)} />
      </PageHeader>
      <SettingsForm key={`${shownYear}-${saved?.version ?? 0}`} year={Number(shownYear)} values={values} saved={saved} basis={basis} />
    </>
  );
}

function SettingsForm({ year, values, saved, basis }: { year: number; values: FundSettings; saved: SavedFundSettings | null; basis: YearlyBasis }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      villageNoticeDays: values.villageNoticeDays as number | string,
      townshipNoticeDays: values.townshipNoticeDays as number | string,
      libraryNoticeDays: values.libraryNoticeDays as number | string,
      reviewDeadlineDays: values.reviewDeadlineDays as number | string,
      milestones: milestonesText(values),
      closeDate: values.closeDate ?? '',
    },
  });
  const save = async () => {
    const v = form.getValues();
    form.clearErrors();
    const milestones = parseMilestones(v.milestones);
    if (milestones === null) {
      form.setFieldError('milestones', '请按“月-日:百分比”填写，用逗号分隔，例如 06-30:50，09-30:75，12-31:100');
      return false;
    }
    await invoke('funds.saveSettings', {
      year,
      villageNoticeDays: Number(v.villageNoticeDays),
      townshipNoticeDays: Number(v.townshipNoticeDays),
      libraryNoticeDays: Number(v.libraryNoticeDays),
      reviewDeadlineDays: Number(v.reviewDeadlineDays),
      milestones,
      closeDate: v.closeDate === '' ? null : v.closeDate,
      version: saved?.version ?? null,
    });
    await refreshFunds(queryClient);
  };
  return (
    <YearlySettingsForm what="资金项目参数" year={year} basis={basis} maw={720} onSave={save} onFieldErrors={form.setErrors} onCancel={() => form.reset()} reloadKey={['funds.catalog']}>
      <SimpleGrid cols={2}>
        <NumberInput label="村公示天数（至少）" min={1} max={60} {...form.getInputProps('villageNoticeDays')} />
        <NumberInput label="乡公示天数（至少）" min={1} max={60} {...form.getInputProps('townshipNoticeDays')} />
        <NumberInput label="入库公告天数（至少）" min={1} max={60} {...form.getInputProps('libraryNoticeDays')} />
        <NumberInput label="公示期满后审核时限（天）" min={1} max={120} {...form.getInputProps('reviewDeadlineDays')} />
      </SimpleGrid>
      <TextInput label="支出进度节点" description="月-日:应达到的支出进度（%），例如 06-30:50，09-30:75，12-31:100" {...form.getInputProps('milestones')} />
      <DateField label="年度结账日期" description="县里规定的结账日；过了这一天，该年度的资金不能再分配、拨付或冲销。不结账请留空" placeholder="不结账请留空" {...formDate(form.getInputProps('closeDate'))} />
    </YearlySettingsForm>
  );
}
