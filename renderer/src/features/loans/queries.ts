import type { QueryClient } from '@tanstack/react-query';
import { invalidateChannels } from '../../api/queries';

/** Everything a loan or its events change: the household's loans, the ledger and the to-do count. */
export function refreshAfterLoan(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'loans.forHousehold', 'loans.get', 'loans.ledger', 'loans.overdueCount', 'loans.settings');
}

/** 3.45 (percent, as the contract prints it) ↔ 345 basis points. */
export function rateText(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, '');
}

export function readRate(text: string): number | null {
  const s = text.trim().replace(/%$/, '');
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}
