import type { HandlerContext } from '../../context';
import { tickCaseMeasure } from '../measures/tick';

// A training (JY05), 以工代赈 work (JY04) or a subsidy put on a payment list (JY06) for a member
// of a household with an open case creates or ticks the matching 就业帮扶 measure, as a job spell
// does (features/employment/measureLink.ts), through the one rule in measures/tick.ts: the record
// stands even when the plan cannot take the measure, and the caller is told why.

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

/** The measure's sentence for the clerk (see measures/tick.ts), or null without an open case. */
export async function linkToMeasure(ctx: HandlerContext, f: MeasureFact): Promise<string | null> {
  const today = ctx.today();
  const doneDate = f.date <= today ? f.date : today;
  return tickCaseMeasure(ctx, {
    householdId: f.householdId,
    code: f.code,
    plannedDate: doneDate,
    doneDate,
    ...(f.code !== 'JY05' && f.amountFen !== null && f.amountFen > 0 ? { amountFen: f.amountFen } : {}),
    note: f.source,
    recordLabel: '记录',
  });
}
