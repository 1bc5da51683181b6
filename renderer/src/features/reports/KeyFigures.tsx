import { NativeSelect, Paper, SimpleGrid, Stack, Text, Title, Group } from '@mantine/core';
import type { Figures, Workbench } from '../../../../shared/contract/reports';
import { householdKindLabels, householdKinds } from '../../../../shared/domain/household';
import { monitoringCategories, monitoringCategoryLabels } from '../../../../shared/domain/monitoring';
import { formatYuan } from '../../../../shared/lib/money';
import classes from './workbench.module.css';

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;
}

function n(v: number): string {
  return v.toLocaleString('zh-CN');
}

/** The per-capita figure, and beside it how it moved: a sentence in the figure's place wrapped
 *  across the card in large type. */
function income(f: Figures): { value: string; detail: string } {
  if (f.perCapitaFen === null) return { value: '—', detail: `${f.incomeYear} 年尚无收入记录` };
  const value = `${formatYuan(f.perCapitaFen)} 元`;
  if (f.perCapitaPrevFen === null || f.perCapitaPrevFen === 0) return { value, detail: '上年无记录' };
  const change = ((f.perCapitaFen - f.perCapitaPrevFen) / f.perCapitaPrevFen) * 100;
  return { value, detail: `比上年${change >= 0 ? '增' : '减'} ${Math.abs(change).toFixed(1)}%` };
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="xs" className={classes.card}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" className={classes.num} style={{ textAlign: 'left' }}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** 关键数字: the township's, or one village's on a click of the select. */
export function KeyFigures({ data, scope, onScope }: { data: Workbench; scope: string; onScope: (villageId: string) => void }) {
  const village = data.villages.find((v) => v.villageId === scope);
  const f = village?.figures ?? data.township;
  const open = f.casesByStatus.identifying + f.casesByStatus.monitoring;
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Title order={5}>关键数字（{village ? village.name : '全乡'}）</Title>
        <NativeSelect
          aria-label="查看范围"
          size="xs"
          w={140}
          className={classes.noPrint}
          value={scope}
          onChange={(e) => onScope(e.currentTarget.value)}
          data={[{ value: '', label: '全乡' }, ...data.villages.map((v) => ({ value: v.villageId, label: v.name }))]}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="key-figures">
        <Stat
          label="在册农户"
          value={`${n(f.householdTotal)} 户`}
          detail={householdKinds.map((k) => `${householdKindLabels[k]} ${n(f.households[k])}`).join(' · ')}
        />
        <Stat label="在册人口" value={`${n(f.population)} 人`} />
        <Stat
          label="监测对象（识别中＋监测中）"
          value={`${n(open)} 户`}
          detail={monitoringCategories.map((c) => `${monitoringCategoryLabels[c]} ${n(f.openByCategory[c])}`).join(' · ')}
        />
        <Stat label="风险已消除（累计）" value={`${n(f.casesByStatus.eliminated)} 户`} detail={`识别中 ${n(f.casesByStatus.identifying)} · 监测中 ${n(f.casesByStatus.monitoring)}`} />
        <Stat label={`${data.today.slice(0, 4)} 年新纳入 / 消除`} value={`${n(f.includedThisYear)} / ${n(f.eliminatedThisYear)}`} />
        <Stat label="帮扶措施覆盖（监测中）" value={percent(f.monitoringWithMeasure, f.monitoringCases)} detail={`${n(f.monitoringWithMeasure)} / ${n(f.monitoringCases)} 户有措施`} />
        <Stat
          label="本季度走访完成"
          value={percent(f.visitsDoneThisQuarter, f.visitsDueThisQuarter)}
          detail={`已访 ${n(f.visitsDoneThisQuarter)} / 应访 ${n(f.visitsDueThisQuarter)} 户`}
        />
        <Stat label={`${f.incomeYear} 年监测户人均纯收入`} {...income(f)} />
      </SimpleGrid>
    </Stack>
  );
}
