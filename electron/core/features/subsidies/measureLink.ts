import { measureEditableCaseStatuses } from '../../../../shared/contract/measures';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import * as measures from '../measures/service';

// A training (JY05), 以工代赈 work (JY04) or a subsidy put on a payment list (JY06) for a member
// of a household with an open case creates or ticks the matching 就业帮扶 measure, as a job spell
// does (features/employment/measureLink.ts). It runs after the record's own transaction: the
// record stands even when the plan cannot take the measure, and the caller is told why.

export interface MeasureFact {
  householdId: string;
  code: 'JY04' | 'JY05' | 'JY06';
  /** The day the help was given (not after today). */
  date: string;
  /** Amount for a measure type that carries one (JY04, JY06); ignored for JY05. */
  amountFen: number | null;
  /** What the measure's note says it came from. */
  source: string;
}

export async function linkToMeasure(ctx: HandlerContext, f: MeasureFact): Promise<string | null> {
  const c = await ctx.db
    .selectFrom('monitoring_cases')
    .select(['id', 'case_code'])
    .where('household_id', '=', f.householdId)
    .where('status', 'in', measureEditableCaseStatuses)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) return null;
  const today = ctx.today();
  const doneDate = f.date <= today ? f.date : today;
  const existing = await ctx.db
    .selectFrom('measures')
    .select(['id', 'version', 'status'])
    .where('case_id', '=', c.id)
    .where('measure_type_code', '=', f.code)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'inProgress', 'done'])
    .orderBy('created_at', 'desc')
    .execute();
  if (existing.some((m) => m.status === 'done')) return `监测对象 ${c.case_code} 已有落实的 ${f.code} 措施，未重复登记`;
  const amount = f.code !== 'JY05' && f.amountFen !== null && f.amountFen > 0 ? { amountFen: f.amountFen } : {};
  try {
    const pending = existing[0];
    if (pending) {
      await measures.update(ctx, { id: pending.id, version: pending.version, status: 'done', doneDate, ...amount });
      return `监测对象 ${c.case_code} 的 ${f.code} 帮扶措施已标记为已落实`;
    }
    const created = await measures.create(ctx, {
      caseId: c.id,
      measureTypeCode: f.code,
      responsibleUnit: '乡镇人民政府',
      helperName: null,
      plannedDate: doneDate,
      ...amount,
      note: f.source,
    });
    await measures.update(ctx, { id: created.id, version: created.version, status: 'done', doneDate });
    return `已为监测对象 ${c.case_code} 登记并落实 ${f.code} 帮扶措施`;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'RULE' || err.code === 'INVALID_INPUT')) {
      return `记录已保存；未能登记 ${f.code} 帮扶措施：${err.message}`;
    }
    throw err;
  }
}
