import { Alert, Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { StoredFile } from '../../../../../shared/contract/fileRefs';
import { importApplyResultSchema, importModeLabels, importPreviewSchema } from '../../../../../shared/contract/fileImport';
import { importSourceHints, importSourceLabels, importSources, type ImportSource } from '../../../../../shared/domain/importFields';
import { invoke } from '../../../api/client';
import { pickFile, saveProducedFile } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { apiQuery, invalidateChannels } from '../../../api/queries';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage, isStaleSave } from '../../../components/formErrors';
import { ErrorBlock, PageHeader } from '../../../components/PageStates';
import { unitOf, type Mapping, type Mode } from './importShared';
import { PartsTable } from './PartsTable';
import { PreviewView } from './PreviewView';
import { ImportKindHelp } from '../../help';
import { decisionsOf, type DecisionDrafts } from './RefreshPanel';
import { useToday } from '../../../api/today';

/** 数据导入: choose the kind and the file, check the preview (counts, column mapping, problems), then import. */
export function ImportPage() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportSource>('national');
  const [incomeYear, setIncomeYear] = useState<number | null>(null);
  const [places, setPlaces] = useState<Record<string, string>>({});
  const office = useQuery(apiQuery('settings.office', {}));
  const [presetId, setPresetId] = useState('');
  const [file, setFile] = useState<StoredFile | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mode, setMode] = useState<Mode>('allOrNothing');
  const [confirming, setConfirming] = useState(false);
  const [presetName, setPresetName] = useState('');
  const [presetMessage, setPresetMessage] = useState<{ ok: boolean; text: string } | null>(null);
  /** A preset save refused because someone saved that preset since this page loaded it. */
  const [presetStale, setPresetStale] = useState<string | null>(null);
  // Presets keep a single kind's column mapping; a national export's preset keeps its village/group mapping.
  const presets = useQuery(apiQuery('files.importPresets', { kind }));
  const previewJob = useJob(importPreviewSchema);
  const applyJob = useJob(importApplyResultSchema);
  const preview = previewJob.result;
  const today = useToday();
  /** 文件中已无: the clerk's 减员 / 保留 per row (a new preview starts afresh). */
  const [drafts, setDrafts] = useState<DecisionDrafts>({});
  const decisions = useMemo(() => decisionsOf(preview?.refresh ?? null, drafts), [preview, drafts]);

  const mappingChanged = useMemo(
    () => preview !== null && preview.columns.some((c) => (mapping[c.header] ?? null) !== c.field),
    [preview, mapping],
  );

  async function runPreview(target: StoredFile, withMapping?: Mapping, year?: number, withPlaces?: Record<string, string>) {
    applyJob.reset();
    setDrafts({});
    setPresetMessage(null);
    const result = await previewJob.run(() =>
      invoke('files.importPreview', {
        fileId: target.fileId,
        kind,
        ...(year !== undefined ? { incomeYear: year } : {}),
        ...(withPlaces && Object.keys(withPlaces).length > 0 ? { places: withPlaces } : {}),
        ...(withMapping ? { mapping: withMapping } : presetId ? { presetId } : {}),
      }),
    );
    if (result) {
      setIncomeYear(result.incomeYear?.year ?? null);
      setMapping(Object.fromEntries(result.columns.map((c) => [c.header, c.field])));
      setMode(result.counts.invalid > 0 ? 'validOnly' : 'allOrNothing');
    }
  }

  async function choose() {
    setPickError(null);
    try {
      const picked = await pickFile([{ name: 'Excel 或 CSV', extensions: ['xlsx', 'csv', 'xls'] }]);
      if (!picked) return;
      setFile(picked);
      setPlaces({});
      await runPreview(picked);
    } catch (err) {
      setPickError(errorMessage(err));
    }
  }

  function changeKind(next: ImportSource) {
    setKind(next);
    setPresetId('');
    setFile(null);
    previewJob.reset();
    applyJob.reset();
  }

  async function savePreset() {
    setPresetMessage(null);
    setPresetStale(null);
    // The version of the preset of this name as the list showed it (null: none by this name yet).
    const seen = (presets.data ?? []).find((x) => x.name === presetName.trim())?.version ?? null;
    try {
      const saved = await invoke('files.saveImportPreset', kind === 'national' ? { kind, name: presetName, mapping: {}, places, version: seen } : { kind, name: presetName, mapping, version: seen });
      await invalidateChannels(queryClient, 'files.importPresets');
      setPresetId(saved.id);
      setPresetMessage({ ok: true, text: `已保存预设“${saved.name}”，下次导入同类文件时可直接选用` });
    } catch (err) {
      if (isStaleSave(err)) setPresetStale(errorMessage(err));
      else setPresetMessage({ ok: false, text: errorMessage(err) });
    }
  }

  /** 载入最新内容: the preset as saved now, previewed with its mapping (what was typed is dropped). */
  async function reloadPreset() {
    const latest = (await presets.refetch()).data?.find((x) => x.name === presetName.trim());
    setPresetStale(null);
    if (!latest || !file) return;
    setPresetId(latest.id);
    await runPreview(file, latest.mapping);
  }

  function startApply() {
    if (!preview || !decisions) return;
    void applyJob.run(() => invoke('files.importApply', { previewId: preview.previewId, mode, decisions })).then((r) => {
      if (r) void queryClient.invalidateQueries();
    });
  }

  const busy = previewJob.running || applyJob.running;
  const applied = applyJob.result;
  const presetOptions = [{ value: '', label: '（不用预设，按列名自动识别）' }, ...(presets.data ?? []).map((p) => ({ value: p.id, label: p.name }))];

  return (
    <Stack gap="md" maw={1200}>
      <PageHeader title="数据导入" description="导入国家监测系统导出的名单或各村报来的表格（.xlsx 或 .csv）。先预览核对，确认后才写入台账。" />

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="md" wrap="wrap">
            <NativeSelect
              label="导入类型"
              w={340}
              value={kind}
              disabled={busy}
              data={importSources.map((k) => ({ value: k, label: importSourceLabels[k] }))}
              onChange={(e) => changeKind(e.currentTarget.value as ImportSource)}
            />
            <NativeSelect
              label={kind === 'national' ? '村组对应预设' : '列对应预设'}
              w={280}
              value={presetId}
              disabled={busy}
              data={presetOptions}
              onChange={(e) => setPresetId(e.currentTarget.value)}
            />
            <Button onClick={() => void choose()} disabled={busy}>
              选择文件…
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {importSourceHints[kind]}
          </Text>
          <ImportKindHelp kind={kind} />
          {presets.error && <ErrorBlock error={presets.error} onRetry={() => void presets.refetch()} />}
          {pickError && (
            <Alert color="red" variant="light" title="未能读取文件">
              {pickError}
            </Alert>
          )}
        </Stack>
      </Paper>

      <JobProgress snapshot={previewJob.snapshot} running={previewJob.running} onCancel={() => void previewJob.cancel()} label="预览进度" />
      {previewJob.error && (
        <Alert color="red" variant="light" title="预览未完成">
          {previewJob.error.message}
        </Alert>
      )}
      {!previewJob.running && previewJob.snapshot?.status === 'cancelled' && (
        <Alert color="gray" variant="light">
          已取消预览，数据未改动。
        </Alert>
      )}

      {preview && file && !applied && (
        <PreviewView
          preview={preview}
          kind={kind}
          mapping={mapping}
          mappingChanged={mappingChanged}
          busy={busy}
          onMap={(header, field) => setMapping((m) => ({ ...m, [header]: field }))}
          onRepreview={() => void runPreview(file, kind === 'national' ? undefined : mapping, incomeYear ?? undefined, places)}
          villages={office.data?.villages ?? []}
          places={places}
          onPlace={(key, id) => setPlaces((m) => ({ ...m, [key]: id }))}
          incomeYear={incomeYear}
          onIncomeYear={setIncomeYear}
          presetName={presetName}
          onPresetName={setPresetName}
          onSavePreset={() => void savePreset()}
          presetMessage={presetMessage}
          presetStale={presetStale}
          onReloadPreset={() => void reloadPreset()}
          mode={mode}
          onMode={setMode}
          onImport={() => setConfirming(true)}
          drafts={drafts}
          onDrafts={setDrafts}
          decided={decisions !== null}
          today={today}
        />
      )}

      <JobProgress snapshot={applyJob.snapshot} running={applyJob.running} label="导入进度" />
      {applyJob.error && (
        <Alert color="red" variant="light" title="导入未完成，台账没有改动">
          {applyJob.error.message}
        </Alert>
      )}
      {applied && preview && (
        <Alert color={applied.errorWorkbook ? 'yellow' : 'green'} variant="light" title="导入完成">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              已写入 {applied.counts.applied} {unitOf[kind]}：新增 {applied.counts.new} {unitOf[kind]}，变更 {applied.counts.changed} {unitOf[kind]}，无变化{' '}
              {applied.counts.unchanged} {unitOf[kind]}；有误未导入 {applied.counts.invalid} 行。
            </Text>
            {applied.parts.length > 0 && <PartsTable parts={applied.parts} label="导入结果（分项）" />}
            <Group gap="sm">
              {applied.errorWorkbook && (
                <Button size="xs" onClick={() => void saveProducedFile(applied.errorWorkbook!)}>
                  下载错误清单
                </Button>
              )}
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setFile(null);
                  previewJob.reset();
                  applyJob.reset();
                }}
              >
                再导入一个文件
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      {preview && (
        <ConfirmDialog
          opened={confirming}
          title="确认导入"
          confirmLabel="确认导入"
          message={
            <Stack gap={4}>
              <Text size="sm">文件：{preview.fileName}</Text>
              <Text size="sm">
                将新增 {preview.counts.new} {unitOf[kind]}，变更 {preview.counts.changed} {unitOf[kind]}（无变化 {preview.counts.unchanged} {unitOf[kind]}不改动）。
              </Text>
              {preview.counts.invalid > 0 && (
                <Text size="sm" c="red">
                  有误 {preview.counts.invalid} 行：
                  {mode === 'allOrNothing' ? `选择了“${importModeLabels.allOrNothing}”，有误时整个文件都不会导入。` : '这些行不导入，导入后可下载错误清单改正后再导入。'}
                </Text>
              )}
              <Text size="sm">导入在一个事务中完成，并记入操作日志。</Text>
            </Stack>
          }
          onConfirm={() => startApply()}
          onClose={() => setConfirming(false)}
        />
      )}
    </Stack>
  );
}
