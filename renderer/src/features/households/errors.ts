import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { ApiError } from '../../app/api';

/** The Chinese sentence to show for any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作没有成功，请重试';
}

/**
 * Field errors of a failed call, keyed by form path. The core names fields after the channel's
 * input (`patch.phone`, `member.idNumber`) or after the record (`phone`); `prefixes` are dropped
 * so both land on the same form field.
 */
export function apiFieldErrors(error: unknown, prefixes: readonly string[] = []): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    let key = path;
    for (const p of prefixes) {
      if (key.startsWith(`${p}.`)) {
        key = key.slice(p.length + 1);
        break;
      }
    }
    if (!(key in out)) out[key] = message;
  }
  return out;
}

/** A zod failure as form errors: the first message for each path (`members.0.idNumber`). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

export function notifySuccess(message: string, title = '已保存'): void {
  notifications.show({ color: 'green', title, message, autoClose: 4000 });
}

/** Moves the keyboard to the first field the form marks invalid. */
export function focusFirstInvalid(root: HTMLElement | null): void {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}
