import type { KeyboardEvent } from 'react';

const FIELDS = 'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled])';

/**
 * Keyboard rules of the data-entry forms: Enter in a field moves to the next field (as clerks
 * expect from spreadsheet-like forms) and never submits by accident; Ctrl+S (⌘S) saves.
 * A Chinese input method uses Enter to confirm a word, so Enter during composition is left alone.
 */
export function formKeyDown(e: KeyboardEvent<HTMLFormElement>, save: () => void): void {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
    e.preventDefault();
    e.stopPropagation();
    save();
    return;
  }
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
  if (target instanceof HTMLInputElement && (target.type === 'submit' || target.type === 'button')) return;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  // A combobox (Mantine Select) uses Enter to pick the highlighted option.
  if (target.getAttribute('aria-expanded') === 'true') return;
  e.preventDefault();
  const fields = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(FIELDS)).filter((el) => el.offsetParent !== null);
  const next = fields[fields.indexOf(target) + (e.shiftKey ? -1 : 1)];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  }
}
