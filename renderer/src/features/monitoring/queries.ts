import type { QueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { apiQuery, invalidateChannels } from '../../api/queries';

export function caseQuery(id: string) {
  return apiQuery('monitoring.get', { id });
}

export function householdCasesQuery(householdId: string) {
  return apiQuery('monitoring.forHousehold', { householdId });
}

/**
 * After any change to a case: the case page (set straight from the answer, every mutation returns
 * it), the ledger and the household's cases, and what a status change moves — the visit schedule
 * and the household (its kind and next visit).
 */
export async function refreshAfterCaseChange(queryClient: QueryClient, detail?: CaseDetail): Promise<void> {
  if (detail) queryClient.setQueryData(caseQuery(detail.case.id).queryKey, detail);
  await invalidateChannels(
    queryClient,
    'monitoring.list',
    'monitoring.get',
    'monitoring.forHousehold',
    // The plan is editable only while the case is open, so its view follows the case's status.
    'measures.forCase',
    'visits.due',
    'visits.forHousehold',
    'households.get',
    'households.list',
    // The forms' content (and so their signatures' validity) follows the case.
    'forms.status',
  );
}
