import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { CaseRow } from '../../../../shared/contract/monitoring';
import {
  riskTypes,
  type CaseStatus,
  type MonitoringCategory,
  type RiskType,
  type StepKind,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { daysLeft } from '../../../../shared/domain/thresholds';
import type { HandlerContext } from '../../context';
import { ensureVisitSchedules } from '../../derived/visitSchedule';
import * as repo from './repository';
import { categorySuggestion, openCaseMessage, requireHousehold } from './lookups';

type In<C extends ChannelName> = ParsedInputOf<C>;

// Lists

export async function list(ctx: HandlerContext, input: In<'monitoring.list'>): Promise<OutputOf<'monitoring.list'>> {
  // The 走访超期 filter and column read the stored schedule; fill it in once after an upgrade.
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const { total, rows } = await repo.listCases(ctx.db, {
    today,
    villageId: input.villageId,
    category: input.category,
    riskType: input.riskType,
    status: input.status,
    overdue: input.overdue,
    objectionOpen: input.objectionOpen,
    pending: input.pending,
    helperName: input.helperName && input.helperName !== '' ? input.helperName : undefined,
    search: input.search.trim(),
    sort: input.sort,
    offset: input.offset,
    limit: input.limit,
  });
  const order = new Map(riskTypes.map((r, i) => [r, i]));
  return {
    total,
    rows: rows.map(
      (r): CaseRow => ({
        id: r.id,
        caseCode: r.case_code,
        householdId: r.household_id,
        householdCode: r.household_code,
        villageId: r.village_id,
        villageName: r.village_name,
        groupName: r.group_name,
        headName: r.head_name,
        memberCount: r.member_count,
        category: r.category as MonitoringCategory | null,
        status: r.status as CaseStatus,
        risks: (r.risks ? (r.risks.split(',') as RiskType[]) : []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
        helperName: r.helper_name,
        clueDate: r.clue_date,
        includedDate: r.included_date,
        eliminatedDate: r.eliminated_date,
        activeWorkflow: r.active_workflow as Workflow | null,
        nextStep: r.next_step as StepKind | null,
        dueKind: r.due_kind as CaseRow['dueKind'],
        dueDate: r.due_date,
        daysLeft: r.due_date ? daysLeft(today, r.due_date) : null,
        nextVisitDue: r.next_visit_due,
        visitOverdue: r.next_visit_due !== null && r.next_visit_due < today,
      }),
    ),
  };
}

export async function forHousehold(ctx: HandlerContext, householdId: string): Promise<OutputOf<'monitoring.forHousehold'>> {
  const h = await requireHousehold(ctx.db, householdId);
  const cases = await repo.casesOfHousehold(ctx.db, householdId);
  const risks = await Promise.all(cases.map((c) => repo.risksOf(ctx.db, c.id)));
  const open = cases.find((c) => c.status === 'identifying' || c.status === 'monitoring');
  let openBlockedReason: string | null = null;
  if (h.status !== 'active') openBlockedReason = '该户已注销，不能新建监测案件；如需办理，请先恢复该户';
  else if (open) openBlockedReason = openCaseMessage(open, h.head_name);
  return {
    cases: cases.map((c, i) => ({
      id: c.id,
      caseCode: c.case_code,
      status: c.status as CaseStatus,
      category: c.category as MonitoringCategory | null,
      risks: (risks[i] ?? []).filter((r) => r.deleted_at === null).map((r) => r.risk_type as RiskType),
      clueDate: c.clue_date,
      includedDate: c.included_date,
      eliminatedDate: c.eliminated_date,
      rejectedDate: c.rejected_date,
      activeWorkflow: c.active_workflow as Workflow | null,
      nextStep: c.next_step as StepKind | null,
      round: c.round,
    })),
    openCaseId: open?.id ?? null,
    suggestion: await categorySuggestion(ctx.db, h),
    openBlockedReason,
  };
}
