import type { ChannelName, ParsedInputOf } from '../../../../shared/contract';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { clueSourceLabels, riskTypeLabels, type Guarantees } from '../../../../shared/domain/monitoring';
import { identificationDeadline } from '../../../../shared/domain/thresholds';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta } from '../../rows';
import { thresholdsOn } from '../../derived/thresholds';
import { refreshVisitSchedule } from '../../derived/visitSchedule';
import * as repo from './repository';
import { detail } from './casePage';
import { categorySuggestion, checkNotFuture, nextCaseCode, openCaseMessage, requireHousehold } from './lookups';
import { guaranteesView } from './shapes';
import { caseGuarantees } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
const ENTITY = 'monitoringCase';

// Opening a case

export async function open(ctx: HandlerContext, input: In<'monitoring.open'>): Promise<CaseDetail> {
  const today = ctx.today();
  checkNotFuture(input.clueDate, today, '线索发现日期', 'clueDate');
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.householdId);
    if (h.status !== 'active') throw new AppError('RULE', `户 ${h.household_code} 已注销，不能新建监测案件；如需办理，请先恢复该户`);
    const existing = await repo.findOpenCase(tx, h.id);
    if (existing) throw new AppError('CONFLICT', openCaseMessage(existing, h.head_name));

    const t = await thresholdsOn(tx, input.clueDate);
    const suggestion = await categorySuggestion(tx, h);
    const meta = await newRowMeta(ctx);
    const caseCode = await nextCaseCode(tx, input.clueDate);
    const guarantees = input.guarantees as Guarantees;
    const helperName = input.helperName === undefined ? h.helper_name : input.helperName;
    const helperPhone = input.helperPhone === undefined ? (input.helperName === undefined ? h.helper_phone : null) : input.helperPhone;
    await repo.insertCase(tx, {
      ...meta,
      case_code: caseCode,
      household_id: h.id,
      status: 'identifying',
      category: null,
      suggested_category: suggestion.category,
      category_confirmed_by: null,
      helper_name: helperName,
      helper_phone: helperPhone,
      clue_source: input.clueSource,
      clue_date: input.clueDate,
      clue_note: input.clueNote,
      deadline_date: identificationDeadline(input.clueDate, t),
      included_date: null,
      plan_due_date: null,
      eliminated_date: null,
      elimination_method: null,
      rejected_date: null,
      reject_reason: null,
      guarantees: caseGuarantees.encode(guarantees),
      active_workflow: 'identification',
      next_step: 'apply',
      round: 1,
    });
    for (const r of input.risks) {
      await repo.insertRisk(tx, { ...(await newRowMeta(ctx)), case_id: meta.id, risk_type: r, note: null });
    }
    await audit.record({
      entity: ENTITY,
      entityId: meta.id,
      summary: `新建监测案件 ${caseCode}（户 ${h.household_code}，户主 ${h.head_name}）：${clueSourceLabels[input.clueSource]}，${input.clueDate}，风险 ${input.risks.map((r) => riskTypeLabels[r]).join('、')}`,
      before: null,
      after: {
        caseCode,
        householdId: h.id,
        status: 'identifying',
        clueSource: input.clueSource,
        clueDate: input.clueDate,
        clueNote: input.clueNote,
        risks: input.risks,
        helperName,
        helperPhone,
        guarantees: guaranteesView(guarantees),
        suggestedCategory: suggestion.category,
        deadlineDate: identificationDeadline(input.clueDate, t),
      },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return detail(tx, meta.id, today);
  });
}
