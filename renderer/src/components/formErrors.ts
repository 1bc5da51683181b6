import type { FormErrors, SetErrors } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import { ApiError } from '../api/client';

/** How a field is named in the contract versus in the form (e.g. `villages.0.groups` → `villages.0.groupsText`). */
export type PathMap = (path: string) => string;

const samePath: PathMap = (p) => p;

/**
 * Runs a contract schema on the form's values (converted to the channel's input) and returns
 * Mantine form errors: the same Chinese messages the core would give, at once and beside the field.
 */
export function schemaErrors(schema: z.ZodType, input: unknown, mapPath: PathMap = samePath): FormErrors {
  const result = schema.safeParse(input);
  return result.success ? {} : issueErrors(result.error.issues, mapPath);
}

/** The first message for each field path (`members.0.idNumber`, `details.notice.place`). */
export function issueErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], mapPath: PathMap = samePath): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = mapPath(issue.path.map(String).join('.'));
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/** A zod failure as form errors: the first message for each path. */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  return issueErrors(error.issues);
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

/** A sentence for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  // The lock screen has already said why; what matters here is that nothing was saved.
  if (error instanceof ApiError && error.code === 'LOCKED') return '程序锁定时未能保存。解锁后请再提交一次，已填写的内容都还在。';
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `操作未完成：${error.message}`;
  return '操作未完成，请重试';
}

/**
 * Puts the core's field messages (ApiError.fields) beside the form's fields and returns the
 * general sentence to show under the form (null when it would only repeat a field's message).
 */
export function applyApiError(form: { setErrors: SetErrors }, error: unknown, mapPath: PathMap = samePath): string | null {
  if (error instanceof ApiError) {
    const entries = Object.entries(error.fields);
    if (entries.length > 0) {
      form.setErrors((prev) => {
        const next: FormErrors = { ...prev };
        for (const [path, message] of entries) next[mapPath(path)] = message;
        return next;
      });
      if (entries.some(([, message]) => message === error.message)) return null;
    }
  }
  return errorMessage(error);
}

/** The second password must repeat the first: a check only the form can make. */
export function confirmError(password: string, confirm: string): string | null {
  if (confirm === '') return '请再次输入密码';
  return password === confirm ? null : '两次输入的密码不一致';
}

/**
 * A save refused because someone changed the record after this form loaded it (the core's
 * CONFLICT "此记录已被 张三 于 10:42 修改"). The form keeps what the person typed and offers to
 * load the latest values instead.
 */
export function isStaleSave(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'CONFLICT' && error.message.startsWith('此记录已被');
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
