import { Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProjectDetail } from '../../../../shared/contract/funds';
import { disbursementStageLabels, payeeKindLabels, projectStatusLabels, projectStepLabels, projectTypeLabels, stepOutcomeLabels, yuan } from '../../../../shared/domain/funds';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { useSession } from '../../api/session';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { AllocateForm, DisburseForm } from './MoneyForms';
import { ReverseModal, type ReverseTarget } from './ReverseModal';
import { Fact } from './Fact';
import { PrintButton } from './PrintButton';
import { StepForm } from './StepForm';
import { TargetsForm } from './TargetsForm';
import { percentText } from './util';


/** One project: its facts, its steps through the library and its money trail from batch to disbursement. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const detail = useQuery(apiQuery('funds.getProject', { id }));
  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  return <ProjectView p={detail.data} />;
}

function ProjectView({ p }: { p: ProjectDetail }) {
  const { user } = useSession();
  const [reversing, setReversing] = useState<ReverseTarget | null>(null);
  const mayEnterMoney = user.role !== 'reviewer';
  const mayReverse = user.role !== 'clerk';
  return (
    <>
      <PageHeader title={`${p.projectCode} ${p.name}`} description={`${projectTypeLabels[p.projectType]} · ${p.year} 年 · ${p.villageNames.join('、')}`}>
        <Badge size="lg" variant="light" radius="sm" color={p.status === 'inLibrary' ? 'green' : 'blue'} data-testid="project-status">
          {projectStatusLabels[p.status]}
        </Badge>
        {p.steps.some((s) => s.noticeEnd !== null) && (
          <PrintButton label="打印项目公示" run={() => invoke('funds.printNotice', { projectId: p.id })} />
        )}
        {p.steps.some((s) => s.step === 'complete' && s.outcome === 'passed') && (
          <PrintButton label="打印竣工公告" run={() => invoke('funds.printCompletionNotice', { projectId: p.id })} />
        )}
        <PrintButton label="打印资金流向表" run={() => invoke('funds.printTrail', { projectId: p.id })} />
      </PageHeader>
      <Stack>
        <Paper withBorder p="sm">
          <SimpleGrid cols={4}>
            <Fact label="实施单位">{p.implementingUnit}</Fact>
            <Fact label="批复预算">{yuan(p.budgetFen)} 元</Fact>
            <Fact label="已分配 / 已拨付">
              {yuan(p.allocatedFen)} / {yuan(p.disbursedFen)} 元
            </Fact>
            <Fact label="支出进度">{percentText(p.progressPermille)}</Fact>
            <Fact label="建设内容">{p.content}</Fact>
            <Fact label="建设规模">{p.scale ?? '—'}</Fact>
            <Fact label="受益户（脱贫户 / 监测户）">
              {p.beneficiaryHouseholds} 户（{p.beneficiaryExited} / {p.beneficiaryMonitored}），{p.beneficiaryPeople} 人
            </Fact>
            <Fact label="公示天数（村 / 乡 / 入库）">
              {p.settings.villageNoticeDays} / {p.settings.townshipNoticeDays} / {p.settings.libraryNoticeDays} 天
            </Fact>
            <Fact label="绩效目标">{p.performanceTarget || '（未填写）'}</Fact>
            <Fact label="联农带农机制">{p.farmerLink || '（未填写）'}</Fact>
          </SimpleGrid>
        </Paper>
        {p.status === 'draft' && <TargetsForm project={p} />}
        <Title order={4}>办理流程</Title>
        <Paper withBorder>
          <Table aria-label="办理流程">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>步骤</Table.Th>
                <Table.Th>日期</Table.Th>
                <Table.Th>结果</Table.Th>
                <Table.Th>公示期</Table.Th>
                <Table.Th>人员</Table.Th>
                <Table.Th>文号</Table.Th>
                <Table.Th>录入人</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.steps.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text size="sm" c="dimmed" ta="center">
                      还没有办理任何步骤，请先办理「村申报」。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {p.steps.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{projectStepLabels[s.step]}</Table.Td>
                  <Table.Td>{s.date}</Table.Td>
                  <Table.Td>{stepOutcomeLabels[s.outcome]}</Table.Td>
                  <Table.Td>{s.noticeStart ? `${s.noticeStart} 至 ${s.noticeEnd ?? ''}` : ''}</Table.Td>
                  <Table.Td>{s.people}</Table.Td>
                  <Table.Td>{s.docNo ?? ''}</Table.Td>
                  <Table.Td>{s.recordedBy ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <StepForm key={`${p.steps.length}-${p.allowedSteps.join()}`} project={p} />
        <Group justify="space-between" align="baseline">
          <Title order={4}>资金流向（批次 → 分配 → 拨付）</Title>
          <Anchor component={Link} to={`/funds/projects/${p.id}/trail`} size="sm">
            查看到户明细（发放清册每户银行结果）
          </Anchor>
        </Group>
        <Paper withBorder>
          <Table aria-label="资金流向">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>批次文号</Table.Th>
                <Table.Th>来源</Table.Th>
                <Table.Th>年度</Table.Th>
                <Table.Th ta="right">分配（元）</Table.Th>
                <Table.Th ta="right">拨付（元）</Table.Th>
                <Table.Th ta="right">未拨付</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.byBatch.map((b) => (
                <Table.Tr key={b.batchId}>
                  <Table.Td>{b.batchDocNo}</Table.Td>
                  <Table.Td>{b.sourceName}</Table.Td>
                  <Table.Td>{b.year}</Table.Td>
                  <Table.Td ta="right">{yuan(b.allocatedFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(b.disbursedFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(b.allocatedFen - b.disbursedFen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Grid>
          <Grid.Col span={6}>
            <Paper withBorder>
              <Table aria-label="分配记录">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>日期</Table.Th>
                    <Table.Th>批次</Table.Th>
                    <Table.Th ta="right">金额（元）</Table.Th>
                    <Table.Th>说明</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.allocations.map((a) => (
                    <Table.Tr key={a.id} c={a.reversedBy ? 'dimmed' : undefined}>
                      <Table.Td>{a.date}</Table.Td>
                      <Table.Td>{a.batchDocNo}</Table.Td>
                      <Table.Td ta="right">{yuan(a.amountFen)}</Table.Td>
                      <Table.Td>{a.reversesId ? `冲销：${a.note ?? ''}` : a.reversedBy ? '已冲销' : (a.note ?? '')}</Table.Td>
                      <Table.Td>
                        {mayReverse && !a.reversesId && !a.reversedBy && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setReversing({ kind: 'allocation', id: a.id, date: a.date, amountFen: a.amountFen })}>
                            冲销
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Grid.Col>
          <Grid.Col span={6}>
            <Paper withBorder>
              <Table aria-label="拨付记录">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>日期</Table.Th>
                    <Table.Th>凭证号</Table.Th>
                    <Table.Th>阶段 / 收款方</Table.Th>
                    <Table.Th ta="right">金额（元）</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.disbursements.map((d) => (
                    <Table.Tr key={d.id} c={d.reversedBy ? 'dimmed' : undefined}>
                      <Table.Td>{d.date}</Table.Td>
                      <Table.Td>{d.voucherNo}</Table.Td>
                      <Table.Td>
                        {d.reversesId ? `冲销：${d.note ?? ''}` : `${disbursementStageLabels[d.stage]} / ${payeeKindLabels[d.payeeKind]}${d.reversedBy ? '（已冲销）' : ''}`}
                      </Table.Td>
                      <Table.Td ta="right">{yuan(d.amountFen)}</Table.Td>
                      <Table.Td>
                        {!d.reversesId && <PrintButton compact label="审批表" run={() => invoke('funds.printPayment', { disbursementId: d.id })} />}
                        {mayReverse && !d.reversesId && !d.reversedBy && (
                          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setReversing({ kind: 'disbursement', id: d.id, date: d.date, amountFen: d.amountFen })}>
                            冲销
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Grid.Col>
        </Grid>
        {mayEnterMoney && (p.status === 'inLibrary' || p.status === 'finished') && (
          <Group grow align="flex-start">
            {p.status === 'inLibrary' && <AllocateForm project={p} />}
            <DisburseForm project={p} />
          </Group>
        )}
      </Stack>
      <ReverseModal target={reversing} onClose={() => setReversing(null)} />
    </>
  );
}
