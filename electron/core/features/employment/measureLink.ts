import type { Spell } from '../../../../shared/contract/employment';
import { measureEditableCaseStatuses } from '../../../../shared/contract/measures';
import { jobChannelLabels } from '../../../../shared/domain/employment';
import { measureCodeForChannel } from '../../../../shared/domain/employmentMeasures';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { withSavepoint } from '../../transaction';
import * as measures from '../measures/service';

// A spell for a member of a household with an open case (识别中 / 监测中) creates or ticks the
// matching 就业帮扶 measure through the measures service, so risk coverage counts the job. It runs
// in the spell's own transaction (`ctx` is bound to it, see transaction.ts), so the spell, the
// measure and their audit rows are written together or not at all. Only a refusal by the plan's
// rules (the case has no risk the measure answers) is undone alone, in a savepoint: the spell
// stands and the caller is told why.

export interface MeasureLinkResult {
  /** One Chinese sentence for the clerk, or null when the household has no open case. */
  note: string | null;
}

/** `ctx` must be bound to the spell's transaction (`inOneTransaction`). */
export async function linkSpellToMeasure(ctx: HandlerContext, spell: Spell): Promise<MeasureLinkResult> {
  const c = await ctx.db
    .selectFrom('monitoring_cases')
    .select(['id', 'case_code'])
    .where('household_id', '=', spell.householdId)
    .where('status', 'in', measureEditableCaseStatuses)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!c) return { note: null };
  const code = measureCodeForChannel(spell.channel);
  const today = ctx.today();
  const doneDate = spell.startDate <= today ? spell.startDate : today;
  const existing = await ctx.db
    .selectFrom('measures')
    .select(['id', 'version', 'status'])
    .where('case_id', '=', c.id)
    .where('measure_type_code', '=', code)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'inProgress', 'done'])
    .orderBy('created_at', 'desc')
    .execute();
  if (existing.some((m) => m.status === 'done')) return { note: `监测对象 ${c.case_code} 已有落实的 ${code} 措施，未重复登记` };
  try {
    return await withSavepoint(ctx.db, () => writeMeasure(ctx, spell, c, code, doneDate, existing[0]));
  } catch (err) {
    if (err instanceof AppError && (err.code === 'RULE' || err.code === 'INVALID_INPUT')) {
      return { note: `务工记录已保存；未能登记 ${code} 帮扶措施：${err.message}` };
    }
    throw err;
  }
}

async function writeMeasure(
  ctx: HandlerContext,
  spell: Spell,
  c: { id: string; case_code: string },
  code: string,
  doneDate: string,
  pending: { id: string; version: number } | undefined,
): Promise<MeasureLinkResult> {
  const amount = code === 'JY01' || code === 'JY03' ? {} : { amountFen: spell.monthlyIncomeFen * Math.max(1, spell.monthsThisYear) };
  if (pending) {
    await measures.update(ctx, { id: pending.id, version: pending.version, status: 'done', doneDate, ...amount });
    return { note: `监测对象 ${c.case_code} 的 ${code} 帮扶措施已标记为已落实` };
  }
  const created = await measures.create(ctx, {
    caseId: c.id,
    measureTypeCode: code,
    responsibleUnit: '乡镇人民政府',
    helperName: null,
    plannedDate: spell.startDate,
    ...amount,
    note: `由务工记录登记：${spell.memberName} ${spell.place}（${jobChannelLabels[spell.channel]}）`,
  });
  await measures.update(ctx, { id: created.id, version: created.version, status: 'done', doneDate });
  return { note: `已为监测对象 ${c.case_code} 登记并落实 ${code} 帮扶措施` };
}
