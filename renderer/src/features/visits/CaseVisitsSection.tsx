import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { openCaseStatuses } from '../../../../shared/domain/monitoring';
import { apiQuery } from '../../api/queries';
import { ErrorBlock, LoadingBlock } from '../../components/PageStates';
import { householdVisitsQuery } from './queries';
import { VisitDialog, type VisitTarget } from './VisitDialog';
import { ScheduleLine, VisitsTable } from './VisitsTable';

/** 走访记录 on the case page: every visit to the case's household (other cases' visits dimmed), and 记录走访. */
export function CaseVisitsSection({ caseId }: { caseId: string }) {
  const detail = useQuery(apiQuery('monitoring.get', { id: caseId }));
  const householdId = detail.data?.household.id ?? '';
  const visits = useQuery({ ...householdVisitsQuery(householdId), enabled: householdId !== '' });
  const [target, setTarget] = useState<VisitTarget | null>(null);

  const c = detail.data?.case;
  const h = detail.data?.household;
  const open = c ? openCaseStatuses.includes(c.status) : false;
  const mayVisit = h?.status !== 'closed';
  const ofThisCase = visits.data?.visits.filter((v) => v.caseId === caseId).length ?? 0;

  return (
    <Paper withBorder p="md" component="section" aria-label="走访记录">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={5}>走访记录</Title>
            {visits.data && (
              <Text size="xs" c="dimmed">
                本监测对象 {ofThisCase} 次{visits.data.visits.length > ofThisCase ? `，该户共 ${visits.data.visits.length} 次` : ''}
              </Text>
            )}
          </Stack>
          {c && h && mayVisit && (
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                setTarget({
                  householdId: h.id,
                  ...(open ? { caseId } : {}),
                  headName: h.headName,
                  householdCode: h.householdCode,
                  helperName: c.helperName ?? h.helperName,
                  guarantees: open ? c.guarantees : null,
                  openCase: open,
                })
              }
            >
              记录走访
            </Button>
          )}
        </Group>
        {(detail.isPending || (householdId !== '' && visits.isPending)) && <LoadingBlock label="正在读取走访记录…" />}
        {detail.isError && <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} title="走访记录没有读出来" />}
        {visits.isError && <ErrorBlock error={visits.error} onRetry={() => void visits.refetch()} title="走访记录没有读出来" />}
        {visits.data && (
          <>
            <ScheduleLine schedule={visits.data.schedule} />
            <VisitsTable visits={visits.data.visits} highlightCaseId={caseId} />
          </>
        )}
      </Stack>
      <VisitDialog target={target} onClose={() => setTarget(null)} />
    </Paper>
  );
}
