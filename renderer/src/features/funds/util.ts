import type { QueryClient } from '@tanstack/react-query';
import { readYuan } from '../../../../shared/lib/money';
import { invalidateChannels } from '../../api/queries';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';

/** 元 text → fen for a form: the value, or the sentence to show beside the field. */
export function fenOf(text: string, label: string): { fen: number } | { error: string } {
  const r = readYuan(text, { label, maxFen: 100_000_000_000 });
  if (!r.ok) return { error: r.error };
  if (r.fen === null || r.fen <= 0) return { error: `请填写${label}（单位：元），应大于 0` };
  return { fen: r.fen };
}

/** ‰ → "62.5%"; null → "—". */
export function percentText(permille: number | null): string {
  return permille === null ? '—' : `${(permille / 10).toFixed(1)}%`;
}

/** The refusal for the form footer and the field messages beside their fields. */
export function refusal(err: unknown): { message: string; fields: Record<string, string> } {
  return { message: errorMessage(err), fields: apiFieldErrors(err) };
}

/** Every funds view reads the same tables: refresh all after a change. */
export function refreshFunds(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'funds.catalog', 'funds.listBatches', 'funds.listProjects', 'funds.getProject', 'funds.ledger', 'funds.todos');
}

export function yearOptions(today: string): { value: string; label: string }[] {
  const y = Number(today.slice(0, 4));
  return [y + 1, y, y - 1, y - 2, y - 3, y - 4].map((v) => ({ value: String(v), label: `${v} 年` }));
}
