// The one error shape both hosts return: a stable code for programs, a Chinese sentence for people.

export const errorCodes = [
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_ID',
  'RULE',
  'NOT_CONFIGURED',
  'ALREADY_CONFIGURED',
  'BAD_CREDENTIALS',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field path (e.g. `members.0.idNumber`) → message, so forms can show it beside the field. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
  toShape(): AppErrorShape {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}
