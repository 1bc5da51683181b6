import type { z } from 'zod';
import { AppError } from '../../../../shared/lib/result';
import type { DB } from '../schema';

// One codec per JSON-bearing column: the column's shape as a zod schema, read through `decode`
// (which refuses a value that does not fit, naming the column, instead of handing a cast `as T`
// to the features) and written through `encode`. The schemas accept every shape a version of the
// program ever wrote to the column (see each feature file), so an old data folder still reads.

export interface JsonColumn<T, I = T> {
  readonly table: keyof DB & string;
  readonly column: string;
  /** What the column holds, in the words of the error message (e.g. 监测案件的两不愁三保障). */
  readonly label: string;
  /** The stored text as a value; a value that does not fit throws an AppError naming the column. */
  decode(text: string): T;
  /** Like decode, but undefined for a value that does not fit (for callers that report it their own way). */
  safeDecode(text: string): T | undefined;
  /**
   * The text to store: plain JSON.stringify, so the bytes are what the program always wrote. It
   * takes what the schema accepts (its input), so whatever is written reads back.
   */
  encode(value: I): string;
}

export interface JsonColumnOptions<T> {
  /** What to do when the value is damaged, when the general advice (restore a backup) is not the best. */
  advice?: string;
  /** Text that is not JSON at all but was written so by an earlier version (read, never written). */
  legacyText?: (text: string) => T;
}

const generalAdvice = '请从备份恢复数据，或联系维护人员处理';

export function damagedMessage(label: string, table: string, column: string, advice = generalAdvice): string {
  return `数据库中${label}（${table}.${column}）的内容已损坏，无法读取。${advice}`;
}

function parseText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function jsonColumn<Tb extends keyof DB & string, S extends z.ZodType>(
  table: Tb,
  column: keyof DB[Tb] & string,
  label: string,
  schema: S,
  options: JsonColumnOptions<z.output<S>> = {},
): JsonColumn<z.output<S>, z.input<S>> {
  const safeDecode = (text: string): z.output<S> | undefined => {
    const parsed = parseText(text);
    if (!parsed.ok) return options.legacyText ? options.legacyText(text) : undefined;
    const checked = schema.safeParse(parsed.value);
    return checked.success ? checked.data : undefined;
  };
  return {
    table,
    column,
    label,
    safeDecode,
    decode(text) {
      const value = safeDecode(text);
      if (value === undefined) throw new AppError('INTERNAL', damagedMessage(label, table, column, options.advice));
      return value;
    },
    encode: (value) => JSON.stringify(value),
  };
}
