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

/** What a tick did, for the caller to put in its own words. */
export type TickOutcome =
  | { kind: 'noCase' }
  | { kind: 'alreadyDone'; caseCode: string }
  | { kind: 'accumulated'; caseCode: string; measureId: string; amountFen: number }
  | { kind: 'ticked'; caseCode: string; measureId: string }
  | { kind: 'created'; caseCode: string; measureId: string }
  | { kind: 'refused'; caseCode: string; message: string };

/**
 * Creates or ticks the household's measure `code` and says what it did. A measure already done is
 * left alone, or, with `addToDone` (a payment paid in instalments), gets the amount added to it.
 */
export async function tickMeasure(ctx: HandlerContext, t: Omit<MeasureTick, 'recordLabel'> & { addToDone?: boolean }): Promise<TickOutcome> {
  const c = await ctx.db
    .selectFrom('monitoring_cases')
    .select(['id', 'case_code'])
    .where('household_id', '=', t.householdId)
    .where('status', 'in', measureEditableCaseStatuses)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) return { kind: 'noCase' };
  const caseCode = c.case_code;
  const existing = await ctx.db
    .selectFrom('measures')
    .select(['id', 'version', 'status', 'amount_fen'])
    .where('case_id', '=', c.id)
    .where('measure_type_code', '=', t.code)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'inProgress', 'done'])
    .orderBy('created_at', 'desc')
    .execute();
  const done = existing.find((m) => m.status === 'done');
  if (done && t.addToDone !== true) return { kind: 'alreadyDone', caseCode };
  const amount = t.amountFen === undefined ? {} : { amountFen: t.amountFen };
  try {
    return await withSavepoint(ctx.db, async (): Promise<TickOutcome> => {
      if (done) {
        // The same measure paid again (a second instalment): its amount is the running total.
        const m = await measures.update(ctx, { id: done.id, version: done.version, amountFen: (done.amount_fen ?? 0) + (t.amountFen ?? 0) });
        return { kind: 'accumulated', caseCode, measureId: m.id, amountFen: m.amountFen ?? 0 };
      }
      const pending = existing[0];
      if (pending) {
        const m = await measures.update(ctx, { id: pending.id, version: pending.version, status: 'done', doneDate: t.doneDate, ...amount });
        return { kind: 'ticked', caseCode, measureId: m.id };
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
      return { kind: 'created', caseCode, measureId: created.id };
    });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'RULE' || err.code === 'INVALID_INPUT')) return { kind: 'refused', caseCode, message: err.message };
    throw err;
  }
}

/** One Chinese sentence for the clerk, or null when the household has no open case. */
export async function tickCaseMeasure(ctx: HandlerContext, t: MeasureTick): Promise<string | null> {
  const o = await tickMeasure(ctx, t);
  switch (o.kind) {
    case 'noCase':
      return null;
    case 'alreadyDone':
    case 'accumulated':
      return `监测对象 ${o.caseCode} 已有落实的 ${t.code} 措施，未重复登记`;
    case 'ticked':
      return `监测对象 ${o.caseCode} 的 ${t.code} 帮扶措施已标记为已落实`;
    case 'created':
      return `已为监测对象 ${o.caseCode} 登记并落实 ${t.code} 帮扶措施`;
    case 'refused':
      return `${t.recordLabel}已保存；未能登记 ${t.code} 帮扶措施：${o.message}`;
  }
}
