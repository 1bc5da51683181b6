import { Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { IncomePlan } from '../../../../shared/contract/assets';
import { assetClassLabels, assetEventKindLabels, assetStatusLabels, nextPlanStep, ownerLevelLabels, planStatusLabels, planStepLabels } from '../../../../shared/domain/assets';
import { paymentListStatusLabels } from '../../../../shared/domain/payments';
import { formatYuan } from '../../../../shared/lib/money';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { EventForm, PayPlanButton, PlanForm, PlanStepForm } from './AssetForms';
import { NoticeButton } from './NoticeButton';

type Open = { kind: 'event' } | { kind: 'plan' } | { kind: 'step'; plan: IncomePlan } | null;

/** One asset: what it is, its events, and its 收益分配 plans with their steps and payment list. */
export function AssetPage() {
  const { id = '' } = useParams();
  const q = useQuery(apiQuery('assets.get', { id }));
  const [open, setOpen] = useState<Open>(null);
  if (q.isPending) return <LoadingBlock />;
  if (q.isError) return <ErrorBlock error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const live = a.status !== 'disposed';
  const facts: [string, string][] = [
    ['类别', assetClassLabels[a.assetClass]],
    ['形成日期', a.formedDate],
    ['所在村', a.villageName ?? '—'],
    ['数量', a.quantity ?? '—'],
    ['原值', `${formatYuan(a.valueFen)} 元`],
    ['资金构成', a.valueSources.map((s) => `${s.sourceCode} ${formatYuan(s.amountFen)} 元`).join('；')],
    ['所有权', `${ownerLevelLabels[a.ownerLevel]} · ${a.ownerName}`],
    ['经营主体', a.operator ?? '—'],
    ['管护', `${a.caretaker}（责任人 ${a.caretakerPerson}）`],
    ['累计收益 / 管护 / 处置', `${formatYuan(a.incomeFen)} / ${formatYuan(a.upkeepFen)} / ${formatYuan(a.disposalFen)} 元`],
  ];
  return (
    <Stack gap="md">
      <PageHeader title={`${a.assetCode} ${a.name}`} description={`形成项目：${a.projectCode} ${a.projectName}`}>
        <Badge size="lg" variant="light" radius="sm" color={live ? 'green' : 'gray'}>
          {assetStatusLabels[a.status]}
        </Badge>
        <NoticeButton kind="assets.assetNotice" id={a.id} label="打印资产公示" />
        <Anchor component={Link} to={`/funds/projects/${a.projectId}`} size="sm">
          打开项目
        </Anchor>
      </PageHeader>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {facts.map(([k, v]) => (
            <Text key={k} size="sm">
              <Text span c="dimmed">
                {k}：
              </Text>
              {v}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>收益、管护与处置</Title>
          {live && (
            <Button size="xs" variant="light" onClick={() => setOpen({ kind: 'event' })}>
              登记事项
            </Button>
          )}
        </Group>
        {a.events.length === 0 ? (
          <Text size="sm" c="dimmed">
            尚无登记。
          </Text>
        ) : (
          <Table striped aria-label="资产事项">
            <Table.Tbody>
              {a.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.date}</Table.Td>
                  <Table.Td>{assetEventKindLabels[e.kind]}</Table.Td>
                  <Table.Td ta="right">{formatYuan(e.amountFen)} 元</Table.Td>
                  <Table.Td>{[e.decision, e.note].filter(Boolean).join('；')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      {a.assetClass === 'operating' && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={5}>产业收益分配</Title>
            <Button size="xs" variant="light" onClick={() => setOpen({ kind: 'plan' })}>
              制定分配方案
            </Button>
          </Group>
          {a.plans.length === 0 && (
            <Text size="sm" c="dimmed">
              尚无分配方案。方案依次经 村集体制定 → 村民代表讨论 → 乡镇审核备案 → 村内公示，再生成发放清册。
            </Text>
          )}
          {a.plans.map((p) => (
            <Stack key={p.id} gap={4} mb="sm">
              <Group gap="sm">
                <Text fw={600}>
                  {p.year} 年 · {p.title}
                </Text>
                <Badge variant="light">{planStatusLabels[p.status]}</Badge>
                <Text size="sm">
                  {p.lines.length} 户，合计 {formatYuan(p.totalFen)} 元
                </Text>
                {nextPlanStep(p.status) && (
                  <Button size="xs" variant="default" onClick={() => setOpen({ kind: 'step', plan: p })}>
                    办理「{planStepLabels[nextPlanStep(p.status)!]}」
                  </Button>
                )}
                {['townshipFiling', 'villageNotice', 'paying'].includes(p.status) && <NoticeButton kind="assets.incomeNotice" id={p.id} label="打印收益分配公示" />}
                {p.status === 'villageNotice' && <PayPlanButton plan={p} />}
                {p.paymentListId && (
                  <Anchor component={Link} to={`/payments/${p.paymentListId}`} size="sm">
                    发放清册（{p.paymentListStatus ? paymentListStatusLabels[p.paymentListStatus] : ''}）
                  </Anchor>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {p.steps.map((s) => `${planStepLabels[s.step]} ${s.date}${s.noticeEnd ? ` 至 ${s.noticeEnd}` : ''}${s.docNo ? `（${s.docNo}）` : ''}`).join(' → ')}
              </Text>
            </Stack>
          ))}
        </Paper>
      )}

      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.kind === 'event' ? '登记资产事项' : open?.kind === 'plan' ? '制定收益分配方案' : '办理方案步骤'} size="lg">
        {open?.kind === 'event' && <EventForm assetId={a.id} onClose={() => setOpen(null)} />}
        {open?.kind === 'plan' && <PlanForm asset={a} onClose={() => setOpen(null)} />}
        {open?.kind === 'step' && <PlanStepForm plan={open.plan} onClose={() => setOpen(null)} />}
      </Modal>
    </Stack>
  );
}
