import type { HandlerContext } from '../../../context';
import type { JobControl } from '../../../jobs';
import type { RefreshFindings } from '../../../../../shared/contract/importRefresh';
import type { ImportCounts, ImportPlan, InvalidRow, ParsedImport } from './types';
import { cellRenderer, providedFields, type CreatedHouseholds, type Db, type PendingHouseholds } from './planCommon';
import { planHouseholds, type HouseholdOperations } from './kinds/households/plan';
import { planIncomes, type IncomeOperations } from './kinds/incomes/plan';
import { planCases, type CaseOperations } from './kinds/cases/plan';

export type { CreatedHouseholds, HouseholdRecord, MemberRecord, PendingHouseholds, PlannedHousehold } from './planCommon';
export {
  memberInsertColumns,
  plannedHouseholdOf,
  type ChangedHouseholdOp,
  type HouseholdOperations,
  type MemberInsert,
  type NewHouseholdOp,
} from './kinds/households/plan';
export type { IncomeOperations, IncomeValues } from './kinds/incomes/plan';
export type { CaseOperations, ChangedCaseOp, NewCaseOp } from './kinds/cases/plan';

// The apply half, step one: what would importing this file do to the database as it is now?
// Read-only. Households match on 户编号, people on the ID number, incomes on (户编号, year),
// cases on (户编号, date identified). Rows valid in the file but impossible against the database
// become conflicts with their lines and a Chinese reason; the rest become operations that
// apply.ts writes in one transaction. apply.ts plans again inside its transaction, so what it
// writes is decided against the database as it is at that moment, not at preview time.

export type ImportOperations = HouseholdOperations | IncomeOperations | CaseOperations;

/** What planning hands apply.ts: the plan with its operations typed. */
export interface TypedPlan extends ImportPlan {
  operations: ImportOperations;
}

export async function planImport(ctx: HandlerContext, parsed: ParsedImport, control: JobControl): Promise<ImportPlan> {
  return planWith(ctx.db, ctx.today(), parsed, control);
}

/** The plan against `db` (the database, or apply's open transaction). */
export async function planWith(
  db: Db,
  today: string,
  parsed: ParsedImport,
  control: JobControl | null,
  pending?: PendingHouseholds,
  /** A national export: its households part lists 文件中已无 (refresh/). */
  national = false,
  /** The households this transaction has just written (national export's apply: its incomes and cases). */
  created?: CreatedHouseholds,
): Promise<TypedPlan> {
  control?.throwIfCancelled();
  control?.report(0, 1, '正在与台账比对…');
  let result: { counts: Omit<ImportCounts, 'invalid'>; conflicts: InvalidRow[]; operations: ImportOperations; refresh?: RefreshFindings | null };
  const cells = cellRenderer(parsed);
  switch (parsed.kind) {
    case 'households':
      // Households waiting for a village mapping (national export) are in the file too: `pending` names them.
      result = await planHouseholds(db, today, parsed.records, cells, providedFields(parsed), control, {
        codes: [...codesOfInvalid(parsed), ...(pending?.keys() ?? [])],
        missing: national,
      });
      break;
    case 'incomes':
      result = await planIncomes(db, today, parsed.records, cells, pending, created);
      break;
    case 'cases':
      result = await planCases(db, today, parsed.records, cells, pending, created);
      break;
  }
  control?.report(1, 1, '比对完成');
  const conflicts = result.conflicts.sort((a, b) => a.line - b.line);
  return {
    parsed,
    counts: { ...result.counts, invalid: parsed.invalid.length + conflicts.length },
    conflicts,
    operations: result.operations,
    refresh: result.refresh ?? null,
  };
}

/** The 户编号 of the file's invalid rows (their households are in the file, just not importable as they are). */
export function codesOfInvalid(parsed: ParsedImport): string[] {
  const header = parsed.columns.find((c) => c.field === 'householdCode')?.header;
  if (header === undefined) return [];
  return parsed.invalid.map((r) => r.cells[header]?.trim() ?? '').filter((c) => c !== '');
}
