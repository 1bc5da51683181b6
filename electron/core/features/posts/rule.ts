import { AppError } from '../../../../shared/lib/result';

/** A refusal by a 公益岗位 rule, shown at the field when it is about one. */
export function rule(message: string, field?: string): AppError {
  return new AppError('RULE', message, field ? { [field]: message } : undefined);
}
