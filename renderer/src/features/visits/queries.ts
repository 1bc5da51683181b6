import type { QueryClient } from '@tanstack/react-query';
import { apiQuery, invalidateChannels } from '../../api/queries';

export function householdVisitsQuery(householdId: string) {
  return apiQuery('visits.forHousehold', { householdId });
}

/**
 * After a visit: the visit lists and the schedule (待办), the case pages and ledger (visit
 * deadline, guarantees, timeline), the income (when updated with the visit) and the household page.
 */
export function refreshAfterVisit(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(
    queryClient,
    'visits.forHousehold',
    'visits.due',
    'monitoring.get',
    'monitoring.list',
    'monitoring.forHousehold',
    'income.forHousehold',
    'forms.status',
    'income.summary',
    'households.get',
  );
}
