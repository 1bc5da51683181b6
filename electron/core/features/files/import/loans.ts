import { importKindLabels } from '../../../../../shared/domain/importFields';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import type { JobControl } from '../../../jobs';
import { inOneTransaction } from '../../../transaction';
import { addEvent } from '../../loans/events';
import { recordLoan } from '../../loans/record';
import { settingsBook } from '../../loans/service';
import { refusedAll } from './apply';
import { writeErrorWorkbook } from './errorWorkbook';
import { cellRenderer } from './planCommon';
import { planLoans, type LoanOperations } from './kinds/loans/plan';
import type { ImportApplyResult, ImportCounts, ImportMode, InvalidRow, ParsedLoans } from './types';

// 小额信贷 from the bank's spreadsheet (issue 13 item 6): planned against the ledger like the other
// kinds, and written in one transaction through the loans service's own functions (recordLoan as
// loans.save, addEvent for the principal the bank shows repaid), so an imported loan meets the
// same checks, ticks the same JR01 measure and writes the same audit rows as one typed in.

export interface LoanPlan {
  parsed: ParsedLoans;
  counts: ImportCounts;
  conflicts: InvalidRow[];
  /** Loans that come in but break a rule of their year (or whose use could not be told). */
  warnings: InvalidRow[];
  operations: LoanOperations | null;
}

async function planWith(ctx: HandlerContext, parsed: ParsedLoans): Promise<LoanPlan> {
  const result = await planLoans(ctx.db, parsed.records, cellRenderer(parsed), ctx.today(), await settingsBook(ctx.db));
  const conflicts = result.conflicts.sort((a, b) => a.line - b.line);
  return { parsed, counts: { ...result.counts, invalid: parsed.invalid.length + conflicts.length }, conflicts, warnings: result.warnings, operations: result.operations };
}

/** What importing the sheet would do, read-only (the preview). */
export async function planLoanSheet(ctx: HandlerContext, parsed: ParsedLoans, control: JobControl): Promise<LoanPlan> {
  control.report(0, 1, '正在与台账比对…');
  const plan = await planWith(ctx, parsed);
  control.report(1, 1, '比对完成');
  return plan;
}

export async function applyLoanSheet(ctx: HandlerContext, plan: LoanPlan, mode: ImportMode, control: JobControl): Promise<ImportApplyResult> {
  const parsed = plan.parsed;
  if (mode === 'allOrNothing' && plan.counts.invalid > 0) throw refusedAll(plan.counts.invalid);
  control.throwIfCancelled();
  const today = ctx.today();
  const fresh = await inOneTransaction(ctx, async (tx) => {
    // Planned again against the ledger as it is now (it may have changed since the preview).
    const p = await planWith(tx, parsed);
    if (mode === 'allOrNothing' && p.counts.invalid > 0) throw refusedAll(p.counts.invalid);
    const ops = p.operations;
    if (!ops) throw new AppError('INTERNAL', '导入计划为空，请重新预览');
    const total = ops.inserts.length + ops.updates.length;
    let done = 0;
    for (const op of [...ops.inserts, ...ops.updates]) {
      const loanId = op.save !== null ? (await recordLoan(tx, op.save)).id : op.loanId;
      if (loanId === null) throw new AppError('INTERNAL', '导入计划有误，请重新预览');
      if (op.repaymentFen > 0) {
        await addEvent(tx, { kind: 'repayment', loanId, eventDate: today, principalFen: op.repaymentFen, interestFen: 0, note: `按银行表核对（${parsed.fileName}）` });
      }
      done += 1;
      if (done % 50 === 0) control.throwIfCancelled();
      control.report(done, total, `正在写入…（${done}/${total}）`);
    }
    await tx.mutate((_tx, audit) =>
      audit.record({
        entity: 'import',
        entityId: parsed.sha256,
        summary:
          `导入${importKindLabels.loans}（文件 ${parsed.fileName}，SHA-256 ${parsed.sha256.slice(0, 12)}…）：新增贷款 ${p.counts.new} 笔 / 更新 ${p.counts.changed} 笔` +
          ` / 无变化 ${p.counts.unchanged} 笔 / 有误 ${p.counts.invalid} 行${p.counts.invalid > 0 ? '（有误的行未导入，已生成错误清单）' : ''}`,
        before: null,
        after: { kind: parsed.kind, fileName: parsed.fileName, sha256: parsed.sha256, mode, rows: parsed.rowCount, ...p.counts, applied: total },
      }),
    );
    return { ...p, applied: total };
  });
  const notApplied = [...parsed.invalid, ...fresh.conflicts];
  const errorWorkbookPath = notApplied.length > 0 ? await writeErrorWorkbook(ctx.dataDir, parsed, notApplied) : null;
  return { counts: { ...fresh.counts, applied: fresh.applied }, errorWorkbookPath };
}
