import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { caseConsistencyWarnings, showsCategorySuggestion } from '../../../../shared/domain/caseConsistency';
import { householdKindLabels } from '../../../../shared/domain/household';
import { caseStatusLabels, clueSourceLabels, monitoringCategoryLabels } from '../../../../shared/domain/monitoring';
import { ApiError } from '../../api/client';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { CategoryDialog, HelperDialog, ReopenDialog } from './CaseDialogs';
import { CaseTabs } from './CaseTabs';
import { caseStatusColors } from './labels';
import { caseLedgerStore } from './ledgerStore';
import classes from './monitoring.module.css';
import { caseQuery } from './queries';

function BackLink() {
  return (
    <Anchor component={Link} to="/monitoring" size="sm">
      ← 返回监测对象台账
    </Anchor>
  );
}

/** 监测对象 page: the case's header and deadlines above tabs for risks and guarantees, workflow, plan, visits, forms and timeline. */
export function CasePage() {
  const { id = '' } = useParams();
  const detail = useQuery({ ...caseQuery(id), enabled: id !== '' });

  useEffect(() => {
    if (id) caseLedgerStore.setLastOpened(id);
  }, [id]);

  if (detail.isPending) {
    return (
      <Stack>
        <BackLink />
        <LoadingBlock label="正在读取监测对象…" />
      </Stack>
    );
  }
  if (detail.isError) {
    const notFound = detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND';
    return (
      <Stack maw={640}>
        <BackLink />
        {notFound ? (
          <Alert color="gray" title="找不到该监测对象">
            {detail.error.message}
          </Alert>
        ) : (
          <ErrorBlock error={detail.error} title="监测对象没有读出来" onRetry={() => void detail.refetch()} />
        )}
      </Stack>
    );
  }
  return <CaseView key={detail.data.case.id} detail={detail.data} />;
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const c = detail.case;
  const h = detail.household;
  const open = c.status === 'identifying' || c.status === 'monitoring';
  const [confirming, setConfirming] = useState(false);
  const [editingHelper, setEditingHelper] = useState(false);
  const [reopening, setReopening] = useState(false);
  const s = detail.suggestion;
  const showSuggestion = open && showsCategorySuggestion(c, s.category);
  const warnings = open ? caseConsistencyWarnings(detail.risks.map((r) => r.riskType), c.guarantees) : [];

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <BackLink />
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={6}>
            <Group gap="sm" align="baseline">
              <Title order={3}>监测对象 {c.caseCode}</Title>
              <Text>
                户主{' '}
                <Anchor component={Link} to={`/households/${h.id}`} fw={600}>
                  {h.headName}
                </Anchor>
              </Text>
              <Text className={classes.mono} c="dimmed" aria-label="户编号">
                {h.householdCode}
              </Text>
            </Group>
            <Group gap={6}>
              <Badge color={caseStatusColors[c.status]} variant="light" size="lg">
                {caseStatusLabels[c.status]}
              </Badge>
              <Badge color={c.category ? 'grape' : 'gray'} variant={c.category ? 'light' : 'outline'} size="lg">
                {c.category ? monitoringCategoryLabels[c.category] : '类别待确认'}
              </Badge>
              <Text size="sm" c="dimmed" ml="xs">
                {h.villageName} · {h.groupName} · {householdKindLabels[h.kind]} · 人口 {h.memberCount} 人 · 线索：{clueSourceLabels[c.clueSource]}（
                {c.clueDate}）
              </Text>
            </Group>
            <Group gap="md">
              <Text size="sm">
                帮扶联系人：<b>{c.helperName ?? '未填写'}</b>
                {c.helperPhone ? ` ${c.helperPhone}` : ''}
              </Text>
              {c.categoryConfirmedBy && (
                <Text size="sm" c="dimmed">
                  类别确认人：{c.categoryConfirmedBy}
                </Text>
              )}
            </Group>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            {open && (
              <>
                <Button variant="default" onClick={() => setEditingHelper(true)}>
                  修改帮扶联系人
                </Button>
                <Button variant={showSuggestion ? 'filled' : 'default'} onClick={() => setConfirming(true)}>
                  {c.categoryConfirmedBy ? '更正类别' : '确认类别'}
                </Button>
              </>
            )}
            {c.status === 'eliminated' && (
              <Stack gap={2} align="flex-end">
                <Button color="red" variant="outline" disabled={detail.workflow.reopenBlockedReason !== null} onClick={() => setReopening(true)}>
                  回退
                </Button>
                {detail.workflow.reopenBlockedReason && (
                  <Text size="xs" c="dimmed" maw={280} ta="right">
                    {detail.workflow.reopenBlockedReason}
                  </Text>
                )}
              </Stack>
            )}
          </Group>
        </Group>
      </Stack>

      {showSuggestion && (
        <Alert color="blue" variant="light" p="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              程序建议类别：<b>{s.category ? monitoringCategoryLabels[s.category] : '暂无'}</b> — {s.reason}
            </Text>
          </Group>
        </Alert>
      )}

      {open && <DeadlineBanner detail={detail} />}

      {warnings.length > 0 && (
        <Alert color="orange" variant="light" p="xs" title="登记内容前后矛盾" role="alert">
          {warnings.map((w) => (
            <Text key={w} size="sm">
              {w}
            </Text>
          ))}
        </Alert>
      )}

      <CaseTabs detail={detail} editable={open} />

      <CategoryDialog detail={detail} opened={confirming} onClose={() => setConfirming(false)} />
      <HelperDialog detail={detail} opened={editingHelper} onClose={() => setEditingHelper(false)} />
      {reopening && <ReopenDialog detail={detail} opened onClose={() => setReopening(false)} />}
    </Stack>
  );
}

function Due({ label, date, daysLeft, overdue, extra }: { label: string; date: string; daysLeft: number; overdue: boolean; extra?: ReactNode }) {
  const left = overdue ? `已超期 ${-daysLeft} 天` : daysLeft === 0 ? '今天到期' : `还剩 ${daysLeft} 天`;
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={overdue ? 'red' : daysLeft <= 3 ? 'orange' : undefined}>
        <span className={classes.mono}>{date}</span>（{left}）{extra}
      </Text>
    </Stack>
  );
}

/** The deadlines of an open case: days left, overdue in red. */
function DeadlineBanner({ detail }: { detail: CaseDetail }) {
  const d = detail.deadlines;
  const anyOverdue = (d.identification?.overdue ?? false) || (d.plan !== null && !d.plan.done && d.plan.overdue) || (d.visit?.overdue ?? false);
  if (!d.identification && !d.plan && !d.visit) return null;
  return (
    <Paper withBorder p="sm" style={anyOverdue ? { borderColor: 'var(--mantine-color-red-4)', background: 'var(--mantine-color-red-0)' } : undefined}>
      <Group gap="xl" aria-label="期限">
        {d.identification && (
          <Due label="识别纳入期限（县级审定）" date={d.identification.date} daysLeft={d.identification.daysLeft} overdue={d.identification.overdue} />
        )}
        {d.plan &&
          (d.plan.done ? (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                帮扶计划
              </Text>
              <Text size="sm" fw={600} c="green">
                已制定（期限 {d.plan.date}）
              </Text>
            </Stack>
          ) : (
            <Due label="帮扶计划期限" date={d.plan.date} daysLeft={d.plan.daysLeft} overdue={d.plan.overdue} />
          ))}
        {d.visit && <Due label="下次走访" date={d.visit.date} daysLeft={d.visit.daysLeft} overdue={d.visit.overdue} />}
        {detail.household.lastVisitDate && (
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              上次走访
            </Text>
            <Text size="sm" className={classes.mono}>
              {detail.household.lastVisitDate}
            </Text>
          </Stack>
        )}
      </Group>
    </Paper>
  );
}
