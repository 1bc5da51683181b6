import type { ChannelName, ParsedInputOf } from '../../../../shared/contract';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { caseStatusLabels, type CaseStatus } from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refreshVisitSchedule } from '../../derived/visitSchedule';
import * as repo from './repository';
import { detail } from './casePage';
import { caseName, checkNotFuture, openCaseMessage, requireCase, requireHousehold } from './lookups';
import { stepDetailsColumn, stepPeople } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
const ENTITY = 'monitoringCase';

// 回退

export async function reopen(ctx: HandlerContext, input: In<'monitoring.reopen'>): Promise<CaseDetail> {
  const today = ctx.today();
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    const h = await requireHousehold(tx, c.household_id);
    if (c.status !== 'eliminated') {
      throw new AppError('RULE', `案件 ${c.case_code} ${caseStatusLabels[c.status as CaseStatus]}，只有风险已消除的案件可以回退`);
    }
    const other = await repo.findOpenCase(tx, c.household_id, c.id);
    if (other) throw new AppError('CONFLICT', openCaseMessage(other, h.head_name));
    if (c.eliminated_date && input.date < c.eliminated_date) {
      const msg = `回退日期 ${input.date} 早于风险消除日期 ${c.eliminated_date}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { date: msg });
    }
    checkNotFuture(input.date, today, '回退日期', 'date');
    const round = c.round + 1;
    await repo.insertStep(tx, {
      ...(await newRowMeta(ctx)),
      case_id: c.id,
      workflow: 'reopen',
      round,
      step: 'reopen',
      step_date: input.date,
      people: stepPeople.encode([user.displayName]),
      outcome: 'passed',
      note: input.reason,
      details: stepDetailsColumn.encode({ reason: input.reason, eliminatedDate: c.eliminated_date, eliminationMethod: c.elimination_method }),
    });
    await repo.updateCase(tx, c.id, {
      status: 'monitoring',
      round,
      eliminated_date: null,
      elimination_method: null,
      active_workflow: null,
      next_step: null,
      ...touched(ctx),
    });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} 回退：风险返回，重新监测（${input.date}，${input.reason}）`,
      before: { status: 'eliminated', round: c.round, eliminatedDate: c.eliminated_date, eliminationMethod: c.elimination_method },
      after: { status: 'monitoring', round, eliminatedDate: null, eliminationMethod: null, reopenDate: input.date, reason: input.reason },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return detail(tx, c.id, today);
  });
}
