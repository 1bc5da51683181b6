import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { nextPlanStep, planStepLabels, planTotalProblem, type PlanStatus } from '../../../../shared/domain/assets';
import { addDays, daysBetween } from '../../../../shared/lib/dates';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { fundSettingsOf } from '../funds/settings';
import { checkPayUnit } from '../payments/householdMoney';
import { createList, insertLines } from '../payments/service';
import * as repo from './repository';
import { assetPlanStepPeople } from '../../db/jsonColumns';

// 产业收益分配 (S4 篇一.7): 村集体制定分配计划 → 村民代表讨论 → 乡镇审核备案 → 村内公示, then the
// plan is paid through a 收益分配 payment list, so the payee checks, the duplicate rule, the bank
// file and the reconciliation are the same as for every other yuan that reaches people.

const PURPOSE = '收益分配';

function invalid(message: string, field: string): AppError {
  return new AppError('INVALID_INPUT', message, { [field]: message });
}

async function requirePlan(db: repo.Db, id: string) {
  const p = await repo.findPlan(db, id);
  if (!p) throw new AppError('NOT_FOUND', '找不到这份收益分配方案；请刷新');
  return p;
}

export async function createPlan(ctx: HandlerContext, input: ParsedInputOf<'assets.createPlan'>): Promise<OutputOf<'assets.createPlan'>> {
  return ctx.mutate(async (tx, audit) => {
    const a = await repo.findAsset(tx, input.assetId);
    if (!a) throw new AppError('NOT_FOUND', '找不到这项资产；请刷新资产台账');
    if (a.asset_class !== 'operating') throw invalid('只有经营性资产有收益可分配；公益性和到户类资产不制定收益分配方案', 'assetId');
    if (input.date > ctx.today()) throw invalid(`日期 ${input.date} 晚于今天，请填写实际日期`, 'date');
    const existing = await tx.selectFrom('asset_income_plans').select('id').where('asset_id', '=', a.id).where('year', '=', input.year).where('deleted_at', 'is', null).executeTakeFirst();
    if (existing) throw invalid(`该资产 ${input.year} 年已有收益分配方案，一年只制定一份`, 'year');
    const total = input.lines.reduce((s, l) => s + l.amountFen, 0);
    const over = planTotalProblem(total, await repo.incomeOfYear(tx, a.id, input.year), input.year);
    if (over) throw invalid(over, 'lines');
    const seen = new Set<string>();
    const meta = await newRowMeta(ctx);
    await tx.insertInto('asset_income_plans').values({ ...meta, asset_id: a.id, year: input.year, title: input.title, status: 'villageDraft', payment_list_id: null }).execute();
    for (const line of input.lines) {
      const m = await tx.selectFrom('members').select(['id', 'name', 'household_id', 'status']).where('id', '=', line.memberId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!m) throw new AppError('NOT_FOUND', '找不到所选的分配对象，请刷新后重新选择');
      if (m.status !== 'current') throw invalid(`${m.name} 已不在册，不能作为分配对象`, 'lines');
      if (seen.has(m.household_id)) throw invalid(`${m.name} 所在户在方案中出现了两次，每户一行`, 'lines');
      seen.add(m.household_id);
      await checkPayUnit(tx, PURPOSE, m.id);
      await tx
        .insertInto('asset_income_plan_lines')
        .values({ ...(await newRowMeta(ctx)), plan_id: meta.id, household_id: m.household_id, member_id: m.id, basis: line.basis, amount_fen: line.amountFen })
        .execute();
    }
    await tx
      .insertInto('asset_income_plan_steps')
      .values({ ...(await newRowMeta(ctx)), plan_id: meta.id, step: 'villageDraft', step_date: input.date, people: assetPlanStepPeople.encode(input.people), doc_no: null, notice_end: null, note: null })
      .execute();
    await audit.record({
      entity: 'assetIncomePlan',
      entityId: meta.id,
      summary: `资产 ${a.asset_code} 制定 ${input.year} 年收益分配方案「${input.title}」：${input.lines.length} 户，合计 ${formatYuan(total)} 元`,
      before: null,
      after: { ...input },
    });
    return repo.assetDetail(tx, a.id);
  });
}

export async function planStep(ctx: HandlerContext, input: ParsedInputOf<'assets.planStep'>): Promise<OutputOf<'assets.planStep'>> {
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const p = await requirePlan(tx, input.planId);
    await refuseStaleSave(tx, p, input.version, ctx.clock.now(), []);
    const expected = nextPlanStep(p.status as PlanStatus);
    const label = planStepLabels[input.step];
    if (expected !== input.step) {
      throw invalid(expected === null ? '这份方案的步骤已办完' : `下一步应办理「${planStepLabels[expected]}」，不能办理「${label}」`, 'step');
    }
    if (input.step === 'townshipFiling' && user.role === 'clerk') {
      throw new AppError('FORBIDDEN', '「乡镇审核备案」须由审核人或管理员办理；请由审核人登录后办理');
    }
    if (input.date > ctx.today()) throw invalid(`日期 ${input.date} 晚于今天，请填写实际日期`, 'date');
    const last = await tx.selectFrom('asset_income_plan_steps').select('step_date').where('plan_id', '=', p.id).orderBy('step_date', 'desc').executeTakeFirst();
    if (last && input.date < last.step_date) throw invalid(`日期不能早于上一步的日期 ${last.step_date}`, 'date');
    let noticeEnd: string | null = null;
    if (input.step === 'villageNotice') {
      // The same minimum as the project library's 村公示, from the year's funds settings.
      const days = (await fundSettingsOf(tx, p.year)).villageNoticeDays;
      if (input.noticeEnd === null) throw invalid('请填写村内公示的截止日期', 'noticeEnd');
      if (daysBetween(input.date, input.noticeEnd) + 1 < days) {
        throw invalid(`村内公示期不少于 ${days} 天（${p.year} 年资金项目参数），${input.date} 起应公示到 ${addDays(input.date, days - 1)} 或之后`, 'noticeEnd');
      }
      noticeEnd = input.noticeEnd;
    }
    await tx
      .insertInto('asset_income_plan_steps')
      .values({ ...(await newRowMeta(ctx)), plan_id: p.id, step: input.step, step_date: input.date, people: assetPlanStepPeople.encode(input.people), doc_no: input.docNo, notice_end: noticeEnd, note: null })
      .execute();
    await tx.updateTable('asset_income_plans').set({ status: input.step, ...touched(ctx) }).where('id', '=', p.id).execute();
    await audit.record({ entity: 'assetIncomePlan', entityId: p.id, summary: `收益分配方案「${p.title}」办理「${label}」（${input.date}）`, before: { status: p.status }, after: { status: input.step } });
    return repo.assetDetail(tx, p.asset_id);
  });
}

export async function payPlan(ctx: HandlerContext, input: ParsedInputOf<'assets.payPlan'>): Promise<OutputOf<'assets.payPlan'>> {
  return ctx.mutate(async (tx, audit) => {
    const p = await requirePlan(tx, input.planId);
    await refuseStaleSave(tx, p, input.version, ctx.clock.now(), []);
    if (p.status === 'paying') throw new AppError('RULE', '这份方案已生成发放清册，请在发放清册中办理');
    if (p.status !== 'villageNotice') throw new AppError('RULE', '方案须办完「村内公示」后才能生成发放清册');
    const notice = await tx.selectFrom('asset_income_plan_steps').select('notice_end').where('plan_id', '=', p.id).where('step', '=', 'villageNotice').executeTakeFirstOrThrow();
    if (notice.notice_end !== null && ctx.today() <= notice.notice_end) {
      throw new AppError('RULE', `村内公示到 ${notice.notice_end} 结束，请在公示期满后（${addDays(notice.notice_end, 1)} 起）生成发放清册`);
    }
    const a = (await repo.findAsset(tx, p.asset_id))!;
    const listId = await createList(tx, ctx, audit, { purpose: PURPOSE, period: String(p.year), villageId: a.village_id, title: `${p.title}（${a.asset_code}）`, projectId: a.project_id });
    const lines = await repo.planLines(tx, p.id);
    await insertLines(
      tx,
      ctx,
      listId,
      lines.map((l) => ({ memberId: l.member_id, basis: l.basis, amountFen: l.amount_fen })),
    );
    await tx.updateTable('asset_income_plans').set({ status: 'paying', payment_list_id: listId, ...touched(ctx) }).where('id', '=', p.id).execute();
    await audit.record({ entity: 'assetIncomePlan', entityId: p.id, summary: `收益分配方案「${p.title}」生成发放清册（${lines.length} 户）`, before: { status: p.status }, after: { status: 'paying', listId } });
    return { listId };
  });
}
