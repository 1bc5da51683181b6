import { measureEditableCaseStatuses } from '../../../../shared/contract/measures';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { withSavepoint } from '../../transaction';
import * as measures from './service';

// What another ledger records for a household with an open case (识别中 / 监测中) — a job, a loan,
// a subsidy paid — creates or ticks the matching catalog measure, so the plan's risk coverage
// counts it. It runs in the caller's transaction (`ctx` bound by the dispatcher), and only a
// refusal by the plan's rules (the case has no risk the measure answers) is undone alone, in a
// savepoint: the caller's record stands and the clerk is told why.

export interface MeasureTick {
  householdId: string;
  code: string;
  plannedDate: string;
  doneDate: string;
  amountFen?: number;
  /** Where the measure came from, kept in its note: 由务工记录登记：… */
  note: string;
  /** The caller's record in the refusal sentence: 务工记录 / 小额信贷. */
  recordLabel: string;
}

/** One Chinese sentence for the clerk, or null when the household has no open case. */
export async function tickCaseMeasure(ctx: HandlerContext, t: MeasureTick): Promise<string | null> {
  const c = await ctx.db
    .selectFrom('monitoring_cases')
    .select(['id', 'case_code'])
    .where('household_id', '=', t.householdId)
    .where('status', 'in', measureEditableCaseStatuses)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) return null;
  const existing = await ctx.db
    .selectFrom('measures')
    .select(['id', 'version', 'status'])
    .where('case_id', '=', c.id)
    .where('measure_type_code', '=', t.code)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'inProgress', 'done'])
    .orderBy('created_at', 'desc')
    .execute();
  if (existing.some((m) => m.status === 'done')) return `监测对象 ${c.case_code} 已有落实的 ${t.code} 措施，未重复登记`;
  const amount = t.amountFen === undefined ? {} : { amountFen: t.amountFen };
  try {
    return await withSavepoint(ctx.db, async () => {
      const pending = existing[0];
      if (pending) {
        await measures.update(ctx, { id: pending.id, version: pending.version, status: 'done', doneDate: t.doneDate, ...amount });
        return `监测对象 ${c.case_code} 的 ${t.code} 帮扶措施已标记为已落实`;
      }
      const created = await measures.create(ctx, {
        caseId: c.id,
        measureTypeCode: t.code,
        responsibleUnit: '乡镇人民政府',
        helperName: null,
        plannedDate: t.plannedDate,
        ...amount,
        note: t.note,
      });
      await measures.update(ctx, { id: created.id, version: created.version, status: 'done', doneDate: t.doneDate });
      return `已为监测对象 ${c.case_code} 登记并落实 ${t.code} 帮扶措施`;
    });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'RULE' || err.code === 'INVALID_INPUT')) return `${t.recordLabel}已保存；未能登记 ${t.code} 帮扶措施：${err.message}`;
    throw err;
  }
}
