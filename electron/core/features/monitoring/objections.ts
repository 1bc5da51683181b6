import type { ChannelName, ParsedInputOf } from '../../../../shared/contract';
import type { CaseDetail } from '../../../../shared/contract/monitoring';
import { workflowLabels, type Workflow } from '../../../../shared/domain/monitoring';
import { currentRun } from '../../../../shared/domain/workflow';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import * as repo from './repository';
import { detail } from './casePage';
import { caseName, checkNotFuture, requireCase, requireHousehold, requireOpenCase } from './lookups';
import { asRecorded } from './shapes';
import { stepDetailsColumn } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
const ENTITY = 'monitoringCase';

// Notice objections

export async function addObjection(ctx: HandlerContext, input: In<'monitoring.addObjection'>): Promise<CaseDetail> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    requireOpenCase(c, '登记异议');
    const h = await requireHousehold(tx, c.household_id);
    const workflow = c.active_workflow as Workflow | null;
    const steps = await repo.stepsOf(tx, c.id);
    const run = workflow ? currentRun(steps.map(asRecorded), workflow, c.round) : [];
    const notice = run.find((s) => s.step === 'notice');
    if (!workflow || !notice) throw new AppError('RULE', '该案件当前没有公示，不能登记公示异议。请在"村内公示"登记后再登记异议');
    const period = stepDetailsColumn.decode(notice.details).notice;
    const start = period?.startDate ?? notice.step_date;
    if (input.receivedDate < start) {
      const msg = `异议收到日期 ${input.receivedDate} 早于公示开始日期 ${start}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { receivedDate: msg });
    }
    checkNotFuture(input.receivedDate, today, '异议收到日期', 'receivedDate');
    const meta = await newRowMeta(ctx);
    await repo.insertObjection(tx, {
      ...meta,
      case_id: c.id,
      step_id: notice.id,
      received_date: input.receivedDate,
      objector: input.objector,
      content: input.content,
      resolution: null,
      resolved_date: null,
    });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} ${workflowLabels[workflow]}公示收到异议（${input.receivedDate}${input.objector ? `，${input.objector}` : ''}）：${input.content}`,
      before: null,
      after: { objectionId: meta.id, receivedDate: input.receivedDate, objector: input.objector, content: input.content },
    });
    return detail(tx, c.id, today);
  });
}

export async function resolveObjection(ctx: HandlerContext, input: In<'monitoring.resolveObjection'>): Promise<CaseDetail> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const o = await repo.findObjection(tx, input.id);
    if (!o) throw new AppError('NOT_FOUND', '找不到该异议记录，请刷新后重试');
    const c = await requireCase(tx, o.case_id);
    const h = await requireHousehold(tx, c.household_id);
    if (o.resolution !== null) throw new AppError('RULE', `该异议已于 ${o.resolved_date ?? ''} 核实处理，不能重复处理`);
    if (input.resolvedDate < o.received_date) {
      const msg = `处理日期 ${input.resolvedDate} 早于异议收到日期 ${o.received_date}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { resolvedDate: msg });
    }
    checkNotFuture(input.resolvedDate, today, '处理日期', 'resolvedDate');
    await repo.updateObjection(tx, o.id, { resolution: input.resolution, resolved_date: input.resolvedDate, ...touched(ctx) });
    await audit.record({
      entity: ENTITY,
      entityId: c.id,
      summary: `${caseName(c, h)} 公示异议核实处理（${input.resolvedDate}）：${input.resolution}`,
      before: { objectionId: o.id, resolution: null, resolvedDate: null },
      after: { objectionId: o.id, resolution: input.resolution, resolvedDate: input.resolvedDate },
    });
    return detail(tx, c.id, today);
  });
}
