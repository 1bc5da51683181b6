import { Alert, Button, Group, Menu, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { exportResultSchema, type ExportFilters, type ExportFormat, type ExportInput } from '../../../../../shared/contract/fileExport';
import { exportLedgerLabels, type ExportLedger } from '../../../../../shared/domain/ledgerLayouts';
import { invoke } from '../../../api/client';
import { saveProducedFile } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { errorMessage } from '../../../components/formErrors';

/** One ledger and the filters its page shows (the list channel's input without paging). */
export type ExportButtonProps = { [L in ExportLedger]: { ledger: L; filters: ExportFilters<L> } }[ExportLedger];

/** 导出 for a ledger page: the rows the page lists with its current filters, as Excel or CSV. */
export function ExportButton(props: ExportButtonProps) {
  const job = useJob(exportResultSchema);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const title = exportLedgerLabels[props.ledger];

  async function start(format: ExportFormat) {
    setOpen(true);
    setSaved(null);
    setSaveError(null);
    const input = { ...props, format } as ExportInput;
    const result = await job.run(() => invoke('files.export', input));
    if (!result) return;
    try {
      setSaved(await saveProducedFile(result.file));
    } catch (err) {
      setSaveError(err);
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" disabled={job.running}>
            导出
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>按当前筛选条件导出{title}</Menu.Label>
          <Menu.Item onClick={() => void start('xlsx')}>Excel 表格（.xlsx）</Menu.Item>
          <Menu.Item onClick={() => void start('csv')}>CSV 文本（.csv，UTF-8）</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={open} onClose={() => !job.running && setOpen(false)} title={`导出${title}`} closeOnClickOutside={!job.running}>
        <Stack>
          <JobProgress snapshot={job.snapshot} running={job.running} onCancel={() => void job.cancel()} label="导出进度" />
          {job.error && (
            <Alert color="red" variant="light" title="导出失败">
              {job.error.message}
            </Alert>
          )}
          {job.result && (
            <Alert color="green" variant="light" title="导出完成">
              共 {job.result.rows.toLocaleString('zh-CN')} 行，文件 {job.result.file.fileName}
              {saved ? `，已保存为 ${saved}` : ''}。
            </Alert>
          )}
          {saveError !== null && (
            <Alert color="orange" variant="light" title="保存未完成">
              {errorMessage(saveError)}
            </Alert>
          )}
          <Group justify="flex-end">
            {job.result && (
              <Button variant="default" onClick={() => job.result && void saveProducedFile(job.result.file).then(setSaved, setSaveError)}>
                再保存一份
              </Button>
            )}
            <Button onClick={() => setOpen(false)} disabled={job.running}>
              关闭
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
