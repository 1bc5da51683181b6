import { Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { MoneyTrail, MoneyTrailList } from '../../../../shared/contract/fundsTrail';
import { yuan } from '../../../../shared/domain/funds';
import {
  trailAllocationLabel,
  trailBatchHeading,
  trailBatchSubtotal,
  trailDisbursementLabel,
  trailLineLabel,
  trailLineNote,
  trailListLabel,
  trailListNote,
  trailTotal,
  trailUnlinkedHeading,
} from '../../../../shared/domain/fundsTrail';
import { invoke } from '../../api/client';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { Fact } from './Fact';
import { PrintButton } from './PrintButton';

// 资金流向 on screen (issue 13 item 8): the rows of the printed 资金流向表, from each batch through
// its allocations and disbursements to every household line of the payment lists, so a clerk can
// answer "who got it" without making a print (a print is logged with its 核验码 each time).

/** A list this long opens folded: a 500-household list would push every later batch off the screen. */
const openUpTo = 20;

function Row({ depth, when, what, fen, note, failed = false, action }: { depth: number; when: string | null; what: ReactNode; fen: number | null; note: string; failed?: boolean; action?: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{when ?? ''}</Table.Td>
      <Table.Td style={{ paddingLeft: `${0.75 + depth * 1.5}em` }}>
        <Group gap="xs" wrap="nowrap">
          <span>{what}</span>
          {action}
        </Group>
      </Table.Td>
      <Table.Td ta="right" c={failed ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {fen === null ? '' : yuan(fen)}
      </Table.Td>
      <Table.Td c={failed ? 'red' : undefined}>{note}</Table.Td>
    </Table.Tr>
  );
}


export function ProjectTrailPage() {
  const { id = '' } = useParams();
  const trail = useQuery(apiQuery('funds.trail', { projectId: id }));
  if (trail.isPending) return <LoadingBlock />;
  if (trail.isError) return <ErrorBlock error={trail.error} onRetry={() => void trail.refetch()} />;
  return <TrailView t={trail.data} />;
}

function TrailView({ t }: { t: MoneyTrail }) {
  const [failedOnly, setFailedOnly] = useState(false);
  // Lists the clerk folded or opened by hand, by their place on the page.
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const { project: p, totals } = t;
  const isOpen = (key: string, l: MoneyTrailList) => failedOnly || (l.lines.length <= openUpTo) !== toggled.has(key);
  const toggle = (key: string) =>
    setToggled((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const listRows = (l: MoneyTrailList, key: string, depth: number) => {
    const open = isOpen(key, l);
    const lines = failedOnly ? l.lines.filter((x) => x.failed) : l.lines;
    if (failedOnly && lines.length === 0) return [];
    return [
      <Row
        key={key}
        depth={depth}
        when={l.bankOn}
        what={`${trailListLabel(l)} 共 ${l.lines.length} 行`}
        fen={l.paidFen}
        note={trailListNote(l)}
        action={
          !failedOnly && l.lines.length > 0 ? (
            <Button size="compact-xs" variant="subtle" onClick={() => toggle(key)} aria-expanded={open}>
              {open ? '收起' : `展开 ${l.lines.length} 行`}
            </Button>
          ) : undefined
        }
      />,
      ...(open
        ? lines.map((x, i) => (
            <Row
              key={`${key}-${i}`}
              depth={depth + 1}
              when={null}
              what={trailLineLabel(x)}
              fen={x.amountFen}
              note={trailLineNote(x)}
              failed={x.failed}
            />
          ))
        : []),
    ];
  };

  return (
    <>
      <PageHeader title={`${p.code} ${p.name} 资金流向`} description={`${t.office.countyName}${t.office.townshipName} · ${p.year} 年度 · 实施单位：${p.unit}`}>
        <Anchor component={Link} to={`/funds/projects/${p.id}`} size="sm">
          返回项目
        </Anchor>
        <PrintButton label="打印资金流向表" run={() => invoke('funds.printTrail', { projectId: p.id })} />
      </PageHeader>
      <Stack>
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 3, lg: 6 }}>
            <Fact label="批复预算">{yuan(p.budgetFen)} 元</Fact>
            <Fact label="已分配">{yuan(totals.allocatedFen)} 元</Fact>
            <Fact label="已拨付">{yuan(totals.disbursedFen)} 元</Fact>
            <Fact label="结余（分配 − 拨付）">{yuan(totals.allocatedFen - totals.disbursedFen)} 元</Fact>
            <Fact label="经发放清册到户（银行发放成功）">
              {yuan(totals.toHouseholdsFen)} 元，{totals.households} 户
            </Fact>
            <Fact label="银行退回失败（未计入到户）">
              <Text span size="sm" c={totals.failedFen > 0 ? 'red' : undefined}>
                {yuan(totals.failedFen)} 元，{totals.failedHouseholds} 户
              </Text>
            </Fact>
          </SimpleGrid>
        </Paper>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            冲销以负数单列，并注明所冲销的记录；只计银行发放成功的行为到户。
          </Text>
          <Checkbox label="只看银行退回失败的行" checked={failedOnly} onChange={(e) => setFailedOnly(e.currentTarget.checked)} disabled={totals.failedFen === 0} />
        </Group>
        <Paper withBorder>
          <Table aria-label="资金流向明细" striped={false} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ width: '7em' }}>日期</Table.Th>
                <Table.Th>资金批次 → 分配 → 拨付 → 到户</Table.Th>
                <Table.Th ta="right" style={{ width: '9em' }}>
                  金额（元）
                </Table.Th>
                <Table.Th style={{ width: '16em' }}>说明</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.batches.length === 0 && t.unlinked.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text size="sm" c="dimmed" ta="center">
                      本项目还没有分配、拨付或发放清册。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {t.batches.map((b, bi) => [
                <Table.Tr key={`b${bi}`} bg="gray.0">
                  <Table.Td colSpan={4} fw={700}>
                    {trailBatchHeading(b)}
                  </Table.Td>
                </Table.Tr>,
                ...b.allocations.map((a, ai) => <Row key={`b${bi}a${ai}`} depth={1} when={a.date} what={trailAllocationLabel} fen={a.amountFen} note={a.note} />),
                ...b.disbursements.flatMap((d, di) => [
                  <Row key={`b${bi}d${di}`} depth={1} when={d.date} what={trailDisbursementLabel(d)} fen={d.amountFen} note={d.note} />,
                  ...d.lists.flatMap((l, li) => listRows(l, `b${bi}d${di}l${li}`, 2)),
                ]),
                <Table.Tr key={`b${bi}s`}>
                  <Table.Td />
                  <Table.Td colSpan={3} fw={700}>
                    {trailBatchSubtotal(b)}
                  </Table.Td>
                </Table.Tr>,
              ])}
              {t.unlinked.length > 0 && (
                <Table.Tr bg="gray.0">
                  <Table.Td colSpan={4} fw={700}>
                    {trailUnlinkedHeading}
                  </Table.Td>
                </Table.Tr>
              )}
              {t.unlinked.flatMap((l, li) => listRows(l, `u${li}`, 1))}
              <Table.Tr>
                <Table.Td />
                <Table.Td colSpan={3} fw={700}>
                  {trailTotal(totals)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    </>
  );
}
