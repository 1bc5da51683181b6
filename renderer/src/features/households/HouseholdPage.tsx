import { Alert, Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HouseholdDetail, Member } from '../../../../shared/contract/households';
import type { Village } from '../../../../shared/contract/settings';
import {
  healthLabels,
  householdKindLabels,
  householdStatusLabels,
  laborLabels,
  memberStatusLabels,
  relationLabels,
} from '../../../../shared/domain/household';
import { sexLabels } from '../../../../shared/domain/idNumber';
import { ageOn, isValidIsoDate } from '../../../../shared/lib/dates';
import { ApiError } from '../../api/client';
import { householdQuery, officeQuery } from '../../api/queries';
import { useToday } from '../../api/today';
import { ChangeHeadDialog } from './ChangeHeadDialog';
import { CloseHouseholdDialog, ReopenHouseholdDialog } from './dialogs';
import { MemberLeaveDialog } from './MemberLeaveDialog';
import { HouseholdInfoPanel } from './HouseholdInfoPanel';
import classes from './households.module.css';
import { activeFlagBadges, formatDateTime, householdKindColors } from './labels';
import { ledgerStore } from './ledgerStore';
import { MemberDrawer, type MemberDrawerMode } from './MemberDrawer';
import { HouseholdIncomeSection } from '../income';
import { HouseholdEmploymentSection } from '../employment';
import { HouseholdLoansSection } from '../loans';
import { HouseholdCasesSection } from '../monitoring';
import { HouseholdVisitsSection } from '../visits';
import { HouseholdMoneySection } from '../payments';
import { errorMessage } from '../../components/formErrors';

function BackLink() {
  return (
    <Anchor component={Link} to="/households" size="sm">
      ← 返回户籍台账
    </Anchor>
  );
}

/** 户 page: the household's header, its fields (editable in place), its members and their changes. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const household = useQuery({ ...householdQuery(id), enabled: id !== '' });
  const office = useQuery(officeQuery);
  // The core's day, not the browser's: a PC in another time zone would default dates the core refuses.
  const today = useToday();

  useEffect(() => {
    if (id) ledgerStore.setLastOpened(id);
  }, [id]);

  if (household.isPending) {
    return (
      <Stack>
        <BackLink />
        <Center h={200}>
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              正在读取该户…
            </Text>
          </Group>
        </Center>
      </Stack>
    );
  }
  if (household.isError) {
    const notFound = household.error instanceof ApiError && household.error.code === 'NOT_FOUND';
    return (
      <Stack maw={640}>
        <BackLink />
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? '找不到该户' : '该户没有读出来'}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(household.error)}</Text>
            {!notFound && (
              <Button size="xs" variant="default" onClick={() => void household.refetch()}>
                重试
              </Button>
            )}
          </Stack>
        </Alert>
      </Stack>
    );
  }

  return (
    <HouseholdView
      key={household.data.household.id}
      household={household.data.household}
      members={household.data.members}
      villages={office.data?.villages ?? []}
      today={today}
    />
  );
}

function HouseholdView({
  household: h,
  members,
  villages,
  today,
}: {
  household: HouseholdDetail;
  members: Member[];
  villages: readonly Village[];
  today: string;
}) {
  const [drawer, setDrawer] = useState<MemberDrawerMode | null>(null);
  const [leaving, setLeaving] = useState<Member | null>(null);
  const [closing, setClosing] = useState(false);
  const [changingHead, setChangingHead] = useState(false);
  const [reopening, setReopening] = useState(false);
  const closed = h.status === 'closed';
  const current = members.filter((m) => m.status === 'current');
  const left = members.filter((m) => m.status !== 'current');
  const hasHead = current.some((m) => m.relation === 'head');

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <BackLink />
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={6}>
            <Group gap="sm" align="baseline">
              <Title order={3}>户主 {h.headName}</Title>
              <Text className={classes.mono} c="dimmed" aria-label="户编号">
                {h.householdCode}
              </Text>
            </Group>
            <Group gap={6}>
              <Badge color={closed ? 'gray' : 'green'} variant={closed ? 'outline' : 'light'}>
                {householdStatusLabels[h.status]}
              </Badge>
              <Badge color={householdKindColors[h.kind]} variant="light">
                {householdKindLabels[h.kind]}
              </Badge>
              {activeFlagBadges(h).map((b) => (
                <Badge key={b.flag} color={b.color} variant="light">
                  {b.short}
                </Badge>
              ))}
              <Text size="sm" c="dimmed" ml="xs">
                {h.villageName} · {h.groupName} · 人口 {current.length} 人 · 更新于 {formatDateTime(h.updatedAt)}
              </Text>
            </Group>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            {closed ? (
              <Button onClick={() => setReopening(true)}>恢复</Button>
            ) : (
              <Button color="red" variant="outline" onClick={() => setClosing(true)}>
                注销户
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      {closed && (
        <Alert color="gray" title="该户已注销">
          注销日期 {h.closedDate}；原因：{h.closeReason}。已注销的户不能修改户信息和成员；如需办理，请先点“恢复”。
        </Alert>
      )}

      <HouseholdInfoPanel household={h} villages={villages} />

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>
            家庭成员（在册 {current.length} 人{left.length > 0 ? `，已减员 ${left.length} 人` : ''}）
          </Title>
          {!closed && (
            <Group gap="xs">
              {current.length > 1 && (
                <Button variant="default" size="xs" onClick={() => setChangingHead(true)}>
                  户主变更
                </Button>
              )}
              <Button variant="light" size="xs" onClick={() => setDrawer({ kind: 'add' })}>
                添加成员
              </Button>
            </Group>
          )}
        </Group>
        <MembersTable
          members={members}
          today={today}
          readOnly={closed}
          onEdit={(m) => setDrawer({ kind: 'edit', member: m })}
          onLeave={(m) => setLeaving(m)}
        />
      </Paper>

      <HouseholdCasesSection householdId={h.id} />
      <HouseholdEmploymentSection householdId={h.id} members={members} today={today} readOnly={closed} />
      <HouseholdLoansSection householdId={h.id} members={members} today={today} readOnly={closed} />
      <HouseholdIncomeSection householdId={h.id} />
      <HouseholdMoneySection householdId={h.id} />
      <HouseholdVisitsSection householdId={h.id} />

      <MemberDrawer householdId={h.id} hasHead={hasHead} today={today} mode={drawer} onClose={() => setDrawer(null)} />
      <MemberLeaveDialog
        member={leaving}
        others={current.filter((m) => m.id !== leaving?.id)}
        today={today}
        onClose={() => setLeaving(null)}
      />
      <ChangeHeadDialog household={h} members={current} opened={changingHead} onClose={() => setChangingHead(false)} />
      <CloseHouseholdDialog household={h} opened={closing} today={today} onClose={() => setClosing(false)} />
      <ReopenHouseholdDialog household={h} opened={reopening} today={today} onClose={() => setReopening(false)} />
    </Stack>
  );
}

function age(m: Member, today: string): string {
  if (!isValidIsoDate(m.birthDate)) return '';
  if (m.status === 'dead') return m.leftDate && isValidIsoDate(m.leftDate) ? `（终年 ${ageOn(m.birthDate, m.leftDate)}）` : '';
  return String(ageOn(m.birthDate, today));
}

function MembersTable({
  members,
  today,
  readOnly,
  onEdit,
  onLeave,
}: {
  members: Member[];
  today: string;
  readOnly: boolean;
  onEdit: (m: Member) => void;
  onLeave: (m: Member) => void;
}) {
  if (members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        该户没有成员记录。
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped={false} highlightOnHover withTableBorder aria-label="家庭成员">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>性别</Table.Th>
            <Table.Th>出生日期</Table.Th>
            <Table.Th>年龄</Table.Th>
            <Table.Th>身份证号</Table.Th>
            <Table.Th>与户主关系</Table.Th>
            <Table.Th>健康</Table.Th>
            <Table.Th>劳动技能</Table.Th>
            <Table.Th>状态</Table.Th>
            {!readOnly && <Table.Th>操作</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => {
            const isLeft = m.status !== 'current';
            return (
              <Table.Tr key={m.id} className={isLeft ? classes.memberLeft : undefined} data-status={m.status}>
                <Table.Td fw={m.relation === 'head' && !isLeft ? 600 : undefined}>{m.name}</Table.Td>
                <Table.Td>{sexLabels[m.sex]}</Table.Td>
                <Table.Td className={classes.mono}>{m.birthDate}</Table.Td>
                <Table.Td>{age(m, today)}</Table.Td>
                <Table.Td className={classes.mono}>{m.idNumber}</Table.Td>
                <Table.Td>{isLeft && m.relation === 'head' ? '原户主' : relationLabels[m.relation]}</Table.Td>
                <Table.Td>{healthLabels[m.health]}</Table.Td>
                <Table.Td>{laborLabels[m.labor]}</Table.Td>
                <Table.Td>
                  {isLeft ? (
                    <Stack gap={0}>
                      <Group gap={6} wrap="nowrap">
                        <Badge size="sm" color="gray" variant="outline">
                          {memberStatusLabels[m.status]}
                        </Badge>
                        <Text size="xs">{m.leftDate}</Text>
                      </Group>
                      {m.leftReason && (
                        <Text size="xs" lineClamp={2} title={m.leftReason}>
                          {m.leftReason}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Badge size="sm" color="green" variant="light">
                      {memberStatusLabels[m.status]}
                    </Badge>
                  )}
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" aria-label={`修改 ${m.name}`} onClick={() => onEdit(m)}>
                        修改
                      </Button>
                      {!isLeft && (
                        <Button size="compact-xs" variant="subtle" color="red" aria-label={`减员 ${m.name}`} onClick={() => onLeave(m)}>
                          减员
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
