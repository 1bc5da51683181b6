import { Alert, Button, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { exportResultSchema, type ExportFormat, type ExportInput } from '../../../../../shared/contract/fileExport';
import { measureFamilies, measureFamilyLabels } from '../../../../../shared/contract/measures';
import { householdKindLabels, householdKinds } from '../../../../../shared/domain/household';
import { exportLedgerLabels, exportLedgers, type ExportLedger } from '../../../../../shared/domain/ledgerLayouts';
import {
  caseStatusLabels,
  caseStatuses,
  measureStatusLabels,
  measureStatuses,
  monitoringCategories,
  monitoringCategoryLabels,
  visitKindLabels,
  visitKinds,
} from '../../../../../shared/domain/monitoring';
import { invoke } from '../../../api/client';
import { saveProducedFile } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { useToday } from '../../../api/today';
import { PageHeader } from '../../../components/PageStates';
import { errorMessage } from '../../../components/formErrors';
import { officeQuery } from '../../../api/queries';
import { DateField } from '../../../components/DateField';

interface Form {
  ledger: ExportLedger;
  format: ExportFormat;
  villageId: string;
  householdKind: string;
  householdStatus: 'active' | 'closed' | 'all';
  caseStatus: string;
  category: string;
  measureStatus: string;
  family: string;
  visitKind: string;
  from: string;
  to: string;
  month: string;
  show: 'all' | 'overdue' | 'upcoming';
  year: string;
}

const options = (labels: Readonly<Record<string, string>>, keys: readonly string[], allLabel = '全部') => [
  { value: '', label: allLabel },
  ...keys.map((k) => ({ value: k, label: labels[k] ?? k })),
];

/** The form's filters as the ledger's export input (the list channels' own filter shapes). */
function inputOf(f: Form, thisYear: number): ExportInput {
  const village = f.villageId ? { villageId: f.villageId } : {};
  switch (f.ledger) {
    case 'households':
      return {
        ledger: 'households',
        format: f.format,
        filters: { ...village, status: f.householdStatus, ...(f.householdKind ? { kind: f.householdKind as (typeof householdKinds)[number] } : {}) },
      };
    case 'monitoring':
      return {
        ledger: 'monitoring',
        format: f.format,
        filters: {
          ...village,
          status: (f.caseStatus || 'all') as 'all',
          ...(f.category ? { category: f.category as (typeof monitoringCategories)[number] } : {}),
        },
      };
    case 'measures':
      return {
        ledger: 'measures',
        format: f.format,
        filters: {
          ...village,
          ...(f.measureStatus ? { status: f.measureStatus as (typeof measureStatuses)[number] } : {}),
          ...(f.family ? { family: f.family as (typeof measureFamilies)[number] } : {}),
        },
      };
    case 'visits':
      return {
        ledger: 'visits',
        format: f.format,
        filters: {
          ...village,
          ...(f.visitKind ? { kind: f.visitKind as (typeof visitKinds)[number] } : {}),
          ...(f.from ? { from: f.from } : {}),
          ...(f.to ? { to: f.to } : {}),
        },
      };
    case 'visitsDue':
      return { ledger: 'visitsDue', format: f.format, filters: { ...village, show: f.show, ...(f.month ? { month: f.month } : {}) } };
    case 'income':
      return { ledger: 'income', format: f.format, filters: { ...village, ...(f.year ? { year: Number(f.year) } : {}) } };
    case 'migrantWork':
      // The year is required here: an empty choice means the current year (the page's default).
      return { ledger: 'migrantWork', format: f.format, filters: { ...village, year: f.year ? Number(f.year) : thisYear } };
    case 'funds':
      return { ledger: 'funds', format: f.format, filters: f.year ? { year: Number(f.year) } : {} };
    case 'fundProjects':
      return { ledger: 'fundProjects', format: f.format, filters: { ...village, ...(f.year ? { year: Number(f.year) } : {}) } };
    case 'loans':
      return { ledger: 'loans', format: f.format, filters: { ...village, ...(f.year ? { year: Number(f.year) } : {}) } };
    case 'welfarePosts':
      return { ledger: 'welfarePosts', format: f.format, filters: { ...village, year: f.year ? Number(f.year) : thisYear } };
    case 'workshops':
      return { ledger: 'workshops', format: f.format, filters: { ...village, year: f.year ? Number(f.year) : thisYear } };
    case 'assets':
      return { ledger: 'assets', format: f.format, filters: village };
    case 'paymentLines':
      return { ledger: 'paymentLines', format: f.format, filters: { ...village, year: f.year ? Number(f.year) : thisYear } };
  }
}

/** 台账导出: any ledger with filters, as Excel or CSV, with progress and a save step. */
export function ExportPage() {
  const today = useToday();
  const office = useQuery(officeQuery);
  const villages = office.data?.villages ?? [];
  const [form, setForm] = useState<Form>({
    ledger: 'households',
    format: 'xlsx',
    villageId: '',
    householdKind: '',
    householdStatus: 'active',
    caseStatus: 'all',
    category: '',
    measureStatus: '',
    family: '',
    visitKind: '',
    from: '',
    to: '',
    month: today.slice(0, 7),
    show: 'all',
    year: String(Number(today.slice(0, 4)) - 1),
  });
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const job = useJob(exportResultSchema);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  async function run() {
    setSaved(null);
    setSaveError(null);
    const result = await job.run(() => invoke('files.export', inputOf(form, Number(today.slice(0, 4)))));
    if (!result) return;
    try {
      setSaved(await saveProducedFile(result.file));
    } catch (err) {
      setSaveError(err);
    }
  }

  const years = Array.from({ length: 6 }, (_, i) => String(Number(today.slice(0, 4)) - i));

  return (
    <Stack maw={880}>
      <PageHeader title="台账导出" description="按固定格式导出台账：Excel 表格便于查看和报送；CSV（UTF-8）便于导入其他系统。" />
      <Paper withBorder p="md">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="台账"
              value={form.ledger}
              onChange={(e) => set({ ledger: e.currentTarget.value as ExportLedger })}
              data={exportLedgers.map((l) => ({ value: l, label: exportLedgerLabels[l] }))}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                格式
              </Text>
              <SegmentedControl
                aria-label="格式"
                value={form.format}
                onChange={(v) => set({ format: v as ExportFormat })}
                data={[
                  { value: 'xlsx', label: 'Excel（.xlsx）' },
                  { value: 'csv', label: 'CSV（.csv）' },
                ]}
              />
            </Stack>
            <NativeSelect
              label="行政村"
              value={form.villageId}
              onChange={(e) => set({ villageId: e.currentTarget.value })}
              data={[{ value: '', label: '全部村' }, ...villages.map((v) => ({ value: v.id, label: v.name }))]}
            />
            {form.ledger === 'households' && (
              <>
                <NativeSelect label="户类型" value={form.householdKind} onChange={(e) => set({ householdKind: e.currentTarget.value })} data={options(householdKindLabels, householdKinds)} />
                <NativeSelect
                  label="户状态"
                  value={form.householdStatus}
                  onChange={(e) => set({ householdStatus: e.currentTarget.value as Form['householdStatus'] })}
                  data={[
                    { value: 'active', label: '在册' },
                    { value: 'closed', label: '已注销' },
                    { value: 'all', label: '全部' },
                  ]}
                />
              </>
            )}
            {form.ledger === 'monitoring' && (
              <>
                <NativeSelect
                  label="监测状态"
                  value={form.caseStatus}
                  onChange={(e) => set({ caseStatus: e.currentTarget.value })}
                  data={[{ value: 'all', label: '全部' }, { value: 'open', label: '识别中和监测中' }, ...caseStatuses.map((s) => ({ value: s, label: caseStatusLabels[s] }))]}
                />
                <NativeSelect label="监测对象类型" value={form.category} onChange={(e) => set({ category: e.currentTarget.value })} data={options(monitoringCategoryLabels, monitoringCategories)} />
              </>
            )}
            {form.ledger === 'measures' && (
              <>
                <NativeSelect label="落实状态" value={form.measureStatus} onChange={(e) => set({ measureStatus: e.currentTarget.value })} data={options(measureStatusLabels, measureStatuses)} />
                <NativeSelect label="措施类别" value={form.family} onChange={(e) => set({ family: e.currentTarget.value })} data={options(measureFamilyLabels, measureFamilies)} />
              </>
            )}
            {form.ledger === 'visits' && (
              <>
                <NativeSelect label="走访类型" value={form.visitKind} onChange={(e) => set({ visitKind: e.currentTarget.value })} data={options(visitKindLabels, visitKinds)} />
                <Group grow>
                  <DateField label="开始日期" value={form.from} onChange={(value) => set({ from: value })} />
                  <DateField label="结束日期" value={form.to} onChange={(value) => set({ to: value })} />
                </Group>
              </>
            )}
            {form.ledger === 'visitsDue' && (
              <>
                <TextInput label="月份" type="month" value={form.month} onChange={(e) => set({ month: e.currentTarget.value })} />
                <NativeSelect
                  label="范围"
                  value={form.show}
                  onChange={(e) => set({ show: e.currentTarget.value as Form['show'] })}
                  data={[
                    { value: 'all', label: '全部待走访' },
                    { value: 'overdue', label: '仅逾期' },
                    { value: 'upcoming', label: '本月到期未逾期' },
                  ]}
                />
              </>
            )}
            {(form.ledger === 'income' || form.ledger === 'migrantWork' || form.ledger === 'funds' || form.ledger === 'fundProjects' || form.ledger === 'loans' || form.ledger === 'welfarePosts' || form.ledger === 'workshops' || form.ledger === 'paymentLines') && (
              <NativeSelect label="年度" value={form.year} onChange={(e) => set({ year: e.currentTarget.value })} data={[{ value: '', label: '全部年度' }, ...years]} />
            )}
          </SimpleGrid>
          {form.format === 'csv' && (
            <Text size="sm" c="dimmed">
              提示：用 Excel 直接打开 CSV 时，身份证号等长数字可能显示为科学计数法；查看和报送请用 Excel 格式。
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={() => void run()} loading={job.running}>
              导出
            </Button>
          </Group>
          <JobProgress snapshot={job.snapshot} running={job.running} onCancel={() => void job.cancel()} label="导出进度" />
          {job.error && (
            <Alert color="red" variant="light" title="导出失败">
              {job.error.message}
            </Alert>
          )}
          {job.result && (
            <Alert color="green" variant="light" title="导出完成">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {exportLedgerLabels[form.ledger]}共 {job.result.rows.toLocaleString('zh-CN')} 行：{job.result.file.fileName}
                  {saved ? `，已保存为 ${saved}` : ''}
                </Text>
                <Button size="xs" variant="default" onClick={() => job.result && void saveProducedFile(job.result.file).then(setSaved, setSaveError)}>
                  再保存一份
                </Button>
              </Stack>
            </Alert>
          )}
          {saveError !== null && (
            <Alert color="orange" variant="light" title="保存未完成">
              {errorMessage(saveError)}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
