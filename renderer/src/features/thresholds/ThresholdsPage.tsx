import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channels, type OutputOf } from '../../../../shared/contract';
import { isoDate } from '../../../../shared/contract/fields';
import { thresholdFieldLabels, type ThresholdYear } from '../../../../shared/contract/thresholds';
import { formatYuan } from '../../../../shared/domain/income';
import { deadlineUnitLabels, deadlineUnits, type DeadlineUnit, type Thresholds } from '../../../../shared/domain/thresholds';
import { invoke } from '../../api/client';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { formatDateTime } from '../../components/format';
import { applyApiError, errorMessage, isStaleSave, schemaErrors } from '../../components/formErrors';
import { StaleSaveAlert } from '../../components/StaleSaveAlert';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { formPath, parseDateList, toInput, toValues, type ThresholdsValues } from './thresholdsForm';

type ListData = OutputOf<'thresholds.list'>;

/** What the form is editing: a saved year, or a new year prefilled from the values in force. */
interface Editing {
  key: string;
  values: Thresholds;
  /** True when the prefilled values are the program's suggestions, not an admin's. */
  defaults: boolean;
  saved: boolean;
  /** The saved year's version the form starts from (null: the year has no record yet). */
  version: number | null;
}

function firstEditing(data: ListData): Editing {
  const current = Number(data.today.slice(0, 4));
  const thisYear = data.saved.find((y) => y.year === current);
  if (thisYear) return { key: `saved-${thisYear.year}`, values: thisYear, defaults: false, saved: true, version: thisYear.version };
  if (data.saved.length === 0) return { key: 'defaults', values: data.suggested, defaults: true, saved: false, version: null };
  // This year not entered yet: start from the values in force (last entered year), for this year.
  return { key: `new-${current}`, values: { ...data.inForce, year: current }, defaults: false, saved: false, version: null };
}

/** 监测标准与时限 (admin): each year's thresholds and durations, kept year by year. */
export function ThresholdsPage() {
  const list = useQuery(apiQuery('thresholds.list', {}));
  const [editing, setEditing] = useState<Editing | null>(null);

  if (list.isPending) return <LoadingBlock />;
  if (list.isError) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  const current = editing ?? firstEditing(data);

  function newYear() {
    const year = Math.max(Number(data.today.slice(0, 4)), ...data.saved.map((y) => y.year + 1));
    const from = data.saved[0];
    setEditing({
      key: `new-${year}-${Date.now()}`,
      values: from ? { ...from, year, holidays: [], makeupWorkdays: [] } : { ...data.suggested, year },
      defaults: !from,
      saved: false,
      version: null,
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="监测标准与时限"
        description="每年的监测范围、消除底线和各项时限由管理员录入；往年保留各自的数值，每条记录按其日期所在年度的数值计算。"
      >
        <Button variant="light" onClick={newYear}>
          录入新年度
        </Button>
      </PageHeader>

      {data.inForce.source === 'default' && (
        <Alert color="yellow" variant="light" title="尚未录入本年度参数">
          当前使用程序提供的默认值（监测范围 {formatYuan(data.inForce.monitoringLineFen)} 元）。请核对后保存，保存前各项时限按默认值计算。
        </Alert>
      )}

      <SavedYears data={data} editingYear={current.saved ? current.values.year : null} onEdit={(y) => setEditing({ key: `saved-${y.year}-${y.updatedAt}`, values: y, defaults: false, saved: true, version: y.version })} />

      <Paper withBorder p="md">
        <ThresholdsForm key={current.key} editing={current} onSaved={(y) => setEditing({ key: `saved-${y.year}-${y.updatedAt}`, values: y, defaults: false, saved: true, version: y.version })} />
      </Paper>
    </Stack>
  );
}

function SavedYears({ data, editingYear, onEdit }: { data: ListData; editingYear: number | null; onEdit: (y: ThresholdYear) => void }) {
  if (data.saved.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        还没有录入任何年度。
      </Text>
    );
  }
  return (
    <Paper withBorder>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>年度</Table.Th>
            <Table.Th ta="right">监测范围（元）</Table.Th>
            <Table.Th ta="right">消除底线（元）</Table.Th>
            <Table.Th>测算周期</Table.Th>
            <Table.Th>公示</Table.Th>
            <Table.Th>识别时限</Table.Th>
            <Table.Th>计划时限</Table.Th>
            <Table.Th>最短监测</Table.Th>
            <Table.Th>走访间隔（监测中/已消除/稳定）</Table.Th>
            <Table.Th>节假日/调休</Table.Th>
            <Table.Th>最后修改</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.saved.map((y) => (
            <Table.Tr key={y.id} bg={y.year === editingYear ? 'var(--mantine-color-blue-light)' : undefined}>
              <Table.Td>
                {y.year}
                {y.year === data.inForce.year && data.inForce.source === 'saved' && (
                  <Badge ml={6} size="xs" variant="light" color="green">
                    现行
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatYuan(y.monitoringLineFen)}</Table.Td>
              <Table.Td ta="right">{formatYuan(y.eliminationFloorFen)}</Table.Td>
              <Table.Td>{periodText(y.periodStartMonth)}</Table.Td>
              <Table.Td>{y.noticeDays} 天</Table.Td>
              <Table.Td>
                {y.identificationDeadlineDays} 个{deadlineUnitLabels[y.identificationDeadlineUnit]}
              </Table.Td>
              <Table.Td>{y.planDeadlineDays} 天</Table.Td>
              <Table.Td>{y.minMonitoringMonths} 个月</Table.Td>
              <Table.Td>
                {y.visitOpenMonths} / {y.visitEliminatedMonths} / {y.visitStableMonths} 个月
              </Table.Td>
              <Table.Td>
                {y.holidays.length} / {y.makeupWorkdays.length} 天
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {y.updatedByName ?? '—'} {formatDateTime(y.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="light" onClick={() => onEdit(y)} aria-label={`修改 ${y.year} 年`}>
                  修改
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function periodText(startMonth: number): string {
  if (startMonth === 1) return '1 月–12 月（自然年）';
  return `${startMonth} 月–次年 ${startMonth - 1} 月`;
}

const monthOptions = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: periodText(i + 1) }));

function badDatesMessage(text: string): string | null {
  const bad = parseDateList(text).filter((d) => !isoDate.safeParse(d).success);
  return bad.length === 0 ? null : `“${bad.join('”、“')}”不是有效日期。请每行填一个日期，例如 2026-10-01`;
}

function ThresholdsForm({ editing, onSaved }: { editing: Editing; onSaved: (y: ThresholdYear) => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Fixed when the form opens: a refetch of the list must not make an old form look current.
  const [seenVersion, setSeenVersion] = useState(editing.version);
  const [stale, setStale] = useState<string | null>(null);
  const form = useForm<ThresholdsValues>({
    initialValues: toValues(editing.values),
    validate: (values) => {
      const errors = schemaErrors(channels['thresholds.save'].input, toInput(values), formPath);
      const holidays = badDatesMessage(values.holidaysText);
      if (holidays) errors.holidaysText = holidays;
      const makeups = badDatesMessage(values.makeupWorkdaysText);
      if (makeups) errors.makeupWorkdaysText = makeups;
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    setStale(null);
    setBusy(true);
    try {
      const saved = await invoke('thresholds.save', { ...toInput(values), version: seenVersion });
      notifications.show({ color: 'green', title: '已保存', message: `${saved.year} 年监测标准与时限已保存` });
      // Deadlines and visit due dates follow the thresholds: every view of them is refreshed.
      await invalidateChannels(queryClient, 'thresholds.list', 'income.forHousehold', 'income.summary', 'monitoring.list', 'monitoring.get', 'visits.due');
      onSaved(saved);
    } catch (err) {
      // Another admin saved this year first: the values typed stay; loading the latest is offered.
      if (isStaleSave(err)) setStale(errorMessage(err));
      else setFailure(applyApiError(form, err, formPath));
    } finally {
      setBusy(false);
    }
  });

  const reloadLatest = async () => {
    try {
      const latest = await queryClient.fetchQuery({ ...apiQuery('thresholds.list', {}), staleTime: 0 });
      const year = latest.saved.find((y) => String(y.year) === form.getValues().year.trim());
      if (year) {
        form.setValues(toValues(year));
        setSeenVersion(year.version);
      }
      form.clearErrors();
      setStale(null);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const label = (k: keyof typeof thresholdFieldLabels) => thresholdFieldLabels[k];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>{editing.saved ? `修改 ${editing.values.year} 年` : '录入年度参数'}</Title>
        </Group>
        {editing.defaults && (
          <Alert color="yellow" variant="filled" title="以下为默认值，请核对后保存">
            这些数值是程序提供的参考值，不一定符合本县规定。请对照县里当年的文件逐项核对、修改，然后点“保存”。
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <TextInput label={label('year')} inputMode="numeric" maxLength={4} readOnly={editing.saved} description={editing.saved ? '已保存的年度' : '从该年 1 月 1 日起适用'} {...form.getInputProps('year')} />
          <TextInput label={label('monitoringLineFen')} inputMode="decimal" rightSection="元" description="人均纯收入，例如 7260" {...form.getInputProps('monitoringLineYuan')} />
          <TextInput label={label('eliminationFloorFen')} inputMode="decimal" rightSection="元" description="不得高于监测范围" {...form.getInputProps('eliminationFloorYuan')} />
          <NativeSelect label={label('periodStartMonth')} data={monthOptions} description="收入按此周期测算" {...form.getInputProps('periodStartMonth')} />
          <TextInput label={label('noticeDays')} inputMode="numeric" rightSection="天" description="含公示首日，一般 5 或 7 天" {...form.getInputProps('noticeDays')} />
          <TextInput label={label('identificationDeadlineDays')} inputMode="numeric" description="从发现线索到县级审定" {...form.getInputProps('identificationDeadlineDays')} />
          <NativeSelect
            label={label('identificationDeadlineUnit')}
            data={deadlineUnits.map((u: DeadlineUnit) => ({ value: u, label: deadlineUnitLabels[u] }))}
            description="工作日不计周末和下方的节假日"
            {...form.getInputProps('identificationDeadlineUnit')}
          />
          <TextInput label={label('planDeadlineDays')} inputMode="numeric" rightSection="天" {...form.getInputProps('planDeadlineDays')} />
          <TextInput label={label('minMonitoringMonths')} inputMode="numeric" rightSection="月" {...form.getInputProps('minMonitoringMonths')} />
          <TextInput label={label('visitOpenMonths')} inputMode="numeric" rightSection="月" {...form.getInputProps('visitOpenMonths')} />
          <TextInput label={label('visitEliminatedMonths')} inputMode="numeric" rightSection="月" {...form.getInputProps('visitEliminatedMonths')} />
          <TextInput label={label('visitStableMonths')} inputMode="numeric" rightSection="月" {...form.getInputProps('visitStableMonths')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={label('holidays')}
            description="落在周一至周五的放假日，每行一个，例如 2026-10-01"
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('holidaysText')}
          />
          <Textarea
            label={label('makeupWorkdays')}
            description="需要上班的周六、周日，每行一个"
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('makeupWorkdaysText')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          保存后，在办监测对象的识别时限、帮扶计划时限和各户下次走访日期将按新数值重新计算。
        </Text>
        {stale && <StaleSaveAlert message={stale} onReload={() => void reloadLatest()} />}
        {failure && (
          <Alert color="red" variant="light" title="没有办成" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          {form.isDirty() && (
            <Button variant="default" onClick={() => form.reset()} disabled={busy}>
              撤销修改
            </Button>
          )}
          <Button type="submit" loading={busy}>
            保存
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
