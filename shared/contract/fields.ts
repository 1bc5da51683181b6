import { z } from 'zod';
import { isValidIsoDate } from '../lib/dates';

// Reusable field schemas with Chinese messages; forms show them beside the field.

export const idSchema = z.string().min(1, { error: '缺少记录编号' });

/**
 * Characters a person cannot see but that change what is printed or shown: C0/C1 controls (NUL,
 * terminal escapes, stray line breaks) and the bidi controls, of which an override (U+202E) prints
 * a name backwards on a notice. Names, codes and one-line fields refuse all of them; notes may keep
 * line breaks (\n; a pasted \r\n becomes \n) and nothing else.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlChars = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharsExceptNewline = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export type TextLines = 'single' | 'multi';

/** The Chinese sentence for text holding invisible controls, or null when it is clean. */
export function invisibleCharProblem(label: string, s: string, lines: TextLines = 'single'): string | null {
  if (bidiControls.test(s)) return `${label}中含有改变文字方向的不可见字符，请删除后重新输入`;
  if (lines === 'single' && /[\n\r]/.test(s)) return `${label}只能填一行，请删除其中的换行`;
  if ((lines === 'single' ? controlChars : controlCharsExceptNewline).test(s)) return `${label}中含有不可见的控制字符，请删除后重新输入`;
  return null;
}

/**
 * NFC (so one name is one string however it was typed), trimmed (a pasted trailing line break is
 * only whitespace), \r\n → \n, then the invisible-character check.
 */
export function cleanText(label: string, lines: TextLines) {
  return z
    .string({ error: `请填写${label}` })
    .normalize('NFC')
    .trim()
    .transform((s) => (lines === 'multi' ? s.replace(/\r\n?/g, '\n') : s))
    .superRefine((s, ctx) => {
      const problem = invisibleCharProblem(label, s, lines);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export function requiredText(label: string, max = 50, lines: TextLines = 'single') {
  return cleanText(label, lines).pipe(
    z
      .string()
      .trim()
      .min(1, { error: `请填写${label}` })
      .max(max, { error: `${label}不能超过 ${max} 个字` }),
  );
}

export function optionalText(label: string, max = 100, lines: TextLines = 'single') {
  return cleanText(label, lines)
    .pipe(
      z
        .string()
        .trim()
        .max(max, { error: `${label}不能超过 ${max} 个字` }),
    )
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);
}

export const isoDate = z
  .string({ error: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 年-月-日，例如 2026-03-15' })
  .refine(isValidIsoDate, { error: '这一天在日历上不存在，请检查年月日' });

/**
 * A mobile number is kept as its 11 digits; a landline keeps the hyphen after its area code
 * (0797-1234567), as it is printed on notices and dialled from another county. Area codes 010 and
 * 02x have three digits, all others four, so a landline typed without the hyphen gets it.
 */
export function normalizePhone(typed: string): string {
  const digits = typed.replace(/[\s-]/g, '');
  if (!digits.startsWith('0')) return digits;
  const area = /^0[12]/.test(digits) ? 3 : 4;
  return `${digits.slice(0, area)}-${digits.slice(area)}`;
}

export const phone = z
  .string()
  .trim()
  .refine((s) => s === '' || /^(1\d{10}|0\d{9,11})$/.test(s.replace(/[\s-]/g, '')), {
    error: '电话应为 11 位手机号，或带区号的座机号（如 0598-1234567）',
  })
  .transform((s) => (s === '' ? null : normalizePhone(s)))
  .nullable()
  .default(null);

export const countyCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '县级行政区划代码为 6 位数字，例如 350421' });

export const townshipCode = z
  .string()
  .trim()
  .regex(/^\d{9}$/, { error: '乡镇代码为 9 位数字（县代码 6 位 + 乡镇 3 位），例如 350421101' });

export const villageCode = z
  .string()
  .trim()
  .regex(/^\d{12}$/, { error: '村代码为 12 位数字（乡镇代码 9 位 + 村 3 位），例如 350421101001' });

export const password = z
  .string({ error: '请填写密码' })
  .min(8, { error: '密码至少 8 位' })
  .max(128, { error: '密码不能超过 128 位' })
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), { error: '密码需同时包含字母和数字' });

export const username = z
  .string({ error: '请填写登录名' })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, { error: '登录名用 2–32 位字母、数字或 _ . -' });

export const reason = requiredText('原因', 200, 'multi');

export const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

/**
 * The version of the record the form loaded (migration 0006); the core refuses the save when the
 * record has changed since. Forms always send it; absent means a script that writes unconditionally.
 */
export const versionSeen = z.number({ error: '缺少记录版本，请刷新后重试' }).int().min(1).optional();

/** For a save that creates the record when there is none yet: null = the form saw no record. */
export const versionSeenOrNone = z.number({ error: '缺少记录版本，请刷新后重试' }).int().min(1).nullable().optional();

export const audited = {
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
};
