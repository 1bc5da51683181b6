import { createLedgerStore, useLedgerStore, type LedgerState as StoredLedgerState } from '../../components/createLedgerStore';
import type { HouseholdSortColumn } from '../../../../shared/contract/households';
import type { HouseholdKind } from '../../../../shared/domain/household';
import type { LedgerFlag } from './labels';

// The household ledger's filters and sort (kept for the window's life by createLedgerStore).

export type LedgerStatus = 'active' | 'closed' | 'all';

export interface LedgerFilters {
  villageId: string | null;
  groupId: string | null;
  kind: HouseholdKind | null;
  flags: LedgerFlag[];
  status: LedgerStatus;
  /** Only households with an open 待补充 item (待补充：有). */
  pending: boolean;
  /** Exactly what is in the search box; the list follows it after a short pause. */
  search: string;
}

export interface LedgerSort {
  column: HouseholdSortColumn;
  direction: 'asc' | 'desc';
}

export type LedgerState = StoredLedgerState<LedgerFilters, LedgerSort>;

export const defaultFilters: LedgerFilters = { villageId: null, groupId: null, kind: null, flags: [], status: 'active', pending: false, search: '' };
export const defaultSort: LedgerSort = { column: 'householdCode', direction: 'asc' };

export const ledgerStore = createLedgerStore('households.ledger.v1', defaultFilters, defaultSort);

export function useLedgerState(): LedgerState {
  return useLedgerStore(ledgerStore);
}

export function filtersActive(f: LedgerFilters): boolean {
  return f.villageId !== null || f.groupId !== null || f.kind !== null || f.flags.length > 0 || f.status !== 'active' || f.pending || f.search.trim() !== '';
}
