import { createHash } from 'node:crypto';
import { householdCodeField, householdCreateSchema } from '../../../../../shared/contract/households';
import { importCaseRowSchema } from '../../../../../shared/contract/fileImport';
import { incomeSaveSchema } from '../../../../../shared/contract/income';
import { parseIdNumber } from '../../../../../shared/domain/idNumber';
import {
  cellText,
  cleanHeader,
  cleanIdNumber,
  codeText,
  columnLooksExcelRounded,
  endsLikeExcelRounded,
  excelRoundedIdMessage,
  parseAmountFen,
  parseDate,
  parseInteger,
  parseYesNo,
  type CellValue,
} from '../../../../../shared/domain/importClean';
import {
  fieldDef,
  groupNameKey,
  importFields,
  importKindLabels,
  mapCategory,
  mapDeclineCause,
  mapDisabilityCategory,
  mapDisabilityGrade,
  mapEducation,
  mapEliminationMethod,
  mapHealth,
  mapHouseholdKind,
  mapLabor,
  mapRelation,
  mapRisks,
  mapSchooling,
  mapWorkStatus,
  valueHints,
  autoField,
  type ImportKind,
  type ImportSource,
} from '../../../../../shared/domain/importFields';
import { incomeCategories } from '../../../../../shared/domain/income';
import { formatYuan } from '../../../../../shared/lib/money';
import { todayIso } from '../../../../../shared/lib/dates';
import { AppError } from '../../../../../shared/lib/result';
import { findHeaderRow, headerSearchRows } from './header';
import { detectFormat, readRows, sha256OfFile, type SheetRow } from './read';
import type { ColumnMapping, ImportedCase, ImportedHousehold, ImportedIncome, InvalidRow, LineNumber, ParsedImport, ParsedRecords } from './types';

// The parse half of the import: read the rows, find the header, map columns to fields, clean each
// cell, build the contract's input for each record and validate it with the contract's own zod
// schema — the same rules as the forms. Runs in the worker (worker.ts) or in-thread (tests).

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

export interface ParseInput {
  path: string;
  fileName: string;
  kind: ImportSource;
  /** National export: the income year the clerk confirmed (else read from 数据日期 or the title). */
  incomeYear?: number;
  /** National export: the clerk's mapping of unknown village/group names (place key → village or group id). */
  places?: Record<string, string>;
  /** header text → field key (null = ignore); applied over the automatic mapping. */
  mapping?: Record<string, string | null> | null;
  villages: ImportVillage[];
  /** The office's today ('YYYY-MM-DD'): birth dates and identification dates may not be after it. */
  today?: string;
}

export interface ColumnInfo {
  /** 1-based column number (A = 1). */
  index: number;
  /** Up to 3 values from the first data rows. */
  samples: string[];
}

/** ParsedImport plus what the preview shows about each column (aligned with `columns`). */
export type ParsedFile = ParsedImport & { columnInfo: ColumnInfo[]; duplicateRows: number };

export type ProgressFn = (done: number, total: number, message: string) => void;

const progressEvery = 2000;

function cancelled(): AppError {
  return new AppError('CONFLICT', '操作已取消，数据未改动');
}

interface Column {
  index: number;
  header: string;
  field: string | null;
}

/** Resolves each header to a field: the clerk's mapping first, then the known header names. */
export function resolveColumns(kind: ImportKind, headers: { index: number; header: string }[], mapping?: Record<string, string | null> | null): Column[] {
  const overrides = new Map<string, string | null>();
  for (const [header, field] of Object.entries(mapping ?? {})) {
    overrides.set(cleanHeader(header), field !== null && fieldDef(kind, field) ? field : null);
  }
  const taken = new Set<string>();
  return headers.map(({ index, header }) => {
    const key = cleanHeader(header);
    let field = overrides.has(key) ? (overrides.get(key) ?? null) : autoField(kind, header);
    if (field !== null) {
      const def = fieldDef(kind, field);
      if (!def || (taken.has(field) && !def.multi)) field = null;
      else taken.add(field);
    }
    return { index, header, field };
  });
}

/** Chinese names of required fields no column maps to. */
export function missingRequiredFields(kind: ImportKind, columns: readonly Column[]): string[] {
  const mapped = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  const missing = importFields[kind].filter((f) => f.required && !mapped.has(f.key)).map((f) => f.label);
  if (kind === 'incomes') {
    const hasCategory = incomeCategories.some((c) => mapped.has(c));
    if (!hasCategory && !mapped.has('netIncome') && !mapped.has('perCapita')) {
      missing.push('收入金额（各项收入，或“家庭纯收入”“人均纯收入”之一）');
    } else if (!hasCategory && !mapped.has('netIncome') && mapped.has('perCapita') && !mapped.has('memberCount')) {
      missing.push('人数（只有人均纯收入时需要）');
    }
  }
  return missing;
}

/** One data row seen through the mapping. */
class Row {
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
  /** The mapped cells as text, to tell identical rows from different ones. */
  signature(fields: readonly string[]): string {
    return JSON.stringify(fields.map((f) => this.values(f).map(cellText)));
  }
}

/** Problems of one row: field key → message (one per field; the first wins). */
type RowErrors = Map<string, string>;

class Problems {
  private readonly rows = new Map<number, RowErrors>();
  constructor(private readonly labelOf: (field: string) => string) {}
  add(line: number, field: string, message: string): void {
    let errs = this.rows.get(line);
    if (!errs) this.rows.set(line, (errs = new Map()));
    if (!errs.has(field)) errs.set(field, message);
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

function hintFor(field: string): string {
  const hints = valueHints[field];
  return hints ? `，可填：${hints.slice(0, 8).join('、')}${hints.length > 8 ? ' 等' : ''}` : '';
}

/** A 合计 / 小计 / 总计 line under (or inside) the table: a sum, never a person. */
function isTotalLine(cells: readonly CellValue[]): boolean {
  for (let i = 0; i < cells.length && i < 12; i++) {
    const t = cellText(cells[i] ?? null).replace(/\s/g, '');
    if (t === '') continue;
    if (/^(合计|小计|总计|共计)[:：]?/.test(t)) return true;
  }
  return false;
}

/** Columns that number the rows, not the people: an exact duplicate may differ only there. */
const rowNumberHeaders = new Set(['序号', '人编号', '人员编号', '编号'].map(cleanHeader));

/** The national export's income year: 数据日期 of the first data rows (202609 → 2026), else a year in the title rows. */
function detectIncomeYear(head: readonly SheetRow[], headerIndex: number, headers: readonly { index: number; header: string }[]): { year: number; from: string } | null {
  const dateColumn = headers.find((h) => cleanHeader(h.header) === cleanHeader('数据日期'));
  if (dateColumn) {
    for (const r of head.slice(headerIndex + 1)) {
      const v = r.cells[dateColumn.index - 1] ?? null;
      const text = cellText(v);
      if (text === '') continue;
      const d = parseDate(v);
      if (d.ok) return { year: Number(d.date.slice(0, 4)), from: `数据日期 ${text}` };
      const m = /^((?:19|20)\d{2})/.exec(text.replace(/\s/g, ''));
      if (m) return { year: Number(m[1]), from: `数据日期 ${text}` };
    }
  }
  for (const r of head.slice(0, headerIndex)) {
    const text = r.cells.map(cellText).join(' ');
    const m = /((?:19|20)\d{2})\s*年/.exec(text);
    if (m) return { year: Number(m[1]), from: `标题“${text.trim().slice(0, 40)}”` };
  }
  return null;
}

/** One kind of record read from the file: its columns, collector and samples. */
interface Part {
  kind: ImportKind;
  columns: Column[];
  missingRequired: string[];
  mappedIndexes: number[];
  byField: Map<string, number[]>;
  samples: string[][];
  collector: Collector | null;
  rowCount: number;
}

/** The parse of one file as one kind (ParsedFile) or, for a national export, as the parts it carries. */
export type AnyParsed = ParsedFile | NationalParsed;

export interface NationalParsed {
  kind: 'national';
  fileName: string;
  sha256: string;
  headerLine: LineNumber;
  rowCount: number;
  /** The file's columns, each with the first part's field that reads it (`households.name`…). */
  columns: ColumnMapping[];
  columnInfo: ColumnInfo[];
  /** households always; incomes when the file has 人均纯收入 (or income columns); cases when it has the monitoring category. */
  parts: ParsedFile[];
  incomeYear: { year: number; from: string } | null;
  duplicateRows: number;
  /** Village and group names of the file the office lacks; apply waits until each is mapped. */
  unknownPlaces: UnknownPlace[];
  /** 户编号 of the households waiting for that mapping: their incomes and cases are planned as if they were there. */
  waitingCodes: string[];
}

/** Parses the file as one kind (the three single kinds). */
export async function parseImportFile(input: ParseInput, onProgress: ProgressFn = () => {}, signal?: AbortSignal): Promise<ParsedFile> {
  const parsed = await parseSource(input, onProgress, signal);
  if (parsed.kind === 'national') throw new AppError('INTERNAL', '导入类型有误，请重新选择');
  return parsed;
}

export async function parseSource(input: ParseInput, onProgress: ProgressFn = () => {}, signal?: AbortSignal): Promise<AnyParsed> {
  const { path, fileName } = input;
  const national = input.kind === 'national';
  const kinds: ImportKind[] = input.kind === 'national' ? ['households', 'incomes', 'cases'] : [input.kind];
  const headerKind = kinds[0]!;
  const today = input.today ?? todayIso(new Date());
  const format = await detectFormat(path, fileName);
  const sha256 = await sha256OfFile(path);
  onProgress(0, 0, '正在读取文件…');

  const rows = readRows(path, format)[Symbol.asyncIterator]();
  const head: SheetRow[] = [];
  while (head.length < headerSearchRows) {
    const next = await rows.next();
    if (next.done) break;
    head.push(next.value);
  }
  const match = findHeaderRow(
    head.map((r) => r.cells.map(cellText)),
    headerKind,
  );
  if (!match) {
    const required = importFields[headerKind].filter((f) => f.required).map((f) => f.label);
    const label = national ? '国家系统导出名单' : importKindLabels[headerKind];
    throw new AppError(
      'RULE',
      `在文件前 ${headerSearchRows} 行没有找到表头（应有一行写着 ${required.slice(0, 4).join('、')} 等列名）。请确认导入类型选的是“${label}”，且表头在前 ${headerSearchRows} 行内`,
    );
  }
  const headerRow = head[match.index]!;
  const headers = headerRow.cells
    .map((c, i) => ({ index: i + 1, header: cellText(c) }))
    .filter((h) => h.header !== '');
  const cellsOf = (cells: readonly CellValue[]): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const h of headers) if (!(h.header in out)) out[h.header] = cellText(cells[h.index - 1] ?? null);
    return out;
  };
  const incomeYear = national
    ? input.incomeYear !== undefined
      ? { year: input.incomeYear, from: '预览时确认' }
      : detectIncomeYear(head, match.index, headers)
    : null;

  const parts: Part[] = [];
  const unknownPlaces = new Map<string, UnknownPlace>();
  const waitingCodes = new Set<string>();
  for (const kind of kinds) {
    const columns = resolveColumns(kind, headers, input.mapping);
    const mapped = new Set(columns.map((c) => c.field));
    // A national export carries incomes when it has an income figure, cases when it has the category.
    if (national && kind === 'incomes' && !mapped.has('perCapita') && !mapped.has('netIncome') && !incomeCategories.some((c) => mapped.has(c))) continue;
    if (national && kind === 'cases' && !mapped.has('category')) continue;
    const fixedYear = national && kind === 'incomes' && !mapped.has('year') ? (incomeYear?.year ?? null) : undefined;
    let missingRequired = missingRequiredFields(kind, columns);
    if (fixedYear !== undefined) {
      missingRequired = missingRequired.filter((m) => m !== fieldDef('incomes', 'year')?.label && !m.startsWith('人数'));
      if (fixedYear === null) missingRequired.push('收入年度（文件中没有“数据日期”，标题里也没有年份，请在预览中填写）');
    }
    if (national && kind === 'cases') missingRequired = missingRequired.filter((m) => m !== fieldDef('cases', 'householdCode')?.label || !mapped.has('householdCode'));
    const byField = new Map<string, number[]>();
    for (const c of columns) if (c.field) byField.set(c.field, [...(byField.get(c.field) ?? []), c.index]);
    const headerOf = (field: string) => columns.find((c) => c.field === field)?.header ?? fieldDef(kind, field)?.label ?? field;
    const labelOf = (field: string) => {
      if (field === 'villageId') return headerOf('village');
      if (field === 'groupId') return headerOf('group');
      return headerOf(field);
    };
    const collector =
      missingRequired.length > 0
        ? null
        : collectorFor(kind, {
            villages: input.villages,
            today,
            labelOf,
            cellsOf,
            columns,
            fromCsv: format === 'csv',
            national,
            fixedYear: fixedYear ?? null,
            places: national ? (input.places ?? {}) : null,
            unknownPlaces,
            waitingCodes,
          });
    parts.push({
      kind,
      columns,
      missingRequired,
      mappedIndexes: columns.filter((c) => c.field !== null).map((c) => c.index),
      byField,
      samples: columns.map(() => [] as string[]),
      collector,
      rowCount: 0,
    });
  }

  const dupIgnored = new Set(headers.filter((h) => rowNumberHeaders.has(cleanHeader(h.header))).map((h) => h.index - 1));
  const seenRows = new Set<string>();
  let duplicateRows = 0;
  let rowCount = 0;

  const take = (r: SheetRow) => {
    if (r.line <= headerRow.line) return;
    if (isTotalLine(r.cells)) return;
    let anyRead = false;
    let signature: string | null = null;
    for (const part of parts) {
      // Blank rows, and notes under the table ("制表人：…") that fill no mapped column, are not data.
      if (!part.mappedIndexes.some((i) => cellText(r.cells[i - 1] ?? null) !== '')) continue;
      if (signature === null) {
        // The same person twice with the same values (a merged list): read once, counted as 重复行.
        const key = createHash('sha1');
        r.cells.forEach((c, i) => {
          if (!dupIgnored.has(i)) key.update(`${i}\u0001${cellText(c)}\u0002`);
        });
        signature = key.digest('base64');
        if (seenRows.has(signature)) {
          duplicateRows += 1;
          return;
        }
        seenRows.add(signature);
      }
      anyRead = true;
      part.rowCount += 1;
      part.columns.forEach((c, i) => {
        const s = part.samples[i]!;
        if (s.length < 3) {
          const t = cellText(r.cells[c.index - 1] ?? null);
          if (t !== '') s.push(t);
        }
      });
      part.collector?.add(new Row(r.line, r.cells, part.byField));
    }
    if (!anyRead) return;
    rowCount += 1;
    if (rowCount % progressEvery === 0) {
      if (signal?.aborted) throw cancelled();
      onProgress(rowCount, 0, `已读取 ${rowCount.toLocaleString('zh-CN')} 行…`);
    }
  };

  for (const r of head.slice(match.index + 1)) take(r);
  for (;;) {
    const next = await rows.next();
    if (next.done) break;
    take(next.value);
  }
  if (signal?.aborted) throw cancelled();
  onProgress(rowCount, rowCount, '正在校验…');

  const files = parts.map((part): ParsedFile => {
    const outcome = part.collector ? part.collector.finish() : { records: emptyRecords(part.kind), invalid: [] as InvalidRow[], notApplicable: 0 };
    if (signal?.aborted) throw cancelled();
    outcome.invalid.sort((a, b) => a.line - b.line);
    return {
      ...outcome.records,
      fileName,
      sha256,
      headerLine: headerRow.line,
      columns: part.columns.map((c): ColumnMapping => ({ header: c.header, field: c.field })),
      rowCount: national ? part.rowCount : rowCount,
      invalid: outcome.invalid,
      missingRequired: part.missingRequired,
      notApplicable: outcome.notApplicable,
      duplicateRows,
      columnInfo: part.columns.map((c, i) => ({ index: c.index, samples: part.samples[i]! })),
    };
  });
  if (!national) return files[0]!;
  const first = parts[0]!;
  return {
    kind: 'national',
    fileName,
    sha256,
    headerLine: headerRow.line,
    rowCount,
    columns: first.columns.map((c, i) => {
      const owner = parts.find((p) => p.columns[i]?.field);
      const field = owner?.columns[i]?.field;
      return { header: c.header, field: owner && field ? `${owner.kind}.${field}` : null };
    }),
    columnInfo: first.columns.map((c, i) => ({ index: c.index, samples: first.samples[i]!.length > 0 ? first.samples[i]! : (parts.find((p) => p.samples[i]!.length > 0)?.samples[i] ?? []) })),
    parts: files,
    incomeYear,
    duplicateRows,
    unknownPlaces: [...unknownPlaces.values()],
    waitingCodes: [...waitingCodes],
  };
}

function emptyRecords(kind: ImportKind): ParsedRecords {
  if (kind === 'households') return { kind, records: [] };
  if (kind === 'incomes') return { kind, records: [] };
  return { kind, records: [] };
}

interface CollectorContext {
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

interface Collector {
  add(row: Row): void;
  finish(): { records: ParsedRecords; invalid: InvalidRow[]; notApplicable: number };
}

function collectorFor(kind: ImportKind, ctx: CollectorContext): Collector {
  if (kind === 'households') return householdsCollector(ctx);
  if (kind === 'incomes') return incomesCollector(ctx);
  return casesCollector(ctx);
}

/** ID numbers ending in 000 from a CSV, or from a column where several do: Excel cut them. */
function refuseExcelRoundedIds(rows: readonly Row[], fromCsv: boolean, problems: Problems): void {
  const ids = rows.map((row) => ({ line: row.line, id: cleanIdNumber(codeText(row.value('idNumber')).text) }));
  if (!fromCsv && !columnLooksExcelRounded(ids.map((i) => i.id))) return;
  for (const { line, id } of ids) if (endsLikeExcelRounded(id)) problems.add(line, 'idNumber', `${id} ${excelRoundedIdMessage}`);
}

/** A code column (户编号): cleaned, or an error when Excel has already cut digits. */
function readCode(row: Row, field: string, problems: Problems, what: string): string {
  const { text, lostDigits } = codeText(row.value(field));
  if (lostDigits) {
    problems.add(row.line, field, `${what}被 Excel 存成了数字，后几位已丢失（显示为 ${text}）。请把该列设为“文本”格式后重新填写`);
    return '';
  }
  return text;
}

/** A closed-list field: the code name, undefined when empty (the schema's default or its "请选择"), or an error. */
function readChoice<T>(row: Row, field: string, map: (t: string) => T | null, problems: Problems): T | undefined {
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

function readYesNo(row: Row, field: string, problems: Problems): boolean | undefined {
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

function readDate(row: Row, field: string, problems: Problems): string | null {
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
function addIssues(
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

function setIf<T extends object, K extends string, V>(obj: T, key: K, value: V | undefined): void {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
}

// ---- households ----------------------------------------------------------------------------------

const householdScoped = importFields.households.filter((f) => f.scope === 'household' && !f.informational).map((f) => f.key);
const memberScoped = importFields.households.filter((f) => f.scope === 'member').map((f) => f.key);
const allHouseholdFields = importFields.households.map((f) => f.key);

function villageKey(name: string): string {
  return codeText(name).text.replace(/(村民委员会|村委会|居民委员会|居委会|社区居委会)$/, '').replace(/(村|社区)$/, '');
}

function householdsCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  const groups = new Map<string, Row[]>();
  const invalid: InvalidRow[] = [];
  const loose: Row[] = [];

  return {
    add(row) {
      const code = readCode(row, 'householdCode', problems, '户编号');
      if (code === '') {
        if (!problems.has(row.line)) problems.add(row.line, 'householdCode', '户编号为空，请填写（同一户的各行户编号相同）');
        loose.push(row);
        return;
      }
      const list = groups.get(code);
      if (list) list.push(row);
      else groups.set(code, [row]);
    },
    finish() {
      for (const row of loose) invalid.push({ line: row.line, reason: problems.reason(row.line) ?? `第 ${row.line} 行有误`, cells: ctx.cellsOf(row.cells) });

      refuseExcelRoundedIds([...groups.values()].flat(), ctx.fromCsv, problems);

      // Who appears where: the same ID number in two households of the file is refused in both.
      const idHolders = new Map<string, { code: string; line: number }[]>();
      for (const [code, rows] of groups) {
        for (const row of rows) {
          const id = cleanIdNumber(codeText(row.value('idNumber')).text);
          if (id === '') continue;
          const list = idHolders.get(id) ?? [];
          if (!list.some((h) => h.code === code)) list.push({ code, line: row.line });
          idHolders.set(id, list);
        }
      }

      const records: ImportedHousehold[] = [];
      for (const [code, allRows] of groups) {
        const rows: Row[] = [];
        const firstById = new Map<string, Row>();
        for (const row of allRows) {
          const id = cleanIdNumber(codeText(row.value('idNumber')).text);
          const first = id === '' ? undefined : firstById.get(id);
          if (first) {
            if (first.signature(allHouseholdFields) === row.signature(allHouseholdFields)) {
              // The same person twice: reported, imported once.
              invalid.push({
                line: row.line,
                reason: `第 ${row.line} 行：与第 ${first.line} 行完全相同（同一人重复），只按第 ${first.line} 行导入一次`,
                cells: ctx.cellsOf(row.cells),
              });
              continue;
            }
            problems.add(row.line, 'idNumber', `与第 ${first.line} 行的号码相同，但其他内容不同，请核对后删去多余的一行`);
          } else if (id !== '') firstById.set(id, row);
          const holders = idHolders.get(id) ?? [];
          const other = holders.find((h) => h.code !== code);
          if (other) problems.add(row.line, 'idNumber', `与第 ${other.line} 行（户编号 ${other.code}）相同，一人只能在一户，请核对`);
          rows.push(row);
        }
        if (rows.length === 0) continue;

        const household = buildHousehold(code, rows, problems, ctx);
        if (household === 'unknownPlace') continue;
        const lines = rows.map((r) => r.line);
        if (household && !problems.onAnyOf(lines)) {
          records.push({ lines, household });
          continue;
        }
        const bad = lines.filter((l) => problems.has(l));
        for (const row of rows) {
          const reason =
            problems.reason(row.line) ??
            `第 ${row.line} 行：同户（户编号 ${code}）第 ${bad.join('、')} 行有误，整户未导入；改正后本行随户一起导入`;
          invalid.push({ line: row.line, reason, cells: ctx.cellsOf(row.cells) });
        }
      }
      return { records: { kind: 'households', records }, invalid, notApplicable: 0 };
    },
  };
}

/** Two rows' values of a household field mean the same ("1组" = "一组", "是" = "Y"). */
function sameHouseholdValue(field: string, a: string, b: string): boolean {
  if (a === b) return true;
  const norm = (t: string): string => {
    if (field === 'group') return groupNameKey(t);
    if (field === 'village') return villageKey(t);
    if (field === 'kind') return mapHouseholdKind(t) ?? codeText(t).text;
    if (field === 'dibao' || field === 'tekun' || field === 'relocated') return String(parseYesNo(t) ?? codeText(t).text);
    return codeText(t).text;
  };
  return norm(a) === norm(b);
}

export function villagePlaceKey(villageText: string): string {
  return `村:${villageKey(villageText)}`;
}
export function groupPlaceKey(villageId: string, groupText: string): string {
  return `组:${villageId}:${groupNameKey(groupText)}`;
}

/** Notes a household whose village or group the office lacks; the household waits for the clerk's mapping. */
function unknownPlace(ctx: CollectorContext, code: string, place: Omit<UnknownPlace, 'households'>): 'unknownPlace' {
  ctx.waitingCodes.add(code);
  const seen = ctx.unknownPlaces.get(place.key);
  if (seen) seen.households += 1;
  else ctx.unknownPlaces.set(place.key, { ...place, households: 1 });
  return 'unknownPlace';
}

function buildHousehold(code: string, rows: Row[], problems: Problems, ctx: CollectorContext): ImportedHousehold['household'] | null | 'unknownPlace' {
  const first = rows[0]!;
  // Household fields repeat on every member's row: take the first filled value, and report a row
  // that says otherwise.
  const firstValue = new Map<string, { row: Row; text: string }>();
  for (const row of rows) {
    for (const field of householdScoped) {
      if (field === 'householdCode') continue;
      const text = row.text(field);
      if (text === '') continue;
      const seen = firstValue.get(field);
      if (!seen) firstValue.set(field, { row, text });
      else if (!sameHouseholdValue(field, seen.text, text)) {
        problems.add(row.line, field, `“${text}”与第 ${seen.row.line} 行的“${seen.text}”不同，同一户的户信息应一致`);
      }
    }
  }
  const rowOf = (field: string) => firstValue.get(field)?.row ?? first;

  const input: Record<string, unknown> = { householdCode: code };
  // Village and group by name (or the village's 12-digit code), against the office's villages.
  let villageId = '';
  let groupId = '';
  const villageText = firstValue.get('village')?.text ?? '';
  const villageRow = rowOf('village');
  if (villageText !== '') {
    const key = villageKey(villageText);
    let village = ctx.villages.find((v) => v.code === codeText(villageText).text || villageKey(v.name) === key);
    // A national export: a name the office lacks is the clerk's to map (or the admin's to add), once
    // for the whole file — listed in the preview, never refused row by row (issue 11 item 3).
    if (!village && ctx.places) {
      const mapped = ctx.places[villagePlaceKey(villageText)];
      village = ctx.villages.find((v) => v.id === mapped);
      if (!village) return unknownPlace(ctx, code, { key: villagePlaceKey(villageText), village: villageText, group: null, villageId: null });
    }
    if (!village) {
      problems.add(villageRow.line, 'village', `“${villageText}”不在本乡镇的村列表中（${ctx.villages.map((v) => v.name).join('、')}），请核对，或先在“设置”中添加该村`);
    } else {
      villageId = village.id;
      const groupText = firstValue.get('group')?.text ?? '';
      if (groupText !== '') {
        let group = village.groups.find((g) => g.name === groupText || groupNameKey(g.name) === groupNameKey(groupText));
        if (!group && ctx.places) {
          const key = groupPlaceKey(village.id, groupText);
          const mapped = ctx.places[key];
          group = village.groups.find((g) => g.id === mapped);
          if (!group) return unknownPlace(ctx, code, { key, village: village.name, group: groupText, villageId: village.id });
        }
        if (!group) {
          problems.add(
            rowOf('group').line,
            'group',
            `“${groupText}”在${village.name}下找不到（现有：${village.groups.map((g) => g.name).join('、')}），请核对，或先在“设置”中添加该组`,
          );
        } else groupId = group.id;
      }
    }
  }
  if (villageText === '') problems.add(villageRow.line, 'village', '为空，请填写所在行政村');
  else if (villageId !== '' && groupId === '' && !problems.has(rowOf('group').line, 'group')) {
    problems.add(rowOf('group').line, 'group', '为空，请填写村民小组（自然村）');
  }
  input.villageId = villageId;
  input.groupId = groupId;
  setIf(input, 'address', firstValue.get('address')?.text);
  setIf(input, 'phone', firstValue.has('phone') ? codeText(firstValue.get('phone')!.text).text : undefined);
  setIf(input, 'kind', readChoice(rowOf('kind'), 'kind', mapHouseholdKind, problems));
  for (const flag of ['dibao', 'tekun', 'relocated'] as const) setIf(input, flag, readYesNo(rowOf(flag), flag, problems));
  setIf(input, 'helperName', firstValue.get('helperName')?.text);
  setIf(input, 'helperPhone', firstValue.has('helperPhone') ? codeText(firstValue.get('helperPhone')!.text).text : undefined);

  input.members = rows.map((row) => {
    const m: Record<string, unknown> = {};
    m.name = row.text('name');
    const id = readCode(row, 'idNumber', problems, '证件号码');
    m.idNumber = cleanIdNumber(id);
    setIf(m, 'relation', readChoice(row, 'relation', mapRelation, problems));
    const ethnicity = row.text('ethnicity');
    if (ethnicity !== '') m.ethnicity = /族$|^其他|^外国/.test(ethnicity) ? ethnicity : `${ethnicity}族`;
    setIf(m, 'education', readChoice(row, 'education', mapEducation, problems));
    setIf(m, 'schooling', readChoice(row, 'schooling', mapSchooling, problems));
    setIf(m, 'health', readChoice(row, 'health', mapHealth, problems));
    setIf(m, 'disabilityCategory', readChoice(row, 'disabilityCategory', mapDisabilityCategory, problems));
    setIf(m, 'disabilityGrade', readChoice(row, 'disabilityGrade', mapDisabilityGrade, problems));
    setIf(m, 'labor', readChoice(row, 'labor', mapLabor, problems));
    setIf(m, 'workStatus', readChoice(row, 'workStatus', mapWorkStatus, problems));
    setIf(m, 'medicalInsurance', readYesNo(row, 'medicalInsurance', problems));
    setIf(m, 'pensionInsurance', readYesNo(row, 'pensionInsurance', problems));
    const phone = row.has('memberPhone') ? codeText(row.value('memberPhone')).text : '';
    if (phone !== '') m.phone = phone;
    return m;
  });

  const memberFieldOf = (key: string) => (memberScoped.includes(key) ? key : key === 'phone' ? 'memberPhone' : key);
  // What the national system holds comes in (issue 11): a disabled person whose 残疾类别/等级 the
  // file does not give is imported as disabled, and the 待补充 list asks for the details. Only for
  // the check are they read as not disabled; the rule still holds for the forms.
  const disabledPending = new Set<number>();
  (input.members as Record<string, unknown>[]).forEach((m, i) => {
    if (m.health === 'disabled' && (m.disabilityCategory === undefined || m.disabilityGrade === undefined)) {
      disabledPending.add(i);
      m.health = 'healthy';
      delete m.disabilityCategory;
      delete m.disabilityGrade;
    }
  });
  const parsed = householdCreateSchema.safeParse(input);
  if (parsed.success) for (const i of disabledPending) parsed.data.members[i]!.health = 'disabled';
  if (!parsed.success) {
    addIssues(parsed.error.issues, problems, (path) => {
      if (path[0] === 'members' && typeof path[1] === 'number') {
        const row = rows[path[1]] ?? first;
        return { line: row.line, field: memberFieldOf(String(path[2] ?? '')) };
      }
      if (path[0] === 'members') return { line: first.line, field: 'relation' };
      const key = String(path[0] ?? '');
      const field = key === 'villageId' ? 'village' : key === 'groupId' ? 'group' : key;
      return { line: rowOf(field).line, field };
    });
    return null;
  }
  // The core refuses a birth date after today (the schema cannot know today).
  parsed.data.members.forEach((m, i) => {
    const check = parseIdNumber(m.idNumber, ctx.today);
    if (!check.ok) problems.add(rows[i]!.line, 'idNumber', check.message);
  });
  return parsed.data;
}

// ---- incomes -------------------------------------------------------------------------------------

const incomeInputSchema = incomeSaveSchema.omit({ householdId: true });
const incomeFieldKeys = importFields.incomes.map((f) => f.key);

interface Keyed<T> {
  key: string;
  rows: Row[];
  signature: string;
  value: T | null;
}

function keyedCollector<T>(
  ctx: CollectorContext,
  problems: Problems,
  read: (row: Row) => { key: string; value: T | null } | { skip: string } | null,
  signatureFields: readonly string[],
  duplicateMessage: (first: number) => string,
  wrap: (records: { lines: number[]; value: T }[]) => ParsedRecords,
): Collector {
  const byKey = new Map<string, Keyed<T>>();
  const rejected: Row[] = [];
  /** Households whose rows are not this part's business (a national export's ordinary households). */
  const skipped = new Set<string>();
  return {
    add(row) {
      const got = read(row);
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
      const signature = row.signature(signatureFields);
      const seen = byKey.get(got.key);
      if (!seen) {
        byKey.set(got.key, { key: got.key, rows: [row], signature, value: got.value });
        return;
      }
      // Identical rows of the same record (a person-level file repeats the household's figures on
      // each member's row) are one record; different ones cannot both be right.
      if (seen.signature !== signature) problems.add(row.line, '', duplicateMessage(seen.rows[0]!.line));
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

function readAmount(row: Row, field: string, problems: Problems): number | undefined {
  const v = row.value(field);
  if (cellText(v) === '') return undefined;
  const a = parseAmountFen(v);
  if (!a.ok) {
    problems.add(row.line, field, a.reason === 'decimals' ? `“${cellText(v)}”最多保留两位小数（精确到分）` : `“${cellText(v)}”不是金额，请只填数字（单位：元）`);
    return undefined;
  }
  return a.fen;
}

function incomesCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  const mapped = new Set(ctx.columns.map((c) => c.field));
  const byCategory = incomeCategories.some((c) => mapped.has(c));
  return keyedCollector<ImportedIncome>(
    ctx,
    problems,
    (row) => {
      const code = readCode(row, 'householdCode', problems, '户编号');
      const codeCheck = householdCodeField.safeParse(code);
      if (!codeCheck.success) problems.add(row.line, 'householdCode', code === '' ? '户编号为空，请填写' : (codeCheck.error.issues[0]?.message ?? '户编号有误'));
      // A national export: a household without 人均纯收入 carries no income for the year (不适用).
      if (ctx.national && !row.has('netIncome') && !incomeCategories.some((c) => row.has(c)) && row.text('perCapita') === '') {
        return problems.has(row.line) ? null : { skip: codeCheck.success ? codeCheck.data : code };
      }
      const yearCell = row.value('year');
      let year = !row.has('year') && ctx.fixedYear !== null ? ctx.fixedYear : parseInteger(yearCell, '年');
      if (year === null && cellText(yearCell) !== '') {
        const d = parseDate(yearCell);
        if (d.ok) year = Number(d.date.slice(0, 4));
      }
      const input: Record<string, unknown> = {};
      let perCapitaFen: number | undefined;
      if (year === null) problems.add(row.line, 'year', cellText(yearCell) === '' ? '年度为空，请填写（如 2025）' : `“${cellText(yearCell)}”不是年度，请写成 2025 这样的四位年份`);
      else input.year = year;
      if (row.has('memberCount') && row.text('memberCount') !== '') {
        const n = parseInteger(row.value('memberCount'), '人');
        if (n === null) problems.add(row.line, 'memberCount', `“${row.text('memberCount')}”不是人数，请填整数`);
        else input.memberCount = n;
      }
      if (byCategory) {
        for (const c of incomeCategories) if (row.has(c)) setIf(input, c, readAmount(row, c, problems));
      } else {
        // Only a total: kept whole in 工资性收入 with a note, so 人均纯收入 comes out as the file says
        // (the categories cannot be recovered from a total).
        const memberCount = input.memberCount as number | undefined;
        let net: number | undefined;
        let note = '';
        if (row.has('netIncome') && row.text('netIncome') !== '') {
          net = readAmount(row, 'netIncome', problems);
          if (net !== undefined) note = `导入：家庭纯收入 ${formatYuan(net)} 元未分项，记入工资性收入`;
        } else if (ctx.national && row.has('perCapita') && row.text('perCapita') !== '') {
          // The national figure is kept as it is, per capita and undivided (incomes.source, 0013).
          perCapitaFen = readAmount(row, 'perCapita', problems);
        } else if (row.has('perCapita') && row.text('perCapita') !== '') {
          const per = readAmount(row, 'perCapita', problems);
          if (per !== undefined && memberCount !== undefined) {
            net = per * memberCount;
            note = `导入：人均纯收入 ${formatYuan(per)} 元 × ${memberCount} 人，未分项，记入工资性收入`;
          } else if (per !== undefined) problems.add(row.line, 'memberCount', '只有人均纯收入时需要填写人数');
        } else {
          problems.add(row.line, row.has('netIncome') ? 'netIncome' : 'perCapita', '为空，请填写收入金额');
        }
        if (net !== undefined) {
          if (net >= 0) input.wageFen = net;
          else input.businessCostFen = -net;
          input.note = note;
        }
      }
      setIf(input, 'declineCause', readChoice(row, 'declineCause', mapDeclineCause, problems));
      if (row.has('note') && row.text('note') !== '') input.note = input.note ? `${row.text('note')}；${String(input.note)}` : row.text('note');
      if (problems.has(row.line)) return { key: `${code}|${year}`, value: null };
      const parsed = incomeInputSchema.safeParse(input);
      if (!parsed.success) {
        addIssues(parsed.error.issues, problems, (path) => {
          const key = String(path[0] ?? '');
          const field = !byCategory && (incomeCategories as readonly string[]).includes(key) ? (mapped.has('netIncome') ? 'netIncome' : 'perCapita') : key;
          return { line: row.line, field };
        });
        return { key: `${code}|${year}`, value: null };
      }
      const income: ImportedIncome = { lines: [row.line], householdCode: codeCheck.data ?? code, income: parsed.data };
      if (perCapitaFen !== undefined) income.perCapitaFen = perCapitaFen;
      return { key: `${codeCheck.data ?? code}|${year}`, value: income };
    },
    incomeFieldKeys,
    (first) => `户编号和年度与第 ${first} 行相同，但金额不同：同一户同一年度只能有一行，请合并`,
    (records) => ({ kind: 'incomes', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
  );
}

// ---- cases ---------------------------------------------------------------------------------------

const caseFieldKeys = importFields.cases.map((f) => f.key);

function casesCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  return keyedCollector<ImportedCase>(
    ctx,
    problems,
    (row) => {
      const code = readCode(row, 'householdCode', problems, '户编号');
      // A national export lists every household; one with no monitoring category and no
      // identification date is no monitoring object (不适用), not an error.
      if (ctx.national && row.text('category') === '' && row.text('identifiedDate') === '') return problems.has(row.line) ? null : { skip: code };
      const input: Record<string, unknown> = { householdCode: code };
      setIf(input, 'category', readChoice(row, 'category', mapCategory, problems));
      const riskText = row
        .values('risks')
        .map(cellText)
        .filter((t) => t !== '')
        .join('、');
      const { risks, unknown } = mapRisks(riskText);
      if (unknown.length > 0) problems.add(row.line, 'risks', `“${unknown.join('、')}”无法识别，可填代码（01 因病、03 因残、09 因学…）或名称（因病、因残、因学、因自然灾害、因意外事故…）`);
      input.risks = risks;
      const identified = readDate(row, 'identifiedDate', problems);
      if (identified !== null) input.identifiedDate = identified;
      const eliminatedDate = readDate(row, 'eliminatedDate', problems);
      input.eliminatedDate = eliminatedDate;
      const eliminated = readYesNo(row, 'eliminated', problems);
      input.eliminated = eliminated ?? eliminatedDate !== null;
      setIf(input, 'eliminationMethod', readChoice(row, 'eliminationMethod', mapEliminationMethod, problems));
      if (row.has('helperName')) input.helperName = row.text('helperName');
      const key = `${code}|${identified ?? ''}`;
      if (problems.has(row.line)) return { key, value: null };
      const parsed = importCaseRowSchema.safeParse(input);
      if (!parsed.success) {
        addIssues(parsed.error.issues, problems, (path) => ({ line: row.line, field: String(path[0] ?? '') }));
        return { key, value: null };
      }
      const c = parsed.data;
      if (c.identifiedDate > ctx.today) problems.add(row.line, 'identifiedDate', '风险识别时间晚于今天，请核对');
      if (c.eliminatedDate !== null && c.eliminatedDate > ctx.today) problems.add(row.line, 'eliminatedDate', '风险消除时间晚于今天，请核对');
      return {
        key,
        value: {
          lines: [row.line],
          householdCode: c.householdCode,
          category: c.category,
          risks: c.risks,
          identifiedDate: c.identifiedDate,
          eliminated: c.eliminated,
          eliminatedDate: c.eliminatedDate,
          eliminationMethod: c.eliminated ? c.eliminationMethod : null,
          helperName: c.helperName,
        },
      };
    },
    caseFieldKeys,
    (first) => `户编号和风险识别时间与第 ${first} 行相同，但监测信息不同：同一户的一次监测只能有一种填法，请核对`,
    (records) => ({ kind: 'cases', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
  );
}
