import {
  cellText,
  codeText,
  columnLooksExcelRounded,
  endsLikeExcelRounded,
  excelRoundedIdMessage,
  parseAmountFen,
  parseDate,
  parseYesNo,
  type CellValue,
} from '../../../../../shared/domain/importClean';
import { valueHints } from '../../../../../shared/domain/importFields';
import type { InvalidRow, SheetRecords } from './types';
import type { Column } from './columns';

// The collectors' common ground: a row seen through the mapping, the problems of each line, the
// readers of one cell, and the collector of records keyed by household (incomes, cases).

export interface UnknownPlace {
  /** villagePlaceKey / groupPlaceKey: what the clerk's mapping is keyed by. */
  key: string;
  village: string;
  /** null: the village itself is unknown. */
  group: string | null;
  /** The (known) village an unknown group sits in. */
  villageId: string | null;
  households: number;
}

export interface ImportVillage {
  id: string;
  code: string;
  name: string;
  groups: { id: string; name: string }[];
}

/** One data row seen through the mapping. */
export class Row {
  constructor(
    readonly line: number,
    readonly cells: readonly CellValue[],
    private readonly byField: ReadonlyMap<string, number[]>,
  ) {}
  value(field: string): CellValue {
    const idx = this.byField.get(field)?.[0];
    return idx === undefined ? null : (this.cells[idx - 1] ?? null);
  }
  text(field: string): string {
    return cellText(this.value(field));
  }
  values(field: string): CellValue[] {
    return (this.byField.get(field) ?? []).map((i) => this.cells[i - 1] ?? null);
  }
  has(field: string): boolean {
    return this.byField.has(field);
  }
  /** Same cells as `other` (a row of the same part) in these fields: identical raw values, else the same text. */
  sameAs(other: Row, fields: readonly string[], raw = false): boolean {
    for (const f of fields) {
      for (const i of this.byField.get(f) ?? []) {
        const a = this.cells[i - 1] ?? null;
        const b = other.cells[i - 1] ?? null;
        if (a !== b && (raw || cellText(a) !== cellText(b))) return false;
      }
    }
    return true;
  }
}

/** Problems of one row: field key → message (one per field; the first wins). */
type RowErrors = Map<string, string>;

export class Problems {
  private readonly rows = new Map<number, RowErrors>();
  constructor(private readonly labelOf: (field: string) => string) {}
  add(line: number, field: string, message: string): void {
    let errs = this.rows.get(line);
    if (!errs) this.rows.set(line, (errs = new Map()));
    if (!errs.has(field)) errs.set(field, message);
  }
  /** A copy of one line's problems (to give another line the same ones). */
  snapshot(line: number): RowErrors | null {
    const errs = this.rows.get(line);
    return errs ? new Map(errs) : null;
  }
  restore(line: number, errs: RowErrors | null): void {
    if (errs) this.rows.set(line, new Map(errs));
  }
  has(line: number, field?: string): boolean {
    const errs = this.rows.get(line);
    return errs !== undefined && (field === undefined || errs.has(field));
  }
  /** True when any of these lines (one household's rows) already has a problem. */
  onAnyOf(lines: readonly number[]): boolean {
    return lines.some((l) => this.rows.has(l));
  }
  reason(line: number): string | null {
    const errs = this.rows.get(line);
    if (!errs) return null;
    const parts = [...errs].map(([field, message]) => {
      const label = field === '' ? '' : this.labelOf(field);
      const m = message.replace(/[。.]$/, '');
      const bare = label.replace(/[（(][^（(]*[)）]$/, '');
      if (label === '' || m.includes(label) || (bare !== '' && m.includes(bare))) return m;
      // The import's own messages continue the column name ("与户主关系“外甥”无法识别"); the
      // contract's are sentences of their own.
      return /^(“|为空|与第|不在)/.test(m) ? `${label}${m}` : `${label}：${m}`;
    });
    return `第 ${line} 行：${parts.join('；')}`;
  }
}

export function hintFor(field: string): string {
  const hints = valueHints[field];
  return hints ? `，可填：${hints.slice(0, 8).join('、')}${hints.length > 8 ? ' 等' : ''}` : '';
}

export interface CollectorContext {
  villages: ImportVillage[];
  today: string;
  labelOf: (field: string) => string;
  cellsOf: (cells: readonly CellValue[]) => Record<string, string>;
  columns: readonly Column[];
  /** A CSV has no cell types: an ID number Excel rounded looks like any other text there. */
  fromCsv: boolean;
  /** A national export (issue 11): rows that are not this part's business are 不适用, not errors. */
  national: boolean;
  /** National incomes without a 年度 column: the year read from 数据日期 or confirmed by the clerk. */
  fixedYear: number | null;
  /** National export: the clerk's mapping of the file's village/group names (null: refuse unknown names row by row). */
  places: Readonly<Record<string, string>> | null;
  /** Names the office lacks and the clerk has not mapped, by place key. */
  unknownPlaces: Map<string, UnknownPlace>;
  /** 户编号 of the households waiting for that mapping. */
  waitingCodes: Set<string>;
}

export interface Collector {
  add(row: Row): void;
  finish(): { records: SheetRecords; invalid: InvalidRow[]; notApplicable: number };
}

/** ID numbers ending in 000 from a CSV, or from a column where several do: Excel cut them. */
export function refuseExcelRoundedIds(lines: readonly number[], ids: readonly string[], fromCsv: boolean, problems: Problems): void {
  if (!fromCsv && !columnLooksExcelRounded(ids)) return;
  ids.forEach((id, i) => {
    if (endsLikeExcelRounded(id)) problems.add(lines[i]!, 'idNumber', `${id} ${excelRoundedIdMessage}`);
  });
}

/** A code column (户编号): cleaned, or an error when Excel has already cut digits. */
export function readCode(row: Row, field: string, problems: Problems, what: string): string {
  const { text, lostDigits } = codeText(row.value(field));
  if (lostDigits) {
    problems.add(row.line, field, `${what}被 Excel 存成了数字，后几位已丢失（显示为 ${text}）。请把该列设为“文本”格式后重新填写`);
    return '';
  }
  return text;
}

/** A closed-list field: the code name, undefined when empty (the schema's default or its "请选择"), or an error. */
export function readChoice<T>(row: Row, field: string, map: (t: string) => T | null, problems: Problems): T | undefined {
  if (!row.has(field)) return undefined;
  const text = row.text(field);
  if (text === '') return undefined;
  const value = map(text);
  if (value === null) {
    problems.add(row.line, field, `“${text}”无法识别${hintFor(field)}`);
    return undefined;
  }
  return value;
}

export function readYesNo(row: Row, field: string, problems: Problems): boolean | undefined {
  if (!row.has(field)) return undefined;
  const v = row.value(field);
  if (cellText(v) === '') return undefined;
  const b = parseYesNo(v);
  if (b === null) {
    problems.add(row.line, field, `“${cellText(v)}”应填“是”或“否”`);
    return undefined;
  }
  return b;
}

export function readDate(row: Row, field: string, problems: Problems): string | null {
  if (!row.has(field)) return null;
  const v = row.value(field);
  if (cellText(v) === '') return null;
  const d = parseDate(v);
  if (!d.ok) {
    problems.add(row.line, field, `“${cellText(v)}”不是日期，请写成 2023-05-01、2023年5月 或 202305 的样子`);
    return null;
  }
  return d.date;
}

/** zod issues → row problems; `lineOf(path)` picks the line and the field an issue belongs to. */
export function addIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  problems: Problems,
  lineOf: (path: readonly PropertyKey[]) => { line: number; field: string },
): void {
  for (const issue of issues) {
    const { line, field } = lineOf(issue.path);
    // A value the import already could not read is reported once, by the import.
    if (problems.has(line, field)) continue;
    problems.add(line, field, issue.message);
  }
}

export function setIf<T extends object, K extends string, V>(obj: T, key: K, value: V | undefined): void {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
}

interface Keyed<T> {
  key: string;
  rows: Row[];
  value: T | null;
}

type Read<T> = { key: string; value: T | null } | { skip: string } | null;

export function keyedCollector<T>(
  ctx: CollectorContext,
  problems: Problems,
  read: (row: Row) => Read<T>,
  signatureFields: readonly string[],
  duplicateMessage: (first: number) => string,
  wrap: (records: { lines: number[]; value: T }[]) => SheetRecords,
  /**
   * `read` looks at nothing but the signature fields' cells, and not at the row's line: a row with
   * the same cells as the row before reads the same. A person-level file repeats the household's
   * figures on each member's row, so most rows are read once instead of once per member.
   */
  repeatsRead = false,
): Collector {
  const byKey = new Map<string, Keyed<T>>();
  const rejected: Row[] = [];
  /** Households whose rows are not this part's business (a national export's ordinary households). */
  const skipped = new Set<string>();
  let last: { row: Row; got: Read<T>; errs: ReturnType<Problems['snapshot']> } | null = null;
  const readOnce = (row: Row): Read<T> => {
    if (repeatsRead && last && row.sameAs(last.row, signatureFields, true)) {
      const { got, errs } = last;
      // A value is only ever kept for the first row of its key; the repeat's would be dropped.
      if (!got || 'skip' in got || got.value === null || byKey.has(got.key)) {
        problems.restore(row.line, errs);
        return got;
      }
    }
    const got = read(row);
    if (repeatsRead) last = { row, got, errs: problems.snapshot(row.line) };
    return got;
  };
  return {
    add(row) {
      const got = readOnce(row);
      if (got && 'skip' in got) {
        if (!problems.has(row.line)) {
          skipped.add(got.skip);
          return;
        }
        rejected.push(row);
        return;
      }
      if (!got || problems.has(row.line)) {
        rejected.push(row);
        return;
      }
      const seen = byKey.get(got.key);
      if (!seen) {
        byKey.set(got.key, { key: got.key, rows: [row], value: got.value });
        return;
      }
      // Identical rows of the same record (a person-level file repeats the household's figures on
      // each member's row) are one record; different ones cannot both be right.
      if (!row.sameAs(seen.rows[0]!, signatureFields)) problems.add(row.line, '', duplicateMessage(seen.rows[0]!.line));
      seen.rows.push(row);
    },
    finish() {
      const invalid: InvalidRow[] = [];
      const records: { lines: number[]; value: T }[] = [];
      for (const row of rejected) invalid.push({ line: row.line, reason: problems.reason(row.line) ?? `第 ${row.line} 行有误`, cells: ctx.cellsOf(row.cells) });
      for (const k of byKey.values()) {
        const lines = k.rows.map((r) => r.line);
        if (k.value !== null && !problems.onAnyOf(lines)) {
          records.push({ lines, value: k.value });
          continue;
        }
        const bad = lines.filter((l) => problems.has(l));
        for (const row of k.rows) {
          invalid.push({
            line: row.line,
            reason: problems.reason(row.line) ?? `第 ${row.line} 行：与第 ${bad.join('、')} 行是同一条记录，那几行有误，本条未导入`,
            cells: ctx.cellsOf(row.cells),
          });
        }
      }
      // A household with one row that is data and others that are not: it is data.
      for (const k of byKey.values()) skipped.delete(k.key.split('|')[0] ?? '');
      return { records: wrap(records), invalid, notApplicable: skipped.size };
    },
  };
}

export function readAmount(row: Row, field: string, problems: Problems): number | undefined {
  const v = row.value(field);
  if (cellText(v) === '') return undefined;
  const a = parseAmountFen(v);
  if (!a.ok) {
    problems.add(row.line, field, a.reason === 'decimals' ? `“${cellText(v)}”最多保留两位小数（精确到分）` : `“${cellText(v)}”不是金额，请只填数字（单位：元）`);
    return undefined;
  }
  return a.fen;
}
