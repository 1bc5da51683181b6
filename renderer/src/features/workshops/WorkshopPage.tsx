import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Spell } from '../../../../shared/contract/employment';
import { householdKindLabels } from '../../../../shared/domain/household';
import { workshopFormLabels, workshopStateLabels, workshopTypeLabels } from '../../../../shared/domain/workshops';
import { apiQuery, invalidateChannels } from '../../api/queries';
import { useSession } from '../../api/session';
import { useToday } from '../../api/today';
import { formatYuan } from '../../components/money';
import { ErrorBlock, LoadingBlock, PageHeader } from '../../components/PageStates';
import { EndSpellDialog } from '../employment';
import { EligibilityCard } from './EligibilityCard';
import { CheckModal, StaffModal, WorkshopModal } from './WorkshopDialogs';
import { stateColors } from './WorkshopsPage';

// One 帮扶车间: its record, the quarterly checks, the staff (job spells with channel 就业帮扶车间)
// and the year's reward eligibility with who counts and why.

export function WorkshopPage() {
  const { id = '' } = useParams();
  const today = useToday();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [yearText, setYearText] = useState(today.slice(0, 4));
  const validYear = /^\d{4}$/.test(yearText) && Number(yearText) >= 2000 && Number(yearText) <= 2100;
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const detail = useQuery(apiQuery('workshops.get', { id, year }));
  const [editing, setEditing] = useState(false);
  const [checking, setChecking] = useState(false);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Spell | null>(null);
  const canEdit = user.role !== 'reviewer';

  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  const { workshop: w, staff, checks, eligibility } = detail.data;

  return (
    <Stack gap="md">
      <PageHeader title={w.name} description={`${w.villageName} · ${workshopFormLabels[w.form]} · ${workshopTypeLabels[w.kind]}`}>
        <Anchor component={Link} to="/workshops" size="sm">
          返回帮扶车间
        </Anchor>
        {canEdit && (
          <>
            <Button variant="default" onClick={() => setEditing(true)}>
              编辑
            </Button>
            {w.state !== 'cleared' && (
              <Button variant="default" onClick={() => setChecking(true)}>
                登记监测检查
              </Button>
            )}
            {w.state !== 'cleared' && <Button onClick={() => setAdding(true)}>登记务工人员</Button>}
          </>
        )}
      </PageHeader>
      <Card withBorder>
        <Group gap="xl" align="flex-start">
          <Stack gap={4}>
            <Text size="sm">统一社会信用代码：{w.creditCode ?? '未填'}</Text>
            <Text size="sm">法人代表：{w.legalPerson ?? '未填'}</Text>
            <Text size="sm">生产项目：{w.products ?? '未填'}</Text>
          </Stack>
          <Stack gap={4}>
            <Text size="sm">认定：{w.recognitionNo ? `${w.recognitionNo}（${w.recognizedOn}）` : '尚未认定'}</Text>
            <Text size="sm">
              意外险：{w.insurer ?? '未填'}
              {w.insuranceFen !== null ? `，${formatYuan(w.insuranceFen)} 元/人/月` : ''}
              {w.insuranceUntil ? `，至 ${w.insuranceUntil}` : ''}
            </Text>
            <Group gap="xs">
              <Text size="sm">监测状态：</Text>
              <Badge color={stateColors[w.state]} variant="light">
                {workshopStateLabels[w.state]}
              </Badge>
              {w.checkDue && (
                <Badge color="orange" variant="outline">
                  本季度待检查
                </Badge>
              )}
            </Group>
          </Stack>
        </Group>
      </Card>

      <Group align="flex-end" gap="sm">
        <Title order={4}>年度奖补测算</Title>
        <TextInput
          label="年度"
          w={90}
          value={yearText}
          error={validYear ? undefined : '请填 4 位年度'}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setYearText(t);
            if (/^\d{4}$/.test(t) && Number(t) >= 2000 && Number(t) <= 2100) setYear(Number(t));
          }}
        />
      </Group>
      <EligibilityCard eligibility={eligibility} />

      <Title order={4}>务工人员（共 {staff.length} 条记录，当前在岗 {w.staffNow} 人）</Title>
      {staff.length === 0 ? (
        <Alert color="gray">尚无务工人员。点击“登记务工人员”从本乡镇的户籍成员中选择。</Alert>
      ) : (
        <Table striped aria-label="车间务工人员">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>姓名</Table.Th>
              <Table.Th>户类型</Table.Th>
              <Table.Th>村 / 户编号</Table.Th>
              <Table.Th>岗位/工种</Table.Th>
              <Table.Th>开始</Table.Th>
              <Table.Th>结束</Table.Th>
              <Table.Th>月工资（元）</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/households/${s.householdId}`}>
                    {s.memberName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{householdKindLabels[s.householdKind]}</Table.Td>
                <Table.Td>
                  {s.villageName} / {s.householdCode}
                </Table.Td>
                <Table.Td>{s.job ?? ''}</Table.Td>
                <Table.Td>{s.startDate}</Table.Td>
                <Table.Td>{s.endDate ?? '在岗'}</Table.Td>
                <Table.Td>{formatYuan(s.monthlyIncomeFen)}</Table.Td>
                <Table.Td>
                  {canEdit && s.open && (
                    <Button size="xs" variant="subtle" onClick={() => setEnding(s)} aria-label={`${s.memberName} 离岗`}>
                      离岗
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Title order={4}>季度监测记录</Title>
      {checks.length === 0 ? (
        <Text c="dimmed" size="sm">
          尚无监测检查记录。每季度检查一次，登记检查后的监测状态（正常运行 / 监测待处置 / 清理）。
        </Text>
      ) : (
        <Table aria-label="季度监测记录">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>检查日期</Table.Th>
              <Table.Th>监测状态</Table.Th>
              <Table.Th>在岗人数</Table.Th>
              <Table.Th>检查人</Table.Th>
              <Table.Th>检查情况</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.checkedOn}</Table.Td>
                <Table.Td>{workshopStateLabels[c.state]}</Table.Td>
                <Table.Td>{c.people ?? ''}</Table.Td>
                <Table.Td>{c.checker}</Table.Td>
                <Table.Td>{c.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <WorkshopModal workshop={w} opened={editing} onClose={() => setEditing(false)} />
      <CheckModal workshop={checking ? w : null} onClose={() => setChecking(false)} />
      <StaffModal workshop={w} opened={adding} onClose={() => setAdding(false)} />
      <EndSpellDialog
        spell={ending}
        today={today}
        onClose={() => {
          setEnding(null);
          void invalidateChannels(queryClient, 'workshops.get', 'workshops.list', 'workshops.ledger');
        }}
      />
    </Stack>
  );
}
