import type { ColumnVisibilityState } from '@tanstack/react-table';

// Which columns the clerk hid, kept on this PC for the next session (one localStorage key per ledger).

export function loadColumnVisibility(storageKey: string): ColumnVisibilityState {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: ColumnVisibilityState = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'boolean') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function saveColumnVisibility(storageKey: string, state: ColumnVisibilityState): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(state));
  } catch {
    // Not remembered; the choice still holds until the window closes.
  }
}
