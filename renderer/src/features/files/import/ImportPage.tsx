import { Alert, Badge, Button, Group, NativeSelect, NumberInput, Paper, Radio, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { StoredFile } from '../../../../../shared/contract/fileRefs';
import {
  importApplyResultSchema,
  importModeLabels,
  importModes,
  importPreviewSchema,
  type ImportPart,
  type ImportPreview,
} from '../../../../../shared/contract/fileImport';
import { importFields, importSourceHints, importSourceLabels, importSources, type ImportKind, type ImportSource } from '../../../../../shared/domain/importFields';
import { invoke } from '../../../api/client';
import { pickFile, saveProducedFile } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { apiQuery, invalidateChannels } from '../../../api/queries';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage } from '../../../components/formErrors';
import { ErrorBlock, PageHeader } from '../../../components/PageStates';

type Mode = (typeof importModes)[number];
type Mapping = Record<string, string | null>;
const IGNORE = '';

/** What one record of each kind is called in the counts (rows with problems are counted in 行). */
const unitOf: Readonly<Record<ImportSource, string>> = { national: '项', households: '户', incomes: '条', cases: '条' };
/** A national export's parts, as the preview names them. */
const partNames: Readonly<Record<ImportKind, { name: string; unit: string; notApplicable: string }>> = {
  households: { name: '户籍与家庭成员', unit: '户', notApplicable: '' },
  incomes: { name: '年度收入（人均纯收入）', unit: '户', notApplicable: '无人均纯收入' },
  cases: { name: '监测对象', unit: '户', notApplicable: '非监测对象（不适用）' },
};

function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

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
  // Presets keep a single kind's column mapping; the national export is read by its own column names.
  const presets = useQuery({ ...apiQuery('files.importPresets', { kind: kind === 'national' ? 'households' : kind }), enabled: kind !== 'national' });
  const previewJob = useJob(importPreviewSchema);
  const applyJob = useJob(importApplyResultSchema);
  const preview = previewJob.result;

  const mappingChanged = useMemo(
    () => preview !== null && preview.columns.some((c) => (mapping[c.header] ?? null) !== c.field),
    [preview, mapping],
  );

  async function runPreview(target: StoredFile, withMapping?: Mapping, year?: number, withPlaces?: Record<string, string>) {
    applyJob.reset();
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
    if (kind === 'national') return;
    try {
      const saved = await invoke('files.saveImportPreset', { kind, name: presetName, mapping });
      await invalidateChannels(queryClient, 'files.importPresets');
      setPresetId(saved.id);
      setPresetMessage({ ok: true, text: `已保存预设“${saved.name}”，下次导入同类文件时可直接选用` });
    } catch (err) {
      setPresetMessage({ ok: false, text: errorMessage(err) });
    }
  }

  function startApply() {
    if (!preview) return;
    void applyJob.run(() => invoke('files.importApply', { previewId: preview.previewId, mode })).then((r) => {
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
            {kind !== 'national' && (
              <NativeSelect
                label="列对应预设"
                w={280}
                value={presetId}
                disabled={busy}
                data={presetOptions}
                onChange={(e) => setPresetId(e.currentTarget.value)}
              />
            )}
            <Button onClick={() => void choose()} disabled={busy}>
              选择文件…
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {importSourceHints[kind]}
          </Text>
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
          mode={mode}
          onMode={setMode}
          onImport={() => setConfirming(true)}
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
                  {mode === 'allOrNothing' ? '选择了“全部成功才导入”，有误时整个文件都不会导入。' : '这些行不导入，导入后可下载错误清单改正后再导入。'}
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

interface PreviewViewProps {
  preview: ImportPreview;
  kind: ImportSource;
  incomeYear: number | null;
  onIncomeYear: (year: number | null) => void;
  villages: readonly { id: string; name: string; groups: readonly { id: string; name: string }[] }[];
  places: Record<string, string>;
  onPlace: (key: string, id: string) => void;
  mapping: Mapping;
  mappingChanged: boolean;
  busy: boolean;
  onMap: (header: string, field: string | null) => void;
  onRepreview: () => void;
  presetName: string;
  onPresetName: (name: string) => void;
  onSavePreset: () => void;
  presetMessage: { ok: boolean; text: string } | null;
  mode: Mode;
  onMode: (mode: Mode) => void;
  onImport: () => void;
}

function PreviewView(p: PreviewViewProps) {
  const { preview, kind } = p;
  const unit = unitOf[kind];
  const national = kind === 'national';
  const fieldOptions = [
    { value: IGNORE, label: '（不导入）' },
    ...(national ? [] : importFields[kind].map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label }))),
  ];
  const yearChanged = national && p.incomeYear !== (preview.incomeYear?.year ?? null);
  const placesReady = preview.unknownPlaces.length > 0 && preview.unknownPlaces.every((u) => (p.places[u.key] ?? '') !== '');
  const canImport = preview.missingRequired.length === 0 && !p.mappingChanged && !yearChanged && preview.counts.new + preview.counts.changed > 0;

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={5}>预览：{preview.fileName}</Title>
          <Text size="sm" c="dimmed">
            表头在第 {preview.headerLine} 行，共读到 {preview.counts.rows} 行数据。SHA-256：{preview.sha256.slice(0, 16)}…
          </Text>
          <Group gap="sm" aria-label="预览结果">
            <Badge size="lg" color="green" variant="light">{`新增 ${preview.counts.new} ${unit}`}</Badge>
            <Badge size="lg" color="blue" variant="light">{`变更 ${preview.counts.changed} ${unit}`}</Badge>
            <Badge size="lg" color="gray" variant="light">{`无变化 ${preview.counts.unchanged} ${unit}`}</Badge>
            <Badge size="lg" color={preview.counts.invalid > 0 ? 'red' : 'gray'} variant="light">{`有误 ${preview.counts.invalid} 行`}</Badge>
          </Group>
          {preview.duplicateRows > 0 && (
            <Text size="sm" c="dimmed">
              {`重复行 ${preview.duplicateRows} 行：与前面某行完全相同（序号、人编号除外），只读一次，不算错误。`}
            </Text>
          )}
          {national && <PartsTable parts={preview.parts} label="分项预览" />}
          {national && preview.parts.some((x) => x.part === 'incomes') && (
            <Group align="flex-end" gap="sm">
              <NumberInput
                label="收入年度"
                description={preview.incomeYear ? `取自${preview.incomeYear.from}，请核对` : '文件中没有“数据日期”，标题里也没有年份，请填写'}
                w={260}
                min={2000}
                max={2100}
                allowDecimal={false}
                value={p.incomeYear ?? ''}
                onChange={(v) => p.onIncomeYear(typeof v === 'number' ? v : null)}
              />
              <Button size="sm" variant="default" onClick={p.onRepreview} disabled={p.busy || !yearChanged || p.incomeYear === null}>
                按此年度重新预览
              </Button>
            </Group>
          )}
          {preview.unknownPlaces.length > 0 && (
            <Alert color="orange" variant="light" title="文件中有本乡镇没有的村或组">
              <Stack gap="xs">
                <Text size="sm">请为每个名称指定本乡镇对应的村或组，然后点“按对应重新预览”。如确是新村、新组，请管理员先在“设置”中添加，再重新预览。这些户在对应之前不会导入。</Text>
                <Table withTableBorder aria-label="村组对应">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>文件中的名称</Table.Th>
                      <Table.Th>户数</Table.Th>
                      <Table.Th w={260}>对应到</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.unknownPlaces.map((u) => {
                      const village = p.villages.find((v) => v.id === u.villageId);
                      const options =
                        u.group === null
                          ? p.villages.map((v) => ({ value: v.id, label: v.name }))
                          : (village?.groups ?? []).map((g) => ({ value: g.id, label: `${village?.name ?? ''}${g.name}` }));
                      const name = u.group === null ? u.village : `${u.village} ${u.group}`;
                      return (
                        <Table.Tr key={u.key}>
                          <Table.Td>{name}</Table.Td>
                          <Table.Td>{u.households}</Table.Td>
                          <Table.Td>
                            <NativeSelect
                              size="xs"
                              aria-label={`“${name}”对应到`}
                              value={p.places[u.key] ?? ''}
                              data={[{ value: '', label: '（请选择）' }, ...options]}
                              disabled={p.busy}
                              onChange={(e) => p.onPlace(u.key, e.currentTarget.value)}
                            />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
                <Group>
                  <Button size="xs" onClick={p.onRepreview} disabled={p.busy || !placesReady}>
                    按对应重新预览
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {preview.missingRequired.length > 0 && (
            <Alert color="orange" variant="light" title="还有必填项没有对应的列">
              {preview.missingRequired.join('、')}。请在下面的列对应表中为它们选择文件里的列，然后点“重新预览”。
            </Alert>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={5}>列对应</Title>
            {!national && (
              <Button size="xs" onClick={p.onRepreview} disabled={p.busy || !p.mappingChanged}>
                重新预览
              </Button>
            )}
          </Group>
          <ScrollArea.Autosize mah={420}>
            <Table striped withTableBorder aria-label="列对应表">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>列</Table.Th>
                  <Table.Th>文件中的列名</Table.Th>
                  <Table.Th>示例</Table.Th>
                  <Table.Th w={260}>导入为</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.columns.map((c) => (
                  <Table.Tr key={`${c.index}-${c.header}`}>
                    <Table.Td>{columnLetter(c.index)}</Table.Td>
                    <Table.Td>{c.header}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {c.samples.join(' ｜ ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {national ? (
                        <Text size="sm" c={c.field ? undefined : 'dimmed'}>
                          {c.field ?? '（不导入）'}
                        </Text>
                      ) : (
                        <NativeSelect
                          size="xs"
                          aria-label={`“${c.header}”导入为`}
                          value={p.mapping[c.header] ?? IGNORE}
                          data={fieldOptions}
                          disabled={p.busy}
                          onChange={(e) => p.onMap(c.header, e.currentTarget.value === IGNORE ? null : e.currentTarget.value)}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {p.mappingChanged && (
            <Text size="sm" c="orange">
              列对应已修改，请点“重新预览”按新的对应重新核对后再导入。
            </Text>
          )}
          {!national && (
            <Group align="flex-end" gap="sm">
              <TextInput label="预设名称" placeholder="如：国家系统脱贫人口名单" w={260} value={p.presetName} onChange={(e) => p.onPresetName(e.currentTarget.value)} />
              <Button variant="default" onClick={p.onSavePreset} disabled={p.busy || p.presetName.trim() === ''}>
                保存为预设
              </Button>
            </Group>
          )}
          {p.presetMessage && (
            <Text size="sm" c={p.presetMessage.ok ? 'green' : 'red'}>
              {p.presetMessage.text}
            </Text>
          )}
        </Stack>
      </Paper>

      {preview.invalidTotal > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={5}>有误的行（共 {preview.invalidTotal} 条）</Title>
            {preview.invalidTotal > preview.invalidRows.length && (
              <Text size="sm" c="dimmed">
                只列出前 {preview.invalidRows.length} 条；全部问题在导入后的错误清单里。
              </Text>
            )}
            <ScrollArea.Autosize mah={360}>
              <Table striped withTableBorder aria-label="有误的行">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>行号</Table.Th>
                    <Table.Th>原因</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.invalidRows.map((r, i) => (
                    <Table.Tr key={`${r.line}-${i}`}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Radio.Group label="导入方式" value={p.mode} onChange={(v) => p.onMode(v as Mode)}>
            <Stack gap={6} mt={6}>
              {importModes.map((m) => (
                <Radio key={m} value={m} label={importModeLabels[m]} />
              ))}
            </Stack>
          </Radio.Group>
          <Group>
            <Button onClick={p.onImport} disabled={p.busy || !canImport}>
              确认导入
            </Button>
            {!canImport && preview.missingRequired.length === 0 && !p.mappingChanged && (
              <Text size="sm" c="dimmed">
                没有需要新增或变更的记录。
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** A national export's parts with their counts (preview and result). */
function PartsTable({ parts, label }: { parts: readonly ImportPart[]; label: string }) {
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>内容</Table.Th>
          <Table.Th>新增</Table.Th>
          <Table.Th>变更</Table.Th>
          <Table.Th>无变化</Table.Th>
          <Table.Th>有误（行）</Table.Th>
          <Table.Th>不适用</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parts.map((x) => {
          const n = partNames[x.part];
          return (
            <Table.Tr key={x.part}>
              <Table.Td>{n.name}</Table.Td>
              <Table.Td>{`${x.new} ${n.unit}`}</Table.Td>
              <Table.Td>{`${x.changed} ${n.unit}`}</Table.Td>
              <Table.Td>{`${x.unchanged} ${n.unit}`}</Table.Td>
              <Table.Td>{x.invalid}</Table.Td>
              <Table.Td>{x.notApplicable > 0 ? `${x.notApplicable} 户${n.notApplicable ? `（${n.notApplicable}）` : ''}` : '—'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
