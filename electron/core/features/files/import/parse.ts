import { hash } from 'node:crypto';
import { cellText, cleanHeader, type CellValue } from '../../../../../shared/domain/importClean';
import { fieldDef, importFields, importKindLabels, type SheetKind, type ImportSource } from '../../../../../shared/domain/importFields';
import { incomeCategories } from '../../../../../shared/domain/income';
import { todayIso } from '../../../../../shared/lib/dates';
import { AppError } from '../../../../../shared/lib/result';
import { collectGarbage } from '../../../memory';
import { findHeaderRow, headerSearchRows } from './header';
import { detectFormat, readRows, sha256OfFile, type FileFormat, type SheetRow } from './read';
import type { ColumnMapping, InvalidRow, LineNumber, ParsedImport, ParsedSheet } from './types';
import { detectIncomeYear, isTotalText, missingRequiredFields, resolveColumns, rowNumberHeaders, type Column } from './columns';
import { Row, type Collector, type ImportVillage, type UnknownPlace } from './collect';
import { MemberListDetector } from './memberList';
import { collectorFor, emptyRecords } from './kinds/collectors';

export { missingRequiredFields, resolveColumns } from './columns';
export type { ImportVillage, UnknownPlace } from './collect';
export { groupPlaceKey, villagePlaceKey } from './kinds/households/collect';


// The parse half of the import: read the rows, find the header, map columns to fields, clean each
// cell, build the contract's input for each record and validate it with the contract's own zod
// schema — the same rules as the forms. Runs in the worker (worker.ts) or in-thread (tests).
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
export type ParsedFile = ParsedImport & FileExtras;
/** Any sheet's parse, activity ledgers (measures, visits) included. */
export type ParsedSheetFile = ParsedSheet & FileExtras;
interface FileExtras {
  columnInfo: ColumnInfo[];
  duplicateRows: number;
}

export type ProgressFn = (done: number, total: number, message: string) => void;

const progressEvery = 2000;
/** How many distinct short texts the parse shares at most (a bound for a hostile file). */
const sharedTextsMax = 200_000;

function cancelled(): AppError {
  return new AppError('CONFLICT', '操作已取消，数据未改动');
}

/** One kind of record read from the file: its columns, collector and samples. */
interface Part {
  kind: SheetKind;
  columns: Column[];
  missingRequired: string[];
  mappedIndexes: number[];
  byField: Map<string, number[]>;
  samples: string[][];
  collector: Collector | null;
  /** What the collector finished with. */
  outcome?: ReturnType<Collector['finish']>;
  rowCount: number;
}

/** The parse of one file as one kind (ParsedFile) or, for a national export, as the parts it carries. */
export type AnyParsed = ParsedSheetFile | NationalParsed;

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
  /** Why the sheet as a whole cannot come in (members listed in one cell), in Chinese; apply is refused. */
  sheetProblem: string | null;
}

/** Parses the file as one kind (the three single kinds). */
export async function parseImportFile(input: ParseInput, onProgress: ProgressFn = () => {}, signal?: AbortSignal): Promise<ParsedSheetFile> {
  const parsed = await parseSource(input, onProgress, signal);
  if (parsed.kind === 'national') throw new AppError('INTERNAL', '导入类型有误，请重新选择');
  return parsed;
}

/** Where the rows come from: read in this thread, or (the worker) from a reader thread (rowsInWorker.ts). */
export type RowsOf = (path: string, format: FileFormat) => AsyncGenerator<SheetRow>;

/** How the worker runs the parse (worker.ts); in one thread (tests, the fallback) nothing is given. */
export interface ParseVia {
  /** The rows from elsewhere than readRows in this thread. */
  rowsOf?: RowsOf;
}

export async function parseSource(input: ParseInput, onProgress: ProgressFn = () => {}, signal?: AbortSignal, via: ParseVia = {}): Promise<AnyParsed> {
  const format = await detectFormat(input.path, input.fileName);
  const rows = (via.rowsOf ?? readRows)(input.path, format);
  try {
    return await parseRows(input, format, rows, onProgress, signal);
  } finally {
    // Stopped early (a refusal, a cancel): the reader lets go of the file (and its thread ends).
    await rows.return(undefined);
  }
}

async function parseRows(input: ParseInput, format: FileFormat, rows: AsyncGenerator<SheetRow>, onProgress: ProgressFn, signal: AbortSignal | undefined): Promise<AnyParsed> {
  const { path, fileName } = input;
  const national = input.kind === 'national';
  const kinds: SheetKind[] = input.kind === 'national' ? ['households', 'incomes', 'cases'] : [input.kind];
  const headerKind = kinds[0]!;
  const today = input.today ?? todayIso(new Date());
  // The file's hash is taken while its first rows are read, not before: the reader thread starts
  // on the first row asked for, and hashing first kept it waiting (30-70 ms for a county's 13 MB workbook).
  const firstRow = rows.next();
  const hashed = sha256OfFile(path);
  // Should reading fail first, the hash's own failure (the same file) is not reported as unhandled.
  hashed.catch(() => undefined);
  onProgress(0, 0, '正在读取文件…');

  const head: SheetRow[] = [];
  while (head.length < headerSearchRows) {
    const next = await (head.length === 0 ? firstRow : rows.next());
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
  // The header's last row: data starts below it (a two-row header's names are joined in match.cells).
  const headerRow = head[match.index]!;
  const headers = match.cells.map((header, i) => ({ index: i + 1, header })).filter((h) => h.header !== '');
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

  // What the collectors keep of a row until the end of the file: the mapped cells only (the error
  // workbook reads a refused row's other cells back from the file), with short texts that repeat
  // down a column (民族, 健康状况, a village, most names) shared rather than one copy per row. At a
  // county's 100,000 rows the whole rows were most of the parse's memory (issue 16).
  const kept = [...new Set(parts.flatMap((p) => p.mappedIndexes))];
  const width = Math.max(0, ...kept);
  const shared = new Map<string, string>();
  // Most cells repeat the cell above (a household's rows, a village's households): the row before's
  // copy is taken without a look-up.
  let keptBefore: CellValue[] = [];
  const keptCells = (cells: readonly CellValue[]): CellValue[] => {
    const out = new Array<CellValue>(width).fill(null);
    for (const i of kept) {
      let v = cells[i - 1] ?? null;
      if (typeof v === 'string' && v.length < 13) {
        const above = keptBefore[i - 1];
        if (v === above) v = above;
        else {
          const s = shared.get(v);
          if (s !== undefined) v = s;
          else if (shared.size < sharedTextsMax) shared.set(v, v);
        }
      }
      out[i - 1] = v;
    }
    keptBefore = out;
    return out;
  };
  // Each cell's text, the cell above's when the cell is the same (a hole stays a hole, as map skips it).
  let cellsBefore: readonly CellValue[] = [];
  let textsBefore: string[] = [];
  const textsOf = (cells: readonly CellValue[]): string[] => {
    const texts = new Array<string>(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === undefined && !(i in cells)) continue;
      texts[i] = typeof c === 'string' && c === cellsBefore[i] ? textsBefore[i]! : cellText(c as CellValue);
    }
    cellsBefore = cells;
    textsBefore = texts;
    return texts;
  };

  const dupIgnored = new Set(headers.filter((h) => rowNumberHeaders.has(cleanHeader(h.header))).map((h) => h.index - 1));
  const seenRows = new Set<string>();
  // Person-level kinds only: an incomes or cases sheet is one row per household by nature.
  const memberLists = kinds.includes('households') ? new MemberListDetector(headers) : null;
  let duplicateRows = 0;
  let rowCount = 0;

  const take = (r: SheetRow) => {
    if (r.line <= headerRow.line) return;
    // Each cell's text once for the checks below (a hole stays a hole, as forEach skipped it).
    const texts = textsOf(r.cells);
    if (isTotalText(texts)) return;
    let anyRead = false;
    let signature: string | null = null;
    let cells: CellValue[] | null = null;
    for (const part of parts) {
      // Blank rows, and notes under the table ("制表人：…") that fill no mapped column, are not data.
      if (!part.mappedIndexes.some((i) => (texts[i - 1] ?? '') !== '')) continue;
      if (signature === null) {
        // The same person twice with the same values (a merged list): read once, counted as 重复行.
        let key = '';
        for (let i = 0; i < texts.length; i++) {
          const t = texts[i];
          if (t !== undefined && !dupIgnored.has(i)) key += `${i}\u0001${t}\u0002`;
        }
        signature = hash('sha1', key, 'base64');
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
          const t = texts[c.index - 1] ?? '';
          if (t !== '') s.push(t);
        }
      });
      if (part.collector) part.collector.add(new Row(r.line, (cells ??= keptCells(r.cells)), part.byField));
    }
    if (!anyRead) return;
    memberLists?.add(r.line, r.cells);
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
  // What told duplicate rows apart and shared the short texts is done with (a few MB at a county's size).
  seenRows.clear();
  shared.clear();
  keptBefore = [];
  textsBefore = [];
  cellsBefore = [];
  // The reader's garbage goes before the records are built beside the rows (see memory.ts).
  collectGarbage();
  onProgress(rowCount, rowCount, '正在校验…');
  const sheetProblem = memberLists?.problem() ?? null;

  // The parts finish last to first: the households part, which builds the big records, goes last
  // and lets go of each household's rows as it builds it — by then the other parts have dropped
  // theirs, so the rows and the records are not all held at once (issue 16).
  const empty = (kind: SheetKind) => ({ records: emptyRecords(kind), invalid: [] as InvalidRow[], notApplicable: 0 });
  for (const part of [...parts].reverse()) {
    // A sheet that lists members in one cell gives one explanation, not an error per row.
    if (part.collector && sheetProblem === null) part.outcome = part.collector.finish();
    part.collector = null;
    if (signal?.aborted) throw cancelled();
  }
  const sha256 = await hashed;
  const files = parts.map((part): ParsedSheetFile => {
    const outcome = part.outcome ?? empty(part.kind);
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
      source: { path, format, sha256 },
      duplicateRows,
      columnInfo: part.columns.map((c, i) => ({ index: c.index, samples: part.samples[i]! })),
      sheetProblem,
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
    // A national export reads only its three parts (households, incomes, cases).
    parts: files as ParsedFile[],
    incomeYear,
    duplicateRows,
    unknownPlaces: sheetProblem === null ? [...unknownPlaces.values()] : [],
    waitingCodes: sheetProblem === null ? [...waitingCodes] : [],
    sheetProblem,
  };
}
