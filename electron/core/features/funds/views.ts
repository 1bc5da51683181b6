import type { Kysely, Transaction } from 'kysely';
import type { AllocationRow, DisbursementRow, ProjectDetail, ProjectRow, StepRow } from '../../../../shared/contract/funds';
import type { DisbursementStage, FundSettings, PayeeKind, ProjectStatus, ProjectStepKind, ProjectType, StepOutcome } from '../../../../shared/domain/funds';
import { milestoneLateness, progressPermille, projectPosition } from '../../../../shared/domain/fundsRules';
import { AppError } from '../../../../shared/lib/result';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import { fundSettingsOf } from './settings';
import { projectBudgetSources, projectVillageIds } from '../../db/jsonColumns';

type Db = Kysely<DB> | Transaction<DB>;

export function toProjectRow(r: repo.ProjectListRecord, names: ReadonlyMap<string, string>, settings: FundSettings, asOf: string): ProjectRow {
  const lateness = milestoneLateness({ allocatedFen: r.allocated_fen, disbursedFen: r.disbursed_fen, milestones: settings.milestones, year: r.year, asOf });
  return {
    id: r.id,
    version: r.version,
    projectCode: r.project_code,
    name: r.name,
    projectType: r.project_type as ProjectType,
    year: r.year,
    villageNames: projectVillageIds.decode(r.village_ids).map((id) => names.get(id) ?? '（已删除的村）'),
    implementingUnit: r.implementing_unit,
    status: r.status as ProjectStatus,
    lastStep: r.last_step as ProjectStepKind | null,
    lastStepDate: r.last_step_date,
    dueDate: r.due_date,
    budgetFen: r.budget_fen,
    allocatedFen: r.allocated_fen,
    disbursedFen: r.disbursed_fen,
    progressPermille: progressPermille(r.disbursed_fen, r.allocated_fen),
    requiredPercent: lateness.requiredPercent,
    // Only projects still being carried out can be behind schedule.
    late: r.status === 'inLibrary' && lateness.late,
  };
}

export async function villageNameMap(db: Db): Promise<Map<string, string>> {
  return new Map((await repo.villageNames(db)).map((v) => [v.id, v.name]));
}

/** One project with its steps, allocations and disbursements, by batch (the money trail). */
export async function projectDetail(db: Db, id: string, asOf: string): Promise<ProjectDetail> {
  const [r] = await repo.projectRows(db, repo.noFilter, id);
  if (!r) throw new AppError('NOT_FOUND', '找不到该项目，可能已被删除，请返回项目库台账刷新后重试');
  const settings = await fundSettingsOf(db, r.year);
  const [names, steps, allocs, disbs] = await Promise.all([villageNameMap(db), repo.projectSteps(db, id), repo.allocations(db, { projectId: id }), repo.disbursements(db, { projectId: id })]);
  const stepRows: StepRow[] = steps.map((s) => ({
    id: s.id,
    step: s.step as ProjectStepKind,
    date: s.step_date,
    people: s.people,
    outcome: s.outcome as StepOutcome,
    docNo: s.doc_no,
    noticeStart: s.notice_start,
    noticeEnd: s.notice_end,
    note: s.note,
    recordedBy: s.recorded_by,
  }));
  const position = projectPosition(stepRows.map((s) => ({ step: s.step, outcome: s.outcome, date: s.date, noticeEnd: s.noticeEnd })));
  const reversedA = new Map(allocs.filter((a) => a.reverses_id !== null).map((a) => [a.reverses_id!, a.id]));
  const reversedD = new Map(disbs.filter((d) => d.reverses_id !== null).map((d) => [d.reverses_id!, d.id]));
  const allocations: AllocationRow[] = allocs.map((a) => ({
    id: a.id,
    batchId: a.batch_id,
    batchDocNo: a.batch_doc_no,
    sourceName: a.source_name,
    projectId: a.project_id,
    date: a.entry_date,
    amountFen: a.amount_fen,
    reversesId: a.reverses_id,
    reversedBy: reversedA.get(a.id) ?? null,
    note: a.note,
  }));
  const disbursements: DisbursementRow[] = disbs.map((d) => ({
    id: d.id,
    batchId: d.batch_id,
    batchDocNo: d.batch_doc_no,
    sourceName: d.source_name,
    projectId: d.project_id,
    date: d.entry_date,
    amountFen: d.amount_fen,
    reversesId: d.reverses_id,
    reversedBy: reversedD.get(d.id) ?? null,
    note: d.note,
    voucherNo: d.voucher_no,
    payeeKind: d.payee_kind as PayeeKind,
    stage: d.stage as DisbursementStage,
  }));
  const byBatch = new Map<string, ProjectDetail['byBatch'][number]>();
  for (const a of allocs) {
    const b = byBatch.get(a.batch_id) ?? { batchId: a.batch_id, batchDocNo: a.batch_doc_no, sourceName: a.source_name, year: a.batch_year, allocatedFen: 0, disbursedFen: 0 };
    b.allocatedFen += a.amount_fen;
    byBatch.set(a.batch_id, b);
  }
  for (const d of disbs) {
    const b = byBatch.get(d.batch_id);
    if (b) b.disbursedFen += d.amount_fen;
  }
  return {
    ...toProjectRow(r, names, settings, asOf),
    villageIds: projectVillageIds.decode(r.village_ids),
    content: r.content,
    scale: r.scale,
    startDate: r.start_date,
    endDate: r.end_date,
    beneficiaryHouseholds: r.beneficiary_households,
    beneficiaryPeople: r.beneficiary_people,
    beneficiaryExited: r.beneficiary_exited,
    beneficiaryMonitored: r.beneficiary_monitored,
    budgetSources: projectBudgetSources.decode(r.budget_sources),
    performanceTarget: r.performance_target,
    farmerLink: r.farmer_link,
    steps: stepRows,
    allowedSteps: position.allowed,
    allocations,
    disbursements,
    byBatch: [...byBatch.values()],
    settings: { year: settings.year, villageNoticeDays: settings.villageNoticeDays, townshipNoticeDays: settings.townshipNoticeDays, libraryNoticeDays: settings.libraryNoticeDays, reviewDeadlineDays: settings.reviewDeadlineDays, milestones: settings.milestones, closeDate: settings.closeDate },
  };
}
