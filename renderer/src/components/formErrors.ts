import type { FormErrors, SetErrors } from '@mantine/form';
import type { z } from 'zod';
import { ApiError } from '../app/api';

/** How a field is named in the contract versus in the form (e.g. `villages.0.groups` → `villages.0.groupsText`). */
export type PathMap = (path: string) => string;

const samePath: PathMap = (p) => p;

/**
 * Runs a contract schema on the form's values (converted to the channel's input) and returns
 * Mantine form errors: the same Chinese messages the core would give, at once and beside the field.
 */
export function schemaErrors(schema: z.ZodType, input: unknown, mapPath: PathMap = samePath): FormErrors {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = mapPath(issue.path.map(String).join('.'));
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
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
