import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { Visit, VisitSchedule } from '../../../../shared/contract/visits';
import { guaranteeKeys, guaranteeLabels, visitCycleLabels, visitKindLabels } from '../../../../shared/domain/monitoring';
import classes from './visits.module.css';

/** 走访周期 · 上次走访 · 下次应访 (red with the days when overdue). */
export function ScheduleLine({ schedule }: { schedule: VisitSchedule }) {
  if (schedule.cycle === null) {
    return (
      <Text size="sm" c="dimmed" aria-label="走访安排">
        该户不在走访周期内（非监测对象、非脱贫户，或已注销）。{schedule.lastVisitDate ? `上次走访 ${schedule.lastVisitDate}。` : ''}
      </Text>
    );
  }
  return (
    <Group gap="xl" aria-label="走访安排">
      <Text size="sm">
        <Text span c="dimmed">
          走访周期：
        </Text>
        {visitCycleLabels[schedule.cycle]}
        {schedule.cycleMonths !== null ? `，${cycleText(schedule.cycleMonths)}` : ''}
      </Text>
      <Text size="sm">
        <Text span c="dimmed">
          上次走访：
        </Text>
        {schedule.lastVisitDate ?? '尚无记录'}
      </Text>
      <Text size="sm" data-overdue={schedule.overdue || undefined}>
        <Text span c="dimmed">
          下次应访：
        </Text>
        <Text span c={schedule.overdue ? 'red' : undefined} fw={schedule.overdue ? 700 : undefined}>
          {schedule.nextVisitDue ?? '—'}
          {schedule.overdue ? `（已逾期 ${schedule.overdueDays} 天）` : ''}
        </Text>
      </Text>
    </Group>
  );
}

export function cycleText(months: number): string {
  if (months === 1) return '每月一次';
  if (months === 12) return '每年一次';
  if (months === 6) return '每半年一次';
  if (months === 3) return '每季度一次';
  return `每 ${months} 个月一次`;
}

function GuaranteesCell({ visit }: { visit: Visit }) {
  const g = visit.guarantees;
  if (!g) return <Text size="xs" c="dimmed">未核查</Text>;
  const atRisk = guaranteeKeys.filter((k) => g[k].status === 'atRisk');
  if (atRisk.length === 0) {
    return (
      <Badge size="sm" variant="light" color="green" radius="sm">
        均有保障
      </Badge>
    );
  }
  return (
    <Tooltip
      multiline
      w={280}
      label={atRisk.map((k) => `${guaranteeLabels[k]}：${g[k].note ?? '有风险'}`).join('；')}
    >
      <Group gap={4}>
        {atRisk.map((k) => (
          <Badge key={k} size="sm" variant="light" color="red" radius="sm">
            {guaranteeLabels[k]}有风险
          </Badge>
        ))}
      </Group>
    </Tooltip>
  );
}

/** The visits of one household, newest first. */
export function VisitsTable({ visits, highlightCaseId }: { visits: readonly Visit[]; highlightCaseId?: string }) {
  if (visits.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        还没有走访记录。
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder highlightOnHover verticalSpacing={6} aria-label="走访记录" className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>走访日期</Table.Th>
            <Table.Th w={100}>类型</Table.Th>
            <Table.Th w={140}>走访人</Table.Th>
            <Table.Th>走访发现</Table.Th>
            <Table.Th w={190}>两不愁三保障</Table.Th>
            <Table.Th w={90}>收入更新</Table.Th>
            <Table.Th w={110}>监测对象</Table.Th>
            <Table.Th w={80}>录入人</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visits.map((v) => (
            <Table.Tr key={v.id} className={highlightCaseId && v.caseId !== highlightCaseId ? classes.otherCase : undefined}>
              <Table.Td className={classes.mono}>{v.visitDate}</Table.Td>
              <Table.Td>{visitKindLabels[v.kind]}</Table.Td>
              <Table.Td>{v.visitors.join('、')}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={3} title={v.findings} className={classes.findings}>
                  {v.findings}
                </Text>
              </Table.Td>
              <Table.Td>
                <GuaranteesCell visit={v} />
              </Table.Td>
              <Table.Td>{v.incomeYear !== null ? `${v.incomeYear} 年` : ''}</Table.Td>
              <Table.Td className={classes.mono}>{v.caseCode ?? ''}</Table.Td>
              <Table.Td>{v.recordedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
