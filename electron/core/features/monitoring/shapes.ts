import type { CaseOutput, CaseStep } from '../../../../shared/contract/monitoring';
import {
  guaranteeKeys,
  guaranteeStatusLabels,
  type CaseStatus,
  type ClueSource,
  type EliminationMethod,
  type Guarantees,
  type MonitoringCategory,
  type StepKind,
  type StepOutcome,
  type Workflow,
} from '../../../../shared/domain/monitoring';
import { stepLabel } from '../../../../shared/domain/workflow';
import { todayIso } from '../../../../shared/lib/dates';
import type { CaseRecord, StepWithUser } from './repository';
import { caseGuarantees, stepDetailsColumn, stepPeople } from '../../db/jsonColumns';

// Rows → contract shapes

export function toCase(c: CaseRecord): CaseOutput {
  return {
    id: c.id,
    caseCode: c.case_code,
    householdId: c.household_id,
    status: c.status as CaseStatus,
    category: c.category as MonitoringCategory | null,
    suggestedCategory: c.suggested_category as MonitoringCategory | null,
    categoryConfirmedBy: c.category_confirmed_by,
    helperName: c.helper_name,
    helperPhone: c.helper_phone,
    clueSource: c.clue_source as ClueSource,
    clueDate: c.clue_date,
    clueNote: c.clue_note,
    deadlineDate: c.deadline_date,
    includedDate: c.included_date,
    planDueDate: c.plan_due_date,
    eliminatedDate: c.eliminated_date,
    eliminationMethod: c.elimination_method as EliminationMethod | null,
    rejectedDate: c.rejected_date,
    rejectReason: c.reject_reason,
    guarantees: caseGuarantees.decode(c.guarantees),
    activeWorkflow: c.active_workflow as Workflow | null,
    nextStep: c.next_step as StepKind | null,
    round: c.round,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

function stepTitle(s: { workflow: string; step: string }): string {
  if (s.workflow === 'reopen') return '回退（风险返回，重新监测）';
  return stepLabel(s.workflow as Workflow, s.step as StepKind);
}

export function toStep(s: StepWithUser): CaseStep {
  return {
    id: s.id,
    workflow: s.workflow as CaseStep['workflow'],
    round: s.round,
    step: s.step,
    stepLabel: stepTitle(s),
    date: s.step_date,
    people: stepPeople.decode(s.people),
    outcome: s.outcome as StepOutcome,
    note: s.note,
    details: stepDetailsColumn.decode(s.details),
    recordedBy: s.recorded_by_name ?? '',
    recordedAt: s.created_at,
  };
}

/** The office's calendar day of an ISO instant. */
export function dayOf(iso: string): string {
  return todayIso(new Date(iso));
}

export function asRecorded(s: StepWithUser) {
  return { ...s, outcome: s.outcome as StepOutcome, date: s.step_date };
}

export function guaranteesView(g: Guarantees): Record<string, string> {
  return Object.fromEntries(
    guaranteeKeys.map((k) => [k, `${guaranteeStatusLabels[g[k].status]}${g[k].note ? `（${g[k].note}）` : ''}`]),
  );
}
