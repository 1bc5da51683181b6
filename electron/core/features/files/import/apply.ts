import { sql, type Transaction } from 'kysely';
import { incomeCategories } from '../../../../../shared/domain/income';
import {
  eliminationMethodLabels,
  guaranteeKeys,
  type GuaranteeKey,
  type Guarantees,
  type RiskType,
} from '../../../../../shared/domain/monitoring';
import { identificationDeadline, planDueDate, thresholdsInForce } from '../../../../../shared/domain/thresholds';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import type { DB } from '../../../db/schema';
import { uuidv7 } from '../../../ids';
import type { JobControl } from '../../../jobs';
import type { AuditWriter } from '../../audit/writer';
import { maxCaseCode } from '../../monitoring/repository';
import { savedThresholds } from '../../thresholds/repository';
import { refreshAllSchedulesIn, refreshVisitSchedule } from '../../visits/schedule';
import { writeErrorWorkbook } from './errorWorkbook';
import { incomeColumn } from '../../income/service';
import {
  memberInsertColumns,
  planWith,
  type CaseOperations,
  type HouseholdOperations,
  type IncomeOperations,
  type IncomeValues,
  type TypedPlan,
} from './plan';
import { catchUpSearchKeys } from '../../search/indexer';
import type { ImportApplyResult, ImportCounts, ImportedCase, ImportKind, ImportMode, ImportPlan, InvalidRow } from './types';

// The apply half, step two: one transaction for every write of an import. The plan is made again
// inside the transaction (the ledger may have changed since the preview), so the writes match the
// database they land in; 'allOrNothing' refuses the whole file when any row is invalid or
// conflicting, 'validOnly' writes the rest and hands back a workbook of the refused rows.
// Unchanged records are not written at all, so importing the same file twice changes nothing but
// the one audit line that says it was imported. Derived data follows as the services keep it:
// households' head / size / no-labour fields, incomes' net and per-capita figures, cases' deadlines,
// and the visit schedule (visits/schedule.ts).

type Tx = Transaction<DB>;
type Cell = string | number | null;

const kindLabels: Record<ImportKind, { what: string; unit: string }> = {
  households: { what: '户籍', unit: '户' },
  incomes: { what: '收入', unit: '条' },
  cases: { what: '监测对象', unit: '个' },
};

/** The national system, as the one who decided, in the history of an imported case. */
const nationalSystem = '国家防返贫监测信息系统';

/** When more households than this move, every schedule is recomputed in one pass instead of one by one. */
const bulkScheduleFrom = 300;

export async function applyImport(ctx: HandlerContext, plan: ImportPlan, mode: ImportMode, control: JobControl): Promise<ImportApplyResult> {
  const parsed = plan.parsed;
  if (parsed.missingRequired.length > 0) {
    throw new AppError('RULE', `文件缺少必填列：${parsed.missingRequired.join('、')}。请在列对应中指定这些列后再导入`);
  }
  if (mode === 'allOrNothing' && plan.counts.invalid > 0) throw refusedAll(plan.counts.invalid);
  control.throwIfCancelled();
  const today = ctx.today();
  const w = await newWriter(ctx, control);

  const fresh = await ctx.mutate(async (tx, audit) => {
    const p = await planWith(tx, today, parsed, null);
    if (mode === 'allOrNothing' && p.counts.invalid > 0) throw refusedAll(p.counts.invalid);
    w.total = p.operations.inserts.length + p.operations.updates.length;
    control.report(0, w.total, '正在写入…');
    await writePlan(tx, w, p);
    await recordSummary(audit, p, mode);
    return p;
  });

  const applied = fresh.operations.inserts.length + fresh.operations.updates.length;
  const notApplied: InvalidRow[] = [...parsed.invalid, ...fresh.conflicts];
  const errorWorkbookPath = notApplied.length > 0 ? await writeErrorWorkbook(ctx.dataDir, parsed, notApplied) : null;
  return { counts: { ...fresh.counts, applied }, errorWorkbookPath };
}

/** What every write of one import shares: who, when, the office, the progress. */
export async function newWriter(ctx: HandlerContext, control: JobControl): Promise<Writer> {
  const user = ctx.requireUser();
  const officeCode = await ctx.officeCode();
  const now = ctx.nowIso();
  const nowMs = ctx.clock.now().getTime();
  const meta = (): Cell[] => [uuidv7(nowMs), officeCode, now, now, user.id, null, null];
  return { ctx, control, meta, now, userId: user.id, userName: user.displayName, done: 0, total: 0 };
}

/** Writes one planned kind inside the import's transaction. */
export async function writePlan(tx: Tx, w: Writer, p: TypedPlan): Promise<void> {
  const ops = p.operations;
  switch (ops.kind) {
    case 'households':
      await writeHouseholds(tx, w, ops);
      // The import writes rows in bulk, not through the repository: its people become findable here.
      await catchUpSearchKeys(tx);
      break;
    case 'incomes':
      await writeIncomes(tx, w, ops);
      break;
    case 'cases':
      await writeCases(tx, w, ops, p);
      break;
  }
}

function eliminationNote(r: ImportedCase): string {
  const method = r.eliminationMethod ? `（${eliminationMethodLabels[r.eliminationMethod]}）` : '（文件未写明消除方式）';
  return `从${nationalSystem}导入：国家系统中已标注风险消除${method}`;
}

function eliminationDetails(r: ImportedCase, fileName: string, sha256: string, lines: readonly number[]): string {
  return JSON.stringify({ ...(r.eliminationMethod ? { eliminationMethod: r.eliminationMethod } : {}), imported: { fileName, sha256, lines } });
}

export function refusedAll(invalid: number): AppError {
  return new AppError(
    'RULE',
    `文件中有 ${invalid} 行有误或与台账冲突，按"全部导入或全不导入"未导入任何数据。请按预览中的原因修改后重新导入，或选择"只导入无误的行"`,
  );
}

/** One line in 操作日志 for the whole import: counts and the file's SHA-256. */
export function importSummary(kind: ImportKind, fileName: string, sha256: string, counts: ImportCounts): string {
  const { what, unit } = kindLabels[kind];
  return (
    `导入${what}（文件 ${fileName}，SHA-256 ${sha256.slice(0, 12)}…）：` +
    `新增 ${counts.new} ${unit} / 变更 ${counts.changed} ${unit} / 无变化 ${counts.unchanged} ${unit} / 有误 ${counts.invalid} 行`
  );
}

export async function recordSummary(audit: AuditWriter, p: TypedPlan, mode: ImportMode): Promise<void> {
  const parsed = p.parsed;
  const applied = p.operations.inserts.length + p.operations.updates.length;
  await audit.record({
    entity: 'import',
    entityId: parsed.sha256,
    summary: importSummary(parsed.kind, parsed.fileName, parsed.sha256, p.counts) + (p.counts.invalid > 0 ? '（有误的行未导入，已生成错误清单）' : ''),
    before: null,
    after: {
      kind: parsed.kind,
      fileName: parsed.fileName,
      sha256: parsed.sha256,
      mode,
      rows: parsed.rowCount,
      new: p.counts.new,
      changed: p.counts.changed,
      unchanged: p.counts.unchanged,
      invalid: p.counts.invalid,
      applied,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface Writer {
  ctx: HandlerContext;
  control: JobControl;
  /** The meta columns (id, office_code, created_at, updated_at, updated_by, deleted_at, delete_reason) of a new row. */
  meta: () => Cell[];
  now: string;
  userId: string;
  userName: string;
  done: number;
  total: number;
}

const metaColumns = ['id', 'office_code', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'delete_reason'];

/**
 * Multi-row INSERTs, a chunk at a time: each chunk travels as one JSON parameter that SQLite
 * unpacks (json_each), as the seed writes a county. Cancelling between chunks rolls everything back.
 * Columns with the same value in every row (`constants`: office, times, user, empty columns) are
 * bound once per statement instead of travelling in each row's JSON: SQLite reads `value ->> i`
 * by walking the row's array, so every column left out makes each of the others cheaper.
 */
async function bulkInsert(
  tx: Tx,
  w: Writer,
  table: keyof DB & string,
  columns: readonly string[],
  rows: Iterable<Cell[]>,
  chunk = 2000,
  constants: Readonly<Record<string, Cell>> = {},
): Promise<void> {
  const fixed = Object.entries(constants);
  const list = sql.raw([...columns, ...fixed.map(([c]) => c)].map((c) => `"${c}"`).join(', '));
  const values = sql.join([...columns.map((_, i) => sql.raw(`value ->> ${i}`)), ...fixed.map(([, v]) => sql`${v}`)]);
  let batch: Cell[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    w.control.throwIfCancelled();
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${values} FROM json_each(${JSON.stringify(batch)})`.execute(tx);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= chunk) await flush();
  }
  await flush();
}

function progress(w: Writer, n: number): void {
  w.done += n;
  w.control.report(w.done, w.total, `正在写入…（${w.done}/${w.total}）`);
}

const householdInsertColumns = [
  'household_code', 'village_id', 'group_id', 'address', 'phone', 'kind', 'dibao', 'tekun', 'relocated', 'no_labor',
  'helper_name', 'helper_phone', 'head_name', 'head_id_number', 'member_count', 'status', 'closed_date', 'close_reason',
] as const;

const memberInsertColumnNames = [
  'name', 'id_number', 'sex', 'birth_date', 'relation', 'ethnicity', 'education', 'schooling', 'health', 'disability_category',
  'disability_grade', 'labor', 'work_status', 'medical_insurance', 'pension_insurance', 'phone', 'status', 'left_date', 'left_reason',
] as const;

/** Columns a new household's row leaves at the same value for the whole import. */
const newHouseholdConstants = { status: 'active', closed_date: null, close_reason: null } as const;
const newHouseholdColumns = householdInsertColumns.filter((c) => !(c in newHouseholdConstants));
/** Columns a new (current) member's row leaves at the same value for the whole import. */
const newMemberConstants = { status: 'current', left_date: null, left_reason: null } as const;
const newMemberColumns = memberInsertColumnNames.filter((c) => !(c in newMemberConstants));

async function writeHouseholds(tx: Tx, w: Writer, ops: HouseholdOperations): Promise<void> {
  const touchedSchedules: string[] = [];
  // The meta columns but the id are the same in every new row of this import.
  const [, ...metaValues] = w.meta();
  const metaConstants = Object.fromEntries(metaColumns.slice(1).map((c, i) => [c, metaValues[i] ?? null]));
  // New households and their members, 1,000 households a round so progress moves and memory stays flat.
  const round = 1000;
  for (let i = 0; i < ops.inserts.length; i += round) {
    const slice = ops.inserts.slice(i, i + round);
    const households: Cell[][] = [];
    const members: Cell[][] = [];
    for (const op of slice) {
      const id = w.meta()[0] as string;
      touchedSchedules.push(id);
      const h = op.household;
      const row: Record<(typeof householdInsertColumns)[number], Cell> = {
        household_code: h.householdCode,
        village_id: h.villageId,
        group_id: h.groupId,
        address: h.address,
        phone: h.phone,
        kind: h.kind,
        dibao: h.dibao ? 1 : 0,
        tekun: h.tekun ? 1 : 0,
        relocated: h.relocated ? 1 : 0,
        no_labor: op.noLabor ? 1 : 0,
        helper_name: h.helperName,
        helper_phone: h.helperPhone,
        head_name: op.headName,
        head_id_number: op.headIdNumber,
        member_count: op.members.length,
        ...newHouseholdConstants,
      };
      households.push([id, ...newHouseholdColumns.map((c) => row[c])]);
      for (const mem of op.members) {
        const cols = memberInsertColumns(mem);
        members.push([w.meta()[0] as string, id, ...newMemberColumns.map((c) => cols[c] ?? null), mem.sortOrder]);
      }
    }
    await bulkInsert(tx, w, 'households', ['id', ...newHouseholdColumns], households, 1000, { ...metaConstants, ...newHouseholdConstants });
    await bulkInsert(tx, w, 'members', ['id', 'household_id', ...newMemberColumns, 'sort_order'], members, 1000, { ...metaConstants, ...newMemberConstants });
    progress(w, slice.length);
  }

  // Changed households: few in a normal import; each its own UPDATE.
  const added: Cell[][] = [];
  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    for (const mu of op.memberUpdates) {
      await tx.updateTable('members').set({ ...mu.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', mu.id).execute();
    }
    for (const mem of op.newMembers) {
      const cols = memberInsertColumns(mem);
      added.push([...w.meta(), op.id, ...memberInsertColumnNames.map((c) => cols[c] ?? null), mem.sortOrder]);
    }
    if (Object.keys(op.set).length > 0 || op.newMembers.length > 0 || op.memberUpdates.length > 0) {
      await tx.updateTable('households').set({ ...op.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    }
    if (op.scheduleMoves) touchedSchedules.push(op.id);
    progress(w, 1);
  }
  await bulkInsert(tx, w, 'members', [...metaColumns, 'household_id', ...memberInsertColumnNames, 'sort_order'], added, 1000);
  await refreshSchedules(tx, w, touchedSchedules);
}

function incomeCells(v: IncomeValues): Cell[] {
  return [
    v.source,
    v.member_count,
    ...incomeCategories.map((c) => v.fen[c]),
    v.net_income_fen,
    v.per_capita_fen,
    v.decline_cause,
    v.note,
  ];
}
const incomeValueColumns = ['source', 'member_count', ...incomeCategories.map((c) => incomeColumn[c]), 'net_income_fen', 'per_capita_fen', 'decline_cause', 'note'];

async function writeIncomes(tx: Tx, w: Writer, ops: IncomeOperations): Promise<void> {
  await bulkInsert(
    tx,
    w,
    'incomes',
    [...metaColumns, 'household_id', 'year', ...incomeValueColumns],
    ops.inserts.map((op) => [...w.meta(), op.householdId, op.year, ...incomeCells(op.values)]),
  );
  progress(w, ops.inserts.length);
  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    const cells = incomeCells(op.values);
    const set = Object.fromEntries(incomeValueColumns.map((c, i) => [c, cells[i] ?? null]));
    await tx.updateTable('incomes').set({ ...set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    progress(w, 1);
  }
}

/** Guarantees of an imported case: a risk that names a guarantee marks it at risk until a visit checks it. */
function importedGuarantees(risks: readonly RiskType[], eliminated: boolean): Guarantees {
  const byRisk: Partial<Record<RiskType, GuaranteeKey>> = { housing: 'housing', drinkingWater: 'water', schooling: 'education', illness: 'medical' };
  const atRisk = new Set(eliminated ? [] : risks.map((r) => byRisk[r]).filter((k): k is GuaranteeKey => k !== undefined));
  return Object.fromEntries(
    guaranteeKeys.map((k) => [k, atRisk.has(k) ? { status: 'atRisk', note: '导入时按风险类型推定，请入户核实' } : { status: 'secure', note: null }]),
  ) as unknown as Guarantees;
}

const caseInsertColumns = [
  'case_code', 'household_id', 'status', 'category', 'suggested_category', 'category_confirmed_by', 'helper_name', 'helper_phone',
  'clue_source', 'clue_date', 'clue_note', 'deadline_date', 'included_date', 'plan_due_date', 'eliminated_date', 'elimination_method',
  'rejected_date', 'reject_reason', 'guarantees', 'active_workflow', 'next_step', 'round',
];
const stepColumns = ['case_id', 'workflow', 'round', 'step', 'step_date', 'people', 'outcome', 'note', 'details'];

async function writeCases(tx: Tx, w: Writer, ops: CaseOperations, p: TypedPlan): Promise<void> {
  const saved = await savedThresholds(tx);
  const { fileName, sha256 } = p.parsed;
  const source = (lines: readonly number[]) => `文件 ${fileName} 第 ${lines.join('、')} 行`;
  const nextCode = new Map<string, number>();
  const codeFor = async (date: string): Promise<string> => {
    const prefix = `JC${date.slice(0, 4)}-`;
    let n = nextCode.get(prefix);
    if (n === undefined) {
      const max = await maxCaseCode(tx, prefix);
      n = max ? Number(max.slice(prefix.length)) + 1 : 1;
      if (!Number.isFinite(n)) n = 1;
    }
    nextCode.set(prefix, n + 1);
    return `${prefix}${String(n).padStart(4, '0')}`;
  };
  const imported = (lines: readonly number[]) => JSON.stringify({ imported: { fileName, sha256, lines } });
  const cases: Cell[][] = [];
  const risks: Cell[][] = [];
  const steps: Cell[][] = [];
  const households = new Set<string>();
  const toMonitored = new Set<string>();

  for (const op of ops.inserts) {
    const r = op.record;
    const m = w.meta();
    const caseId = m[0] as string;
    const t = thresholdsInForce(saved, r.identifiedDate);
    const helperName = r.helperName ?? op.householdHelperName;
    const helperPhone = r.helperName === null ? op.householdHelperPhone : null;
    cases.push([
      ...m,
      await codeFor(r.identifiedDate), op.householdId, r.eliminated ? 'eliminated' : 'monitoring', r.category, null,
      `${w.userName}（导入国家系统数据）`, helperName, helperPhone,
      'other', r.identifiedDate, `从${nationalSystem}导入：已识别纳入监测（${source(op.lines)}）`,
      identificationDeadline(r.identifiedDate, t), r.identifiedDate, planDueDate(r.identifiedDate, t),
      r.eliminated ? r.eliminatedDate : null, r.eliminated ? r.eliminationMethod : null,
      null, null, JSON.stringify(importedGuarantees(r.risks, r.eliminated)), null, null, 1,
    ]);
    for (const risk of new Set(r.risks)) risks.push([...w.meta(), caseId, risk, null]);
    steps.push([
      ...w.meta(), caseId, 'identification', 1, 'countyDecision', r.identifiedDate, JSON.stringify([nationalSystem]), 'passed',
      `从${nationalSystem}导入：该户已在国家系统中识别为监测对象（${source(op.lines)}）`, imported(op.lines),
    ]);
    if (r.eliminated && r.eliminatedDate) {
      steps.push([
        ...w.meta(), caseId, 'elimination', 1, 'countyDecision', r.eliminatedDate, JSON.stringify([nationalSystem]), 'passed',
        eliminationNote(r),
        eliminationDetails(r, fileName, sha256, op.lines),
      ]);
    }
    households.add(op.householdId);
    if (op.householdKind === 'ordinary') toMonitored.add(op.householdId);
  }
  await bulkInsert(tx, w, 'monitoring_cases', [...metaColumns, ...caseInsertColumns], cases, 1000);
  progress(w, ops.inserts.length);

  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    const r = op.record;
    if (Object.keys(op.set).length > 0 || op.addRisks.length > 0 || op.removeRisks.length > 0) {
      await tx.updateTable('monitoring_cases').set({ ...op.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    }
    for (const risk of op.addRisks) risks.push([...w.meta(), op.id, risk, null]);
    for (const risk of op.removeRisks) {
      await tx
        .updateTable('case_risks')
        .set({ deleted_at: w.now, delete_reason: `导入：国家系统中该案件已无此风险类型（${source(op.lines)}）`, updated_at: w.now, updated_by: w.userId })
        .where('id', '=', risk.id)
        .execute();
    }
    if (op.eliminates && r.eliminatedDate) {
      const round = await tx.selectFrom('monitoring_cases').select('round').where('id', '=', op.id).executeTakeFirstOrThrow();
      steps.push([
        ...w.meta(), op.id, 'elimination', round.round, 'countyDecision', r.eliminatedDate, JSON.stringify([nationalSystem]), 'passed',
        eliminationNote(r),
        eliminationDetails(r, fileName, sha256, op.lines),
      ]);
    }
    if ('status' in op.set || 'eliminated_date' in op.set) households.add(op.householdId);
    progress(w, 1);
  }
  await bulkInsert(tx, w, 'case_risks', [...metaColumns, 'case_id', 'risk_type', 'note'], risks);
  await bulkInsert(tx, w, 'case_steps', [...metaColumns, ...stepColumns], steps);

  // Included in monitoring: an ordinary household becomes a 监测户, as at the county decision.
  const monitored = [...toMonitored];
  for (let i = 0; i < monitored.length; i += 5000) {
    await sql`UPDATE households SET kind = 'monitored', updated_at = ${w.now}, updated_by = ${w.userId}
      WHERE kind = 'ordinary' AND id IN (SELECT value FROM json_each(${JSON.stringify(monitored.slice(i, i + 5000))}))`.execute(tx);
  }
  await refreshSchedules(tx, w, [...households]);
}

async function refreshSchedules(tx: Tx, w: Writer, householdIds: readonly string[]): Promise<void> {
  if (householdIds.length === 0) return;
  w.control.report(w.done, w.total, '正在更新走访计划…');
  if (householdIds.length >= bulkScheduleFrom) {
    await refreshAllSchedulesIn(tx);
    return;
  }
  for (const id of householdIds) await refreshVisitSchedule(tx, w.ctx, id);
}
