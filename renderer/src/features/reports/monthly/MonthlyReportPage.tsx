import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { exportResultSchema } from '../../../../../shared/contract/fileExport';
import type { MonthlyReport } from '../../../../../shared/contract/monthlyReport';
import { monthToReport } from '../../../../../shared/domain/monthlyReport';
import { monthLabel } from '../../../../../shared/domain/monthlyTables';
import { localDateTimeText } from '../../../../../shared/lib/dates';
import { invoke } from '../../../api/client';
import { printDocument, saveProducedFile } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { apiQuery, invalidateChannels } from '../../../api/queries';
import { useToday } from '../../../api/today';
import { errorMessage } from '../../../components/formErrors';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../../components/PageStates';
import { MonthTables } from './MonthTables';

// 月报 (issue 14 item 2): pick a month, look at its figures as of the month's end, 生成并存档 (the
// copy that is reported), then print or export that stored copy — now or in a year, the same paper.

/** 'YYYY-MM' ↔ the picker's 'YYYY-MM-DD'. */
const toPicker = (month: string) => `${month}-01`;

export function MonthlyReportPage() {
  const today = useToday();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(() => monthToReport(today));
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const preview = useQuery(apiQuery('reports.monthlyPreview', { month }));
  const list = useQuery(apiQuery('reports.monthlyList', {}));
  const stored = useQuery({ ...apiQuery('reports.monthlyGet', { id: shown ?? '' }), enabled: shown !== null });
  const exportJob = useJob(exportResultSchema);

  async function act(key: string, run: () => Promise<void>) {
    setFailure(null);
    setBusy(key);
    try {
      await run();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const make = () =>
    act('make', async () => {
      const r = await invoke('reports.monthlyMake', { month });
      await invalidateChannels(queryClient, 'reports.monthlyList');
      setShown(r.id);
      notifications.show({ color: 'green', title: `已生成${monthLabel(month)}月报`, message: `已存档，核验码 ${r.contentCode}。可打印或导出 Excel` });
    });
  const print = (r: MonthlyReport) =>
    act(`print-${r.id}`, async () => {
      const result = await invoke('reports.monthlyPrint', { id: r.id });
      await printDocument(result.file);
    });
  const exportXlsx = async (r: MonthlyReport) => {
    setFailure(null);
    const result = await exportJob.run(() => invoke('reports.monthlyExport', { id: r.id }));
    if (!result) {
      setFailure(exportJob.error ? errorMessage(exportJob.error) : '导出没有完成，请重试');
      return;
    }
    const saved = await saveProducedFile(result.file);
    if (saved) notifications.show({ color: 'green', title: '已导出月报', message: saved });
  };

  const reports = list.data?.reports ?? [];
  return (
    <Stack gap="md" maw={1280}>
      <PageHeader title="月报" description="按月末统计各村防止返贫监测情况，每月 20 日前报县。生成后存档，存档的月报任何时候重印都与报送时一致。" />
      <Group align="flex-end" gap="sm">
        <MonthPickerInput
          label="统计月份"
          w={180}
          value={toPicker(month)}
          maxDate={today}
          valueFormat="YYYY年M月"
          onChange={(v) => {
            if (v) setMonth(String(v).slice(0, 7));
          }}
        />
        <Button onClick={() => void make()} loading={busy === 'make'} disabled={!preview.data}>
          生成并存档{monthLabel(month)}月报
        </Button>
      </Group>
      {failure && (
        <Alert color="red" title="没有办成" withCloseButton onClose={() => setFailure(null)}>
          {failure}
        </Alert>
      )}
      {exportJob.running && <JobProgress snapshot={exportJob.snapshot} running label="正在导出" />}

      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          已存档的月报
        </Text>
        {list.isPending ? (
          <LoadingBlock />
        ) : reports.length === 0 ? (
          <Text size="sm" c="dimmed">
            还没有存档的月报。选择月份后点「生成并存档」。
          </Text>
        ) : (
          <Table fz="sm" aria-label="已存档的月报">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>月份</Table.Th>
                <Table.Th>填报人</Table.Th>
                <Table.Th>生成时间</Table.Th>
                <Table.Th>核验码</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{monthLabel(r.month)}</Table.Td>
                  <Table.Td>{r.filledBy}</Table.Td>
                  <Table.Td>{localDateTimeText(r.madeAt)}</Table.Td>
                  <Table.Td ff="monospace">{r.contentCode}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-xs" variant={shown === r.id ? 'light' : 'subtle'} onClick={() => setShown(shown === r.id ? null : r.id)}>
                        {shown === r.id ? '收起' : '查看'}
                      </Button>
                      <Button size="compact-xs" variant="subtle" loading={busy === `print-${r.id}`} onClick={() => void print(r)} aria-label={`打印${monthLabel(r.month)}月报`}>
                        打印
                      </Button>
                      <Button size="compact-xs" variant="subtle" disabled={exportJob.running} onClick={() => void exportXlsx(r)} aria-label={`导出${monthLabel(r.month)}月报`}>
                        导出 Excel
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      {shown !== null && stored.data && (
        <Paper withBorder p="md">
          <Group gap="xs" mb="sm">
            <Text fw={600}>{monthLabel(stored.data.report.month)}月报（存档）</Text>
            <Badge variant="light">填报人 {stored.data.report.filledBy}</Badge>
            <Badge variant="light" color="gray">
              核验码 {stored.data.report.contentCode}
            </Badge>
          </Group>
          <MonthTables figures={stored.data.figures} />
        </Paper>
      )}

      <Paper withBorder p="md">
        <Text fw={600} mb={2}>
          {monthLabel(month)}（按当前记录计算，尚未存档）
        </Text>
        <Text size="xs" c="dimmed" mb="sm">
          截至{monthLabel(month)}末，按各记录的日期统计：以后补录的、日期在本月的记录会计入；日期在以后月份的不计入。
        </Text>
        {preview.isPending ? <LoadingBlock /> : preview.isError ? <ErrorBlock error={preview.error} onRetry={() => void preview.refetch()} /> : <MonthTables figures={preview.data} />}
      </Paper>
    </Stack>
  );
}
