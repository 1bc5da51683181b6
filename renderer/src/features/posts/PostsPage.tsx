import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Appointment, Post } from '../../../../shared/contract/posts';
import { printResultSchema } from '../../../../shared/contract/print';
import { appointmentStatusLabels, hiringStepLabels, nextHiringStep } from '../../../../shared/domain/posts';
import { invoke } from '../../api/client';
import { printDocument } from '../../api/files';
import { JobProgress, useJob } from '../../api/jobs';
import { apiQuery, invalidateChannels, officeQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { formatYuan } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { errorMessage } from '../../components/formErrors';
import { AnnounceModal, ApplyModal, LeaveModal, PostModal, SettingsModal, StepModal } from './PostDialogs';

/** Kept while the program runs, so coming back (or going to the attendance grid) finds the same village. */
export const rememberedVillage = { id: '' };

const statusColor: Record<string, string> = { onDuty: 'green', left: 'gray', rejected: 'red', noticed: 'orange' };
// Short cells keep to one line (a squeezed column clipped the 在岗 badge to 在…); 已办步骤 takes the slack.
const nowrap = { whiteSpace: 'nowrap' } as const;

/** 公益性岗位: the posts of a village, their candidates through the hiring steps, and 退岗. */
export function PostsPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const office = useQuery(officeQuery);
  const villages = useMemo(() => office.data?.villages ?? [], [office.data]);
  const [villageId, setVillageState] = useState(rememberedVillage.id);
  const setVillage = (id: string) => {
    rememberedVillage.id = id;
    setVillageState(id);
  };
  useEffect(() => {
    if (villageId === '' && villages.length > 0) setVillage(villages[0]!.id);
  }, [villageId, villages]);

  const posts = useQuery({ ...apiQuery('posts.list', { villageId }), enabled: villageId !== '' });
  const appointments = useQuery({ ...apiQuery('posts.appointments', { villageId }), enabled: villageId !== '' });
  const [editing, setEditing] = useState<Post | null>(null);
  const [creating, setCreating] = useState(false);
  const [announcing, setAnnouncing] = useState<Post | null>(null);
  const [applying, setApplying] = useState<Post | null>(null);
  const [stepping, setStepping] = useState<Appointment | null>(null);
  const [leaving, setLeaving] = useState<Appointment | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const job = useJob(printResultSchema);
  const [printError, setPrintError] = useState<string | null>(null);

  async function printNotice() {
    setPrintError(null);
    const result = await job.run(() => invoke('posts.printNotice', { villageId }));
    if (result) {
      try {
        await printDocument(result.file);
      } catch (err) {
        setPrintError(errorMessage(err));
      }
      await invalidateChannels(queryClient, 'print.history');
    }
  }

  const noticed = (appointments.data ?? []).filter((a) => a.status === 'noticed').length;

  return (
    <Stack gap="md">
      <PageHeader title="公益性岗位" description="按村设岗、以岗聘任：公告 → 本人申报 → 村评议 → 乡审核 → 公示 → 签协议 → 在岗；每人同时只能有一个岗位，协议每次最长一年。">
        <Button component={Link} to="/posts/attendance" variant="light">
          月度考勤与补贴
        </Button>
        {user.role === 'admin' && (
          <Button variant="default" onClick={() => setSettingsOpen(true)}>
            公益岗设置
          </Button>
        )}
      </PageHeader>

      <Group align="flex-end">
        <NativeSelect label="村" value={villageId} onChange={(e) => setVillage(e.currentTarget.value)} data={villages.map((v) => ({ value: v.id, label: v.name }))} w={220} />
        <Button onClick={() => setCreating(true)} disabled={villageId === ''}>
          新设岗位
        </Button>
        <Button variant="default" onClick={() => void printNotice()} disabled={noticed === 0 || job.running} loading={job.running}>
          打印拟聘公示{noticed > 0 ? `（${noticed} 人）` : ''}
        </Button>
      </Group>
      {job.running && <JobProgress snapshot={job.snapshot} running={job.running} label="打印进度" />}
      {job.error && <Alert color="red" variant="light" title="未能生成公示">{job.error.message}</Alert>}
      {printError && <Alert color="red" variant="light">{printError}</Alert>}

      {(posts.isLoading || appointments.isLoading) && <LoadingBlock />}
      {posts.error && <ErrorBlock error={posts.error} onRetry={() => void posts.refetch()} />}

      {posts.data && (
        <Paper withBorder>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>岗位名称</Table.Th>
                <Table.Th>类型</Table.Th>
                <Table.Th>类别</Table.Th>
                <Table.Th>资金渠道</Table.Th>
                <Table.Th>补贴（元/月）</Table.Th>
                <Table.Th>最低出勤</Table.Th>
                <Table.Th>名额 / 在岗</Table.Th>
                <Table.Th>招聘公告</Table.Th>
                <Table.Th w={230}>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={9}>
                    <Text c="dimmed" ta="center" py="md">
                      本村还没有公益性岗位，请点“新设岗位”。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {posts.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.postType}</Table.Td>
                  <Table.Td>{p.category}</Table.Td>
                  <Table.Td>{p.funding}</Table.Td>
                  <Table.Td>{formatYuan(p.subsidyFen)}</Table.Td>
                  <Table.Td>{p.minDays} 天</Table.Td>
                  <Table.Td>
                    {p.places} / {p.onDuty}
                  </Table.Td>
                  <Table.Td>{p.announcedOn ?? <Text span c="dimmed">未公告</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(p)}>
                        编辑
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => setAnnouncing(p)}>
                        公告
                      </Button>
                      <Button size="compact-sm" onClick={() => setApplying(p)} disabled={p.announcedOn === null} title={p.announcedOn === null ? '请先发布招聘公告' : undefined}>
                        受理申报
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {appointments.data && (
        <>
          <Title order={4}>选聘与在岗人员</Title>
          <Paper withBorder>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={nowrap}>姓名</Table.Th>
                  <Table.Th style={nowrap}>户编号</Table.Th>
                  <Table.Th style={nowrap}>年龄</Table.Th>
                  <Table.Th>岗位</Table.Th>
                  <Table.Th style={nowrap}>状态</Table.Th>
                  <Table.Th style={nowrap}>协议期</Table.Th>
                  <Table.Th>已办步骤</Table.Th>
                  <Table.Th style={nowrap}>操作</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {appointments.data.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text c="dimmed" ta="center" py="md">
                        还没有申报人员。岗位发布公告后，点“受理申报”。
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {appointments.data.map((a) => {
                  const next = nextHiringStep(a.status);
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Td style={nowrap}>{a.name}</Table.Td>
                      <Table.Td style={nowrap}>{a.householdCode}</Table.Td>
                      <Table.Td style={nowrap} c={a.age >= 70 ? 'red' : undefined}>
                        {a.age}
                      </Table.Td>
                      <Table.Td>{a.postName}</Table.Td>
                      <Table.Td style={nowrap}>
                        <Badge variant="light" color={statusColor[a.status] ?? 'blue'} radius="sm">
                          {appointmentStatusLabels[a.status]}
                        </Badge>
                        {a.status === 'left' && (
                          <Text size="xs" c="dimmed">
                            {a.leftDate} {a.leftReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={nowrap}>{a.startDate ? `${a.startDate} 至 ${a.endDate}` : '—'}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{a.steps.map((s) => `${hiringStepLabels[s.step]} ${s.date}${s.outcome === 'rejected' ? '（不通过）' : ''}`).join('；')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {next && (
                            <Button size="compact-sm" onClick={() => setStepping(a)}>
                              办理{hiringStepLabels[next]}
                            </Button>
                          )}
                          {(a.status === 'onDuty' || a.status === 'signed') && (
                            <Button size="compact-sm" variant="default" color="red" onClick={() => setLeaving(a)}>
                              退岗
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}

      <PostModal post={editing} villageId={villageId} opened={creating || editing !== null} onClose={() => (setCreating(false), setEditing(null))} />
      <AnnounceModal post={announcing} onClose={() => setAnnouncing(null)} />
      <ApplyModal post={applying} onClose={() => setApplying(null)} />
      <StepModal appointment={stepping} onClose={() => setStepping(null)} />
      <LeaveModal appointment={leaving} onClose={() => setLeaving(null)} />
      <SettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}
