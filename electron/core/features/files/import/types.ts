import type { z } from 'zod';
import type { householdCreateSchema } from '../../../../../shared/contract/households';
import type { incomeSaveSchema } from '../../../../../shared/contract/income';
import type { LoanKind, LoanUse } from '../../../../../shared/domain/loans';
import type { MonitoringCategory, RiskType, VisitKind } from '../../../../../shared/domain/monitoring';
import type { RefreshFindings } from '../../../../../shared/contract/importRefresh';

// The two halves of the import meet here. The parse half (worker: read the file, find the header,
// map and clean the cells, validate each row with the contract's own schemas) produces a
// ParsedImport; the apply half plans it against the database (new / changed / unchanged) and
// writes it in one transaction.

export const importKinds = ['households', 'incomes', 'cases'] as const;
export type ImportKind = (typeof importKinds)[number];

/** A spreadsheet line number as the clerk sees it in Excel/WPS (1-based, header rows included). */
export type LineNumber = number;

/** One household from a person-level file: its members' rows grouped by 户编号. */
export interface ImportedHousehold {
  lines: LineNumber[];
  /** Validated with householdCreateSchema (villageId/groupId resolved from the names in the file). */
  household: z.output<typeof householdCreateSchema>;
  /** The national export's 务工 columns per member (same order as members); absent when no member has any. */
  jobs?: (ImportedJob | null)[];
}

/** One person's 务工 columns as the national export gives them; a value the file lacks or garbles is null (待补充, not an error). */
export interface ImportedJob {
  place: string | null;
  employer: string | null;
  months: number | null;
  abroad: boolean | null;
  postType: string | null;
  postMonths: number | null;
  /** 就业渠道 as the file writes it (mapped to the catalog when written). */
  channel: string | null;
}

/** One household's income for one year, matched to the household by 户编号 when planned. */
export interface ImportedIncome {
  lines: LineNumber[];
  householdCode: string;
  income: Omit<z.output<typeof incomeSaveSchema>, 'householdId'>;
  /** A national export's 人均纯收入, kept undivided (the categories in `income` are then empty). */
  perCapitaFen?: number;
}

/**
 * One monitoring case as the national system lists it: already identified (and perhaps
 * eliminated) there. The office's ledger records it as a case with that history, not as a new
 * clue to walk through the workflow again.
 */
export interface ImportedCase {
  lines: LineNumber[];
  householdCode: string;
  category: MonitoringCategory;
  risks: RiskType[];
  identifiedDate: string;
  eliminated: boolean;
  eliminatedDate: string | null;
  eliminationMethod: 'assisted' | 'natural' | null;
  helperName: string | null;
}

export interface InvalidRow {
  line: LineNumber;
  /** One Chinese sentence: what is wrong and what to do ("第 12 行 证件号码校验位不对，请核对"). */
  reason: string;
  /** The row's cells by header, for the error workbook. */
  cells: Record<string, string>;
}

export interface ColumnMapping {
  /** The header text as found in the file. */
  header: string;
  /** The field it maps to (see the field list per kind), or null when ignored. */
  field: string | null;
}

export type ParsedRecords =
  | { kind: 'households'; records: ImportedHousehold[] }
  | { kind: 'incomes'; records: ImportedIncome[] }
  | { kind: 'cases'; records: ImportedCase[] };

/** A household named by a row of an activity ledger: by 户编号, else by a member's 证件号码. */
export interface HouseholdRef {
  householdCode: string | null;
  idNumber: string | null;
}

/** One measure of a 帮扶措施台账 row; the type is matched against the catalog when planned. */
export interface ImportedMeasure extends HouseholdRef {
  lines: LineNumber[];
  /** The 措施类型 cell: a catalog name or code. */
  typeText: string;
  plannedDate: string;
  doneDate: string | null;
  amountFen: number | null;
  responsibleUnit: string | null;
  helperName: string | null;
  note: string | null;
}

/** One visit of a 走访记录 row. */
export interface ImportedVisit extends HouseholdRef {
  lines: LineNumber[];
  visitDate: string;
  visitors: string[];
  kind: VisitKind;
  findings: string;
}

export type ActivityRecords = { kind: 'measures'; records: ImportedMeasure[] } | { kind: 'visits'; records: ImportedVisit[] };

/** One loan of a bank's loan sheet; the borrower is found by 证件号码 when planned. */
export interface ImportedLoan {
  lines: LineNumber[];
  idNumber: string;
  borrowerName: string | null;
  bank: string;
  contractNo: string;
  amountFen: number;
  loanDate: string;
  dueDate: string;
  /** Basis points as read (the contract's schema refuses a fraction of one). */
  rateBp: number;
  /** The bank's 用途 text as written, and the catalog use it means (null: not told, 其他产业项目). */
  useText: string;
  use: LoanUse | null;
  kind: LoanKind | null;
  /** 已还本金 (or 贷款金额 − 贷款余额) when the sheet gives either. */
  repaidFen: number | null;
}
export type LoanRecords = { kind: 'loans'; records: ImportedLoan[] };
/** What any sheet parses into: the national parts' records, an activity ledger's or a loan sheet's. */
export type SheetRecords = ParsedRecords | ActivityRecords | LoanRecords;

export type ParsedImport = ParsedRecords & ParsedMeta;
/** An activity ledger's parse (measures, visits). */
export type ParsedActivity = ActivityRecords & ParsedMeta;
/** A bank's loan sheet's parse. */
export type ParsedLoans = LoanRecords & ParsedMeta;
export type ParsedSheet = SheetRecords & ParsedMeta;

export interface ParsedMeta {
  fileName: string;
  sha256: string;
  /** 1-based line of the header row (title rows above it are skipped). */
  headerLine: LineNumber;
  columns: ColumnMapping[];
  /** Data rows read (blank rows excluded). */
  rowCount: number;
  invalid: InvalidRow[];
  /** Required fields no column maps to; the preview refuses to apply until the clerk maps them. */
  missingRequired: string[];
  /** Households in the file that are not this kind's business (national export: no category, no income). */
  notApplicable?: number;
  /**
   * The staged file the rows came from: the error workbook reads the refused rows' cells back from
   * it, so the parse keeps only the mapped cells of each row in memory (issue 16) and the workbook
   * still gives every original cell of every refused row (issue 15, item 13).
   */
  source?: { path: string; format: 'xlsx' | 'csv'; sha256: string };
  /** Why the sheet as a whole cannot come in (members listed in one cell), in Chinese; apply is refused. */
  sheetProblem?: string | null;
}

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  invalid: number;
}

/** planImport's answer: what applying would do, decided against the current database. */
export interface ImportPlan {
  parsed: ParsedImport;
  counts: ImportCounts;
  /** Rows valid in the file but refused against the database (e.g. an ID number in another household). */
  conflicts: InvalidRow[];
  /** Opaque to the parse half: what apply needs (ids to update, rows to insert). */
  operations: unknown;
  /** Set once apply has begun letting go of the records: the preview cannot be applied again. */
  spent?: boolean;
  /** Households part: what a refresh of a filled ledger changes, and what the file no longer lists (refresh/). */
  refresh?: RefreshFindings | null;
}

export type ImportMode = 'allOrNothing' | 'validOnly';

export interface ImportApplyResult {
  counts: ImportCounts & { applied: number };
  /** The rows not applied, with the reason in a last column; null when every row applied. */
  errorWorkbookPath: string | null;
}

