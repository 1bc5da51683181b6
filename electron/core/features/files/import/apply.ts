import { importModeLabels } from '../../../../../shared/contract/fileImport';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import { uuidv7 } from '../../../ids';
import type { JobControl } from '../../../jobs';
import type { AuditWriter } from '../../../auditWriter';
import { writeErrorWorkbook } from './errorWorkbook';
import { planWith, type TypedPlan } from './plan';
import { type Cell, type Tx, type Writer } from './write';
import { writeHouseholds } from './kinds/households/write';
import { planAndWriteHouseholds } from './kinds/households/chunked';
import { writeIncomes } from './kinds/incomes/write';
import { writeCases } from './kinds/cases/write';
import type { RefreshDecision } from '../../../../../shared/contract/importRefresh';
import { applyDecisions } from './refresh/decide';
import type { ImportApplyResult, ImportCounts, ImportKind, ImportMode, ImportPlan, InvalidRow } from './types';

export type { Writer } from './write';

// The apply half, step two: one transaction for every write of an import. The plan is made again
// inside the transaction (the ledger may have changed since the preview), so the writes match the
// database they land in; 'allOrNothing' refuses the whole file when any row is invalid or
// conflicting, 'validOnly' writes the rest and hands back a workbook of the refused rows.
// Unchanged records are not written at all, so importing the same file twice changes nothing but
// the one audit line that says it was imported. Derived data follows as the services keep it:
// households' head / size / no-labour fields, incomes' net and per-capita figures, cases' deadlines,
// and the visit schedule (core/derived/visitSchedule.ts). The search keys alone come after the
// commit (search/catchUp.ts): a county's took a third of the transaction.

const kindLabels: Record<ImportKind, { what: string; unit: string }> = {
  households: { what: '户籍', unit: '户' },
  incomes: { what: '收入', unit: '条' },
  cases: { what: '监测对象', unit: '个' },
};
export async function applyImport(
  ctx: HandlerContext,
  plan: ImportPlan,
  mode: ImportMode,
  control: JobControl,
  decisions: readonly RefreshDecision[] = [],
): Promise<ImportApplyResult> {
  const parsed = plan.parsed;
  if (parsed.missingRequired.length > 0) {
    throw new AppError('RULE', `文件缺少必填列：${parsed.missingRequired.join('、')}。请在列对应中指定这些列后再导入`);
  }
  if (mode === 'allOrNothing' && plan.counts.invalid > 0) throw refusedAll(plan.counts.invalid);
  control.throwIfCancelled();
  const today = ctx.today();
  const w = await newWriter(ctx, control);

  const fresh = await ctx.mutate(async (tx, audit) => {
    if (parsed.kind === 'households') {
      // A chunk at a time (kinds/households/chunked.ts): the records are let go of as written.
      plan.spent = true;
      w.total = parsed.records.length;
      control.report(0, w.total, '正在写入…');
      const p = await planAndWriteHouseholds(tx, w, today, parsed, false);
      // Refusing the whole file undoes what was written: it is all one transaction.
      if (mode === 'allOrNothing' && p.counts.invalid > 0) throw refusedAll(p.counts.invalid);
      const applied = p.counts.new + p.counts.changed;
      await recordSummary(audit, p, mode, applied);
      await applyDecisions(ctx, tx, audit, p.refresh, decisions, parsed.fileName);
      return { ...p, applied };
    }
    const p = await planWith(tx, today, parsed, null);
    if (mode === 'allOrNothing' && p.counts.invalid > 0) throw refusedAll(p.counts.invalid);
    plan.spent = true;
    w.total = p.operations.inserts.length + p.operations.updates.length;
    control.report(0, w.total, '正在写入…');
    const applied = await writePlan(tx, w, p);
    await recordSummary(audit, p, mode, applied);
    await applyDecisions(ctx, tx, audit, p.refresh, decisions, parsed.fileName);
    return { ...p, applied };
  });

  const applied = fresh.applied;
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

/**
 * Writes one planned kind inside the import's transaction; returns how many records it wrote. The
 * households writer lets go of each round of new households once written (issue 16: the import's
 * peak memory), so the plan's operations are spent afterwards: count them first.
 */
export async function writePlan(tx: Tx, w: Writer, p: TypedPlan): Promise<number> {
  const ops = p.operations;
  const applied = ops.inserts.length + ops.updates.length;
  switch (ops.kind) {
    case 'households':
      // The rows are written in bulk, not through the repository: their search keys are built
      // after the commit (search/catchUp.ts, started by service.ts).
      await writeHouseholds(tx, w, ops);
      break;
    case 'incomes':
      await writeIncomes(tx, w, ops);
      break;
    case 'cases':
      await writeCases(tx, w, ops, p);
      break;
  }
  return applied;
}
export function refusedAll(invalid: number): AppError {
  return new AppError(
    'RULE',
    // The options by the words the page shows them with (importModeLabels), so the clerk finds them.
    `文件中有 ${invalid} 行有误或与台账冲突，按“${importModeLabels.allOrNothing}”未导入任何数据。请按预览中的原因修改后重新导入，或选择“${importModeLabels.validOnly}”`,
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

export async function recordSummary(audit: AuditWriter, p: TypedPlan, mode: ImportMode, applied: number): Promise<void> {
  const parsed = p.parsed;
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
