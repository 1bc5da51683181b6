import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiQuery, householdQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { householdVisitsQuery } from './queries';
import { VisitDialog, type VisitTarget } from './VisitDialog';
import { ScheduleLine, VisitsTable } from './VisitsTable';

/** 走访记录 on the household page: the visit schedule, the visits, and 记录走访. */
export function HouseholdVisitsSection({ householdId }: { householdId: string }) {
  const visits = useQuery(householdVisitsQuery(householdId));
  const household = useQuery(householdQuery(householdId));
  // The open case, if any: its helper visits, and its guarantees start the check.
  const cases = useQuery(apiQuery('monitoring.forHousehold', { householdId }));
  const openCaseId = cases.data?.openCaseId ?? null;
  const openCase = useQuery({ ...apiQuery('monitoring.get', { id: openCaseId ?? '' }), enabled: openCaseId !== null });
  const c = openCaseId !== null ? openCase.data?.case : undefined;
  const [target, setTarget] = useState<VisitTarget | null>(null);
  const h = household.data?.household;
  const closed = h?.status === 'closed';

  return (
    <Paper withBorder p="md" component="section" aria-label="走访记录">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={5}>走访记录{visits.data ? `（${visits.data.visits.length} 次）` : ''}</Title>
          {!closed && (
            <Button
              size="xs"
              variant="light"
              disabled={!visits.data}
              onClick={() =>
                setTarget({
                  householdId,
                  headName: h?.headName,
                  householdCode: h?.householdCode,
                  ...(c ? { caseId: c.id, guarantees: c.guarantees } : {}),
                  helperName: c?.helperName ?? h?.helperName ?? null,
                  openCase: c !== undefined || visits.data?.schedule.cycle === 'openCase',
                })
              }
            >
              记录走访
            </Button>
          )}
        </Group>
        {visits.isPending && <LoadingBlock label="正在读取走访记录…" />}
        {visits.isError && <ErrorBlock error={visits.error} onRetry={() => void visits.refetch()} title="走访记录没有读出来" />}
        {visits.data && (
          <>
            <ScheduleLine schedule={visits.data.schedule} />
            {closed && (
              <Text size="xs" c="dimmed">
                该户已注销，不再安排走访。
              </Text>
            )}
            <VisitsTable visits={visits.data.visits} />
          </>
        )}
      </Stack>
      <VisitDialog target={target} onClose={() => setTarget(null)} />
    </Paper>
  );
}
