import type { QueryClient } from '@tanstack/react-query';
import { householdPatchSchema, memberPatchSchema } from '../../../../shared/contract/households';
import { invalidateChannels } from '../../api/queries';

/** After any change to a household or its members: the ledger, the detail pages and the ID checks. */
export function refreshHouseholds(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'households.list', 'households.get', 'households.checkId');
}

/**
 * Keys the patch schemas fill in with their defaults when a patch leaves them out (zod applies a
 * field's `.default()` inside `.partial()`). A patch must carry their current values, or the core
 * would reset them. Worked out from the schema itself, so the list empties once the contract
 * stops filling defaults, and patches then carry only what changed.
 */
export const householdPatchFilledKeys: readonly string[] = Object.keys(householdPatchSchema.parse({}));
export const memberPatchFilledKeys: readonly string[] = Object.keys(memberPatchSchema.parse({}));
