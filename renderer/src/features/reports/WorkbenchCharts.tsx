import '@mantine/charts/styles.css';
import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { ColorSwatch, Group, SimpleGrid, Text } from '@mantine/core';
import type { Workbench } from '../../../../shared/contract/reports';
import { monitoringCategories, monitoringCategoryLabels, riskTypeLabels, riskTypes } from '../../../../shared/domain/monitoring';
import { ChartCard } from './ChartCard';

// The five charts of the workbench, drawn with @mantine/charts (Recharts, bundled: no network).
// Animations are off so a printed or captured page shows the final drawing.

const noAnimation = { isAnimationActive: false } as const;
const categoryColors = ['orange.6', 'ledger.6', 'red.6'];

function monthLabel(m: string): string {
  return `${m.slice(2, 4)}年${Number(m.slice(5, 7))}月`;
}

function rate(done: number, due: number): number {
  return due === 0 ? 0 : Math.round((done / due) * 1000) / 10;
}

export function WorkbenchCharts({ data }: { data: Workbench }) {
  const byVillage = data.villages.map((v) => ({
    村: v.name,
    识别中: v.figures.casesByStatus.identifying,
    监测中: v.figures.casesByStatus.monitoring,
  }));
  const trend = data.trend.map((m) => ({ 月份: monthLabel(m.month), 新纳入: m.included, 风险消除: m.eliminated }));
  const risks = riskTypes.map((r) => ({ 风险: riskTypeLabels[r], 户数: data.township.risksByType[r] })).filter((r) => r.户数 > 0);
  const visits = data.villages.map((v) => ({
    村: v.name,
    完成率: rate(v.figures.visitsDoneThisQuarter, v.figures.visitsDueThisQuarter),
    done: v.figures.visitsDoneThisQuarter,
    due: v.figures.visitsDueThisQuarter,
  }));
  const categories = monitoringCategories.map((c, i) => ({ name: monitoringCategoryLabels[c], value: data.township.openByCategory[c], color: categoryColors[i]! }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartCard
        title="各村监测户"
        note="识别中和监测中的监测对象"
        table={{ columns: ['村', '识别中', '监测中', '合计'], rows: byVillage.map((r) => [r.村, r.识别中, r.监测中, r.识别中 + r.监测中]) }}
      >
        <BarChart
          h={240}
          data={byVillage}
          dataKey="村"
          type="stacked"
          withLegend
          series={[
            { name: '监测中', color: 'ledger.6' },
            { name: '识别中', color: 'orange.5' },
          ]}
          barProps={noAnimation}
        />
      </ChartCard>
      <ChartCard
        title="新纳入与风险消除（近 24 个月）"
        note="按纳入日期和消除日期所在月份"
        table={{ columns: ['月份', '新纳入', '风险消除'], rows: trend.map((r) => [r.月份, r.新纳入, r.风险消除]) }}
      >
        <LineChart
          h={240}
          data={trend}
          dataKey="月份"
          withLegend
          curveType="linear"
          series={[
            { name: '新纳入', color: 'red.6' },
            { name: '风险消除', color: 'teal.6' },
          ]}
          lineProps={noAnimation}
        />
      </ChartCard>
      <ChartCard title="风险类型" note="识别中和监测中的监测对象，一户可有多种风险" table={{ columns: ['风险类型', '户数'], rows: risks.map((r) => [r.风险, r.户数]) }}>
        <BarChart h={240} data={risks} dataKey="风险" orientation="vertical" yAxisProps={{ width: 104, interval: 0 }} series={[{ name: '户数', color: 'grape.6' }]} barProps={noAnimation} />
      </ChartCard>
      <ChartCard
        title="本季度各村走访完成率"
        note={`${data.quarter.from} 至 ${data.quarter.to}`}
        table={{ columns: ['村', '应访户', '已访户', '完成率（%）'], rows: visits.map((r) => [r.村, r.due, r.done, r.完成率]) }}
      >
        <BarChart h={240} data={visits} dataKey="村" unit="%" yAxisProps={{ domain: [0, 100] }} series={[{ name: '完成率', color: 'teal.6' }]} barProps={noAnimation} />
      </ChartCard>
      <ChartCard title="监测对象类别" note="识别中和监测中、已确定类别的" table={{ columns: ['类别', '户数'], rows: categories.map((c) => [c.name, c.value]) }}>
        <DonutChart h={220} size={170} thickness={28} data={categories} withLabelsLine withLabels withTooltip pieProps={noAnimation} mx="auto" />
        <Group justify="center" gap="md">
          {categories.map((c) => (
            <Group key={c.name} gap={4}>
              <ColorSwatch color={`var(--mantine-color-${c.color.replace('.', '-')})`} size={10} withShadow={false} />
              <Text size="xs">
                {c.name} {c.value}
              </Text>
            </Group>
          ))}
        </Group>
      </ChartCard>
    </SimpleGrid>
  );
}
