import type { QueryClient } from '@tanstack/react-query';
import { readYuan } from '../../../../shared/lib/money';
import { invalidateChannels } from '../../api/queries';
import { apiFieldErrors, errorMessage } from '../../components/formErrors';

/** An asset change shows in the ledger, the asset page, and (for a paid plan) the payment lists. */
export function refreshAssets(queryClient: QueryClient): Promise<void> {
  return invalidateChannels(queryClient, 'assets.list', 'assets.get', 'payments.list');
}

/** 元 text → fen for a form: the value, or the sentence to show beside the field. */
export function fenOf(text: string, label: string): { fen: number } | { error: string } {
  const r = readYuan(text, { label, maxFen: 100_000_000_000 });
  if (!r.ok) return { error: r.error };
  if (r.fen === null || r.fen <= 0) return { error: `请填写${label}（单位：元），应大于 0` };
  return { fen: r.fen };
}

/** The refusal for the form footer and the field messages beside their fields. */
export function refusal(err: unknown): { message: string; fields: Record<string, string> } {
  return { message: errorMessage(err), fields: apiFieldErrors(err) };
}
