import type { QueryClient } from '@tanstack/react-query';
import { invalidateChannels } from '../../api/queries';

/** Everything a spell changes: the household's spells and members (务工状况), the 摸排 and the ledger. */
export function refreshAfterSpell(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(
    queryClient,
    'employment.forHousehold',
    'employment.checklist',
    'employment.surveyRound',
    'employment.surveyRounds',
    'employment.surveyTodo',
    'employment.migrantLedger',
    'employment.wageSuggestion',
    'households.get',
    'measures.forCase',
    'monitoring.get',
    'monitoring.forHousehold',
  );
}
