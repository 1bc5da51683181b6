import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { importModeLabels, importModes, type ImportPreview } from '../../../../../shared/contract/fileImport';
import { importFields, type ImportSource } from '../../../../../shared/domain/importFields';
import { StaleSaveAlert } from '../../../components/StaleSaveAlert';
import { IGNORE, unitOf, type Mapping, type Mode } from './importShared';
import { LineReasons } from './LineReasons';
import { WarningsPanel } from './WarningsPanel';
import { PartsTable } from './PartsTable';
import { RefreshPanel, type DecisionDrafts } from './RefreshPanel';

// The preview of one import: counts, the national export's parts and year, unknown villages and
// groups, the column mapping with presets, the problems, and the choice of mode.

function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
  /** The core's sentence when the preset was saved by someone else since it was loaded. */
  presetStale: string | null;
  onReloadPreset: () => void;
  mode: Mode;
  onMode: (mode: Mode) => void;
  onImport: () => void;
  /** 文件中已无: the clerk's decisions so far, and whether every row is decided. */
  drafts: DecisionDrafts;
  onDrafts: (next: DecisionDrafts) => void;
  decided: boolean;
  today: string;
}

export function PreviewView(p: PreviewViewProps) {
  const { preview, kind } = p;
  const unit = unitOf[kind];
  const national = kind === 'national';
  const fieldOptions = [
    { value: IGNORE, label: '（不导入）' },
    ...(national ? [] : importFields[kind].map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label }))),
  ];
  const yearChanged = national && p.incomeYear !== (preview.incomeYear?.year ?? null);
  const placesReady = preview.unknownPlaces.length > 0 && preview.unknownPlaces.every((u) => (p.places[u.key] ?? '') !== '');
  const missingRows = preview.refresh?.missing.length ?? 0;
  const sheetProblem = preview.sheetProblem ?? null;
  const canImport = sheetProblem === null && preview.missingRequired.length === 0 && !p.mappingChanged && !yearChanged && preview.counts.new + preview.counts.changed + missingRows > 0 && p.decided;

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
          {sheetProblem !== null && (
            <Alert color="red" variant="light" title="这张表不能按行导入">
              <Text size="sm">{sheetProblem}</Text>
            </Alert>
          )}
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
          {(!national || Object.keys(p.places).length > 0) && (
            <Group align="flex-end" gap="sm">
              <TextInput label="预设名称" placeholder="如：国家系统脱贫人口名单" w={260} value={p.presetName} onChange={(e) => p.onPresetName(e.currentTarget.value)} />
              <Button variant="default" onClick={p.onSavePreset} disabled={p.busy || p.presetName.trim() === ''}>
                保存为预设
              </Button>
            </Group>
          )}
          {p.presetStale && <StaleSaveAlert message={p.presetStale} onReload={p.onReloadPreset} />}
          {p.presetMessage && (
            <Text size="sm" c={p.presetMessage.ok ? 'green' : 'red'}>
              {p.presetMessage.text}
            </Text>
          )}
        </Stack>
      </Paper>

      {preview.refresh && <RefreshPanel findings={preview.refresh} drafts={p.drafts} onDrafts={p.onDrafts} today={p.today} busy={p.busy} />}

      {preview.invalidTotal > 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={5}>有误的行（共 {preview.invalidTotal} 条）</Title>
            {preview.invalidTotal > preview.invalidRows.length && (
              <Text size="sm" c="dimmed">
                只列出前 {preview.invalidRows.length} 条；全部问题在导入后的错误清单里。
              </Text>
            )}
            <LineReasons rows={preview.invalidRows} label="有误的行" reasonHeader="原因" maxHeight={360} />
          </Stack>
        </Paper>
      )}

      {preview.warnings && <WarningsPanel warnings={preview.warnings} />}

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
            {!p.decided && (
              <Text size="sm" c="orange">
                “文件中已无”还有未选择处理方式的行，请逐行选择减员或保留。
              </Text>
            )}
            {!canImport && p.decided && sheetProblem === null && preview.missingRequired.length === 0 && !p.mappingChanged && (
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
