import { Alert, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { Eligibility } from '../../../../shared/contract/workshops';
import { householdKindLabels } from '../../../../shared/domain/household';
import { formatYuan } from '../../components/money';

/** The year's reward of one workshop: the sums, the rule used, and every person with why they count or not. */
export function EligibilityCard({ eligibility: e }: { eligibility: Eligibility }) {
  return (
    <Card withBorder>
      <Stack gap="sm">
        {e.blocker ? (
          <Alert color="orange" title={`${e.year} 年不能享受奖补`}>
            {e.blocker}
          </Alert>
        ) : (
          <Group gap="lg" aria-label="奖补测算结果">
            <Text fw={600}>
              {e.year} 年可享奖补合计 {formatYuan(e.totalFen)} 元
            </Text>
            <Text size="sm">
              稳定就业脱贫人口 {e.countedPeople} 人
              {e.tierMinPeople !== null ? `（达到 ${e.tierMinPeople} 人档），以奖代补 ${formatYuan(e.tierRewardFen)} 元` : '，未达到最低档次'}
            </Text>
            <Text size="sm">
              满 12 个月 {e.stablePeople} 人，稳岗补贴 {formatYuan(e.stableRewardFen)} 元
            </Text>
          </Group>
        )}
        <Text size="sm" c="dimmed">
          测算规则（{e.settingsSource === 'saved' ? `${e.year} 年就业参数` : '程序默认值，管理员可在“就业参数”中按本县文件修改'}）：{e.rule}
        </Text>
        {e.people.length > 0 && (
          <Table aria-label="奖补计入人员" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>姓名</Table.Th>
                <Table.Th>户类型</Table.Th>
                <Table.Th>务工月数</Table.Th>
                <Table.Th>月均工资（元）</Table.Th>
                <Table.Th>是否计入</Table.Th>
                <Table.Th>说明</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.people.map((p) => (
                <Table.Tr key={p.memberId}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{householdKindLabels[p.householdKind]}</Table.Td>
                  <Table.Td>{p.months}</Table.Td>
                  <Table.Td>{formatYuan(p.averageWageFen)}</Table.Td>
                  <Table.Td>
                    <Badge color={p.counted ? 'green' : 'gray'} variant="light">
                      {p.counted ? (p.stable ? '计入·稳岗' : '计入') : '不计入'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
