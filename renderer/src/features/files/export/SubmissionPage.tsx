import { Alert, Badge, Button, Code, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { submissionResultSchema, verifyFileStatusLabels, type VerifyReport } from '../../../../../shared/contract/fileExport';
import { parseQuarter, previousQuarter, quarterCode, quarterLabel, quarterOf } from '../../../../../shared/domain/quarter';
import { invoke } from '../../../api/client';
import { isDesktop, pickFolder } from '../../../api/files';
import { JobProgress, useJob } from '../../../api/jobs';
import { apiQuery } from '../../../api/queries';
import { useToday } from '../../../api/today';
import { ErrorBlock, PageHeader } from '../../../components/PageStates';
import { errorMessage } from '../../../components/formErrors';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The current quarter and the seven before it. */
function quarterChoices(today: string): { value: string; label: string }[] {
  let q = quarterOf(today);
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < 8; i++) {
    out.push({ value: quarterCode(q), label: quarterLabel(q) });
    q = previousQuarter(q);
  }
  return out;
}

function FolderField({ label, value, onChange, description }: { label: string; value: string; onChange: (v: string) => void; description?: string }) {
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput label={label} description={description} value={value} onChange={(e) => onChange(e.currentTarget.value)} style={{ flex: 1 }} />
      {isDesktop() && (
        <Button
          variant="default"
          onClick={() =>
            void pickFolder().then((dir) => {
              if (dir) onChange(dir);
            })
          }
        >
          选择文件夹…
        </Button>
      )}
    </Group>
  );
}

function CheckSection({ quarter }: { quarter: string }) {
  const check = useQuery({ ...apiQuery('files.submissionCheck', { quarter }), enabled: parseQuarter(quarter) !== null });
  if (check.isError) return <ErrorBlock error={check.error} onRetry={() => void check.refetch()} title="数据质量检查失败" />;
  if (!check.data) return <Text size="sm" c="dimmed">正在检查数据质量…</Text>;
  const hits = check.data.rules.filter((r) => r.count > 0);
  if (hits.length === 0) {
    return (
      <Alert color="green" variant="light" title="数据质量检查">
        县里常用的数据质量规则均未发现问题。
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" title="报送前请先核对（县级数据质量规则）">
      <Stack gap="xs">
        {hits.map((r) => (
          <div key={r.kind}>
            <Text size="sm" fw={600}>
              {r.label}：{r.count} 户
            </Text>
            <List size="sm">
              {r.items.slice(0, 10).map((i, n) => (
                <List.Item key={`${i.householdCode}-${n}`}>
                  {i.villageName} {i.headName}（户编号 {i.householdCode}
                  {i.caseCode ? `，监测编号 ${i.caseCode}` : ''}）：{i.detail}
                </List.Item>
              ))}
              {r.count > 10 && <List.Item>……另有 {r.count - 10} 户</List.Item>}
            </List>
          </div>
        ))}
        <Text size="sm">这些只是提醒：可以先改正再生成报送，也可以直接生成。</Text>
      </Stack>
    </Alert>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  return (
    <Stack gap="xs">
      <Alert color={report.ok ? 'green' : 'red'} variant="light" title={report.ok ? '报送包完好' : '报送包有问题'}>
        {report.office.townshipName} {report.quarterLabel}，{report.createdBy} 于 {report.createdAt.slice(0, 10)} 生成。
        {!report.ok &&
          ` 缺失 ${report.missing.length} 个、不完整 ${report.truncated.length} 个、被改动 ${report.altered.length} 个、清单外 ${report.extra.length} 个文件。请让报送单位重新生成报送。`}
      </Alert>
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>文件</Table.Th>
            <Table.Th>状态</Table.Th>
            <Table.Th>行数</Table.Th>
            <Table.Th>大小（应为 / 实际）</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.files.map((f) => (
            <Table.Tr key={f.name}>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>
                <Badge color={f.status === 'ok' ? 'green' : 'red'} variant="light">
                  {verifyFileStatusLabels[f.status]}
                </Badge>
              </Table.Td>
              <Table.Td>{f.rows?.toLocaleString('zh-CN') ?? '—'}</Table.Td>
              <Table.Td>
                {f.expectedSize === null ? '—' : sizeText(f.expectedSize)} / {f.size === null ? '—' : sizeText(f.size)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** 季度报送: the ledgers, summary tables and manifest to a folder or USB stick, and its verify. */
export function SubmissionPage() {
  const today = useToday();
  const defaults = useQuery(apiQuery('files.submissionDefaults', {}));
  const [quarter, setQuarter] = useState('');
  const [targetDir, setTargetDir] = useState('');
  const [verifyDir, setVerifyDir] = useState('');
  const job = useJob(submissionResultSchema);
  const verify = useMutation({ mutationFn: (dir: string) => invoke('files.verifySubmission', { dir }) });

  useEffect(() => {
    if (!defaults.data) return;
    setQuarter((q) => q || defaults.data.quarter);
    setTargetDir((d) => d || defaults.data.defaultDir);
  }, [defaults.data]);

  async function generate() {
    const result = await job.run(() => invoke('files.submission', { quarter, targetDir }));
    if (result) setVerifyDir(result.dir);
  }

  if (defaults.isError) return <ErrorBlock error={defaults.error} onRetry={() => void defaults.refetch()} />;

  return (
    <Stack maw={960}>
      <PageHeader
        title="季度报送"
        description="生成本季度报送县乡村振兴局的全部台账、分村汇总表和报送清单（manifest.json），可直接写入 U 盘。写入中途出错不会留下不完整的文件。"
      />
      <Paper withBorder p="md">
        <Stack>
          <Title order={5}>生成报送</Title>
          <NativeSelect label="季度" value={quarter} onChange={(e) => setQuarter(e.currentTarget.value)} data={quarterChoices(today)} />
          <FolderField
            label="保存位置"
            value={targetDir}
            onChange={setTargetDir}
            description={isDesktop() ? '选择 U 盘或文件夹；程序会在其中新建一个以乡镇和季度命名的文件夹' : '填写本机文件夹的完整路径（如 U 盘 E:\\）；程序会在其中新建一个以乡镇和季度命名的文件夹'}
          />
          {quarter && <CheckSection quarter={quarter} />}
          <Group justify="flex-end">
            <Button onClick={() => void generate()} loading={job.running} disabled={!quarter || !targetDir.trim()}>
              生成报送
            </Button>
          </Group>
          <JobProgress snapshot={job.snapshot} running={job.running} onCancel={() => void job.cancel()} label="报送进度" />
          {job.error && (
            <Alert color="red" variant="light" title="报送未完成">
              {job.error.message}
            </Alert>
          )}
          {job.result && (
            <Stack gap="xs">
              <Alert color="green" variant="light" title="报送已生成">
                已写入 <Code>{job.result.dir}</Code>，共 {job.result.files.length} 个文件和 manifest.json。拔出 U 盘前请先用系统的"安全弹出"。
              </Alert>
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>文件</Table.Th>
                    <Table.Th>行数</Table.Th>
                    <Table.Th>大小</Table.Th>
                    <Table.Th>SHA-256</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {job.result.files.map((f) => (
                    <Table.Tr key={f.name}>
                      <Table.Td>{f.name}</Table.Td>
                      <Table.Td>{f.rows.toLocaleString('zh-CN')}</Table.Td>
                      <Table.Td>{sizeText(f.size)}</Table.Td>
                      <Table.Td>
                        <Code style={{ wordBreak: 'break-all' }}>{f.sha256}</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack>
          <Title order={5}>核验报送包</Title>
          <Text size="sm" c="dimmed">
            按报送清单逐个核对文件是否齐全、完整、未被改动。交 U 盘前，或县里收到报送后，都可以核验。
          </Text>
          <FolderField label="报送文件夹" value={verifyDir} onChange={setVerifyDir} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => verify.mutate(verifyDir.trim())} loading={verify.isPending} disabled={!verifyDir.trim()}>
              核验
            </Button>
          </Group>
          {verify.isError && (
            <Alert color="red" variant="light" title="无法核验">
              {errorMessage(verify.error)}
            </Alert>
          )}
          {verify.data && <VerifyResult report={verify.data} />}
        </Stack>
      </Paper>
    </Stack>
  );
}
