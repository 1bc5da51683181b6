import type { Spell } from '../../../../shared/contract/employment';
import { jobChannelLabels } from '../../../../shared/domain/employment';
import { measureCodeForChannel } from '../../../../shared/domain/employmentMeasures';
import type { HandlerContext } from '../../context';
import { tickCaseMeasure } from '../measures/tick';

// A spell for a member of a household with an open case ticks the matching 就业帮扶 measure in
// the spell's own transaction (see measures/tick.ts), so risk coverage counts the job.

export interface MeasureLinkResult {
  /** One Chinese sentence for the clerk, or null when the household has no open case. */
  note: string | null;
}

/** `ctx` must be bound to the spell's transaction (the dispatcher binds every mutating channel). */
export async function linkSpellToMeasure(ctx: HandlerContext, spell: Spell): Promise<MeasureLinkResult> {
  const code = measureCodeForChannel(spell.channel);
  const today = ctx.today();
  const note = await tickCaseMeasure(ctx, {
    householdId: spell.householdId,
    code,
    plannedDate: spell.startDate,
    doneDate: spell.startDate <= today ? spell.startDate : today,
    ...(code === 'JY01' || code === 'JY03' ? {} : { amountFen: spell.monthlyIncomeFen * Math.max(1, spell.monthsThisYear) }),
    note: `由务工记录登记：${spell.memberName} ${spell.place}（${jobChannelLabels[spell.channel]}）`,
    recordLabel: '务工记录',
  });
  return { note };
}
