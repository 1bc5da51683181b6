import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { isNoticeStep, projectStepLabels, projectTypeLabels, stepOutcomeLabels, yuan, type ProjectStepKind, type StepOutcome } from '../../../../shared/domain/funds';
import { checkProjectStep, projectPosition, stepDueDate } from '../../../../shared/domain/fundsRules';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { fundSettingsOf } from './settings';
import { projectDetail } from './views';
import { projectBudgetSources, projectVillageIds } from '../../db/jsonColumns';

// The project library: a project is entered as 村申报's subject and moves by appended steps.

export function getProject(ctx: HandlerContext, input: ParsedInputOf<'funds.getProject'>): Promise<OutputOf<'funds.getProject'>> {
  return projectDetail(ctx.db, input.id, ctx.today());
}

export async function createProject(ctx: HandlerContext, input: ParsedInputOf<'funds.createProject'>): Promise<OutputOf<'funds.createProject'>> {
  return ctx.mutate(async (tx, audit) => {
    const known = new Set((await repo.villageNames(tx)).map((v) => v.id));
    if (input.villageIds.some((id) => !known.has(id))) {
      const msg = '所选的村不在本乡镇的村组设置中，请重新选择';
      throw new AppError('INVALID_INPUT', msg, { villageIds: msg });
    }
    const sourceCodes = new Set((await repo.sources(tx)).map((s) => s.code));
    if (input.budgetSources.some((b) => !sourceCodes.has(b.sourceCode))) {
      const msg = '预算资金来源不在来源目录中，请从列表中选择';
      throw new AppError('INVALID_INPUT', msg, { budgetSources: msg });
    }
    const meta = await newRowMeta(ctx);
    const code = await repo.nextProjectCode(tx, input.year);
    await tx
      .insertInto('fund_projects')
      .values({
        ...meta,
        project_code: code,
        name: input.name,
        project_type: input.projectType,
        year: input.year,
        village_ids: projectVillageIds.encode([...new Set(input.villageIds)]),
        content: input.content,
        scale: input.scale,
        start_date: input.startDate,
        end_date: input.endDate,
        implementing_unit: input.implementingUnit,
        budget_fen: input.budgetFen,
        budget_sources: projectBudgetSources.encode(input.budgetSources),
        beneficiary_households: input.beneficiaryHouseholds,
        beneficiary_people: input.beneficiaryPeople,
        beneficiary_exited: input.beneficiaryExited,
        beneficiary_monitored: input.beneficiaryMonitored,
        performance_target: input.performanceTarget ?? '',
        farmer_link: input.farmerLink ?? '',
        status: 'draft',
        last_step: null,
        last_step_date: null,
        due_date: null,
      })
      .execute();
    await audit.record({
      entity: 'fundProject',
      entityId: meta.id,
      summary: `新建项目 ${code} ${input.name}（${projectTypeLabels[input.projectType]}，预算 ${yuan(input.budgetFen)} 元）`,
      before: null,
      after: { ...input },
    });
    return projectDetail(tx, meta.id, ctx.today());
  });
}

export async function setTargets(ctx: HandlerContext, input: ParsedInputOf<'funds.setTargets'>): Promise<OutputOf<'funds.setTargets'>> {
  return ctx.mutate(async (tx, audit) => {
    const p = await tx.selectFrom('fund_projects').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND', '找不到该项目，请返回项目库台账刷新后重试');
    const next = { performance_target: input.performanceTarget ?? '', farmer_link: input.farmerLink ?? '' };
    const changed = [
      p.performance_target !== next.performance_target ? { path: 'performanceTarget', label: '绩效目标' } : null,
      p.farmer_link !== next.farmer_link ? { path: 'farmerLink', label: '联农带农机制' } : null,
    ].filter((c) => c !== null);
    if (changed.length > 0) {
      await refuseStaleSave(tx, p, input.version, ctx.clock.now(), changed);
      if (p.status !== 'draft') {
        throw new AppError('INVALID_INPUT', '项目已入库，绩效目标和联农带农机制以入库时为准，不能再修改；如需调整请按程序出库后重新申报');
      }
      await tx.updateTable('fund_projects').set({ ...next, ...touched(ctx) }).where('id', '=', p.id).execute();
      await audit.record({
        entity: 'fundProject',
        entityId: p.id,
        summary: `修改项目 ${p.project_code} 的${changed.map((c) => c.label).join('、')}`,
        before: { performanceTarget: p.performance_target, farmerLink: p.farmer_link },
        after: { performanceTarget: next.performance_target, farmerLink: next.farmer_link },
      });
    }
    return projectDetail(tx, p.id, ctx.today());
  });
}

export async function recordStep(ctx: HandlerContext, input: ParsedInputOf<'funds.recordStep'>): Promise<OutputOf<'funds.recordStep'>> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const p = await tx.selectFrom('fund_projects').selectAll().where('id', '=', input.projectId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND', '找不到该项目，请返回项目库台账刷新后重试');
    const steps = (await repo.projectSteps(tx, p.id)).map((s) => ({ step: s.step as ProjectStepKind, outcome: s.outcome as StepOutcome, date: s.step_date, noticeEnd: s.notice_end }));
    const settings = await fundSettingsOf(tx, p.year);
    const notice = isNoticeStep(input.step);
    const stepInput = { step: input.step, outcome: input.outcome, date: input.date, noticeEnd: notice ? input.noticeEnd : null };
    const problem = checkProjectStep(steps, stepInput, { performanceTarget: p.performance_target, farmerLink: p.farmer_link }, settings, today);
    if (problem) throw new AppError('INVALID_INPUT', problem.message, { [problem.field]: problem.message });

    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_project_steps')
      .values({
        ...meta,
        project_id: p.id,
        step: input.step,
        step_date: input.date,
        people: input.people,
        outcome: input.outcome,
        doc_no: input.docNo,
        notice_start: notice ? input.date : null,
        notice_end: stepInput.noticeEnd,
        note: input.note,
      })
      .execute();
    const position = projectPosition([...steps, stepInput]);
    const year = input.step === 'rollOver' ? p.year + 1 : p.year;
    await tx
      .updateTable('fund_projects')
      .set({ status: position.status, last_step: input.step, last_step_date: input.date, due_date: input.outcome === 'passed' ? stepDueDate(stepInput, settings) : null, year, ...touched(ctx) })
      .where('id', '=', p.id)
      .execute();
    const label = projectStepLabels[input.step];
    const period = notice && stepInput.noticeEnd !== null ? `，公示 ${input.date} 至 ${stepInput.noticeEnd}` : '';
    await audit.record({
      entity: 'fundProject',
      entityId: p.id,
      summary: `项目 ${p.project_code} 办理「${label}」：${stepOutcomeLabels[input.outcome]}${period}${input.step === 'rollOver' ? `，转入 ${year} 年` : ''}`,
      before: { status: p.status, lastStep: p.last_step, year: p.year },
      after: { status: position.status, lastStep: input.step, year },
    });
    return projectDetail(tx, p.id, today);
  });
}
