import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { assetClassLabels, assetEventKindLabels, assetStatusLabels, valueSourcesProblem } from '../../../../shared/domain/assets';
import { projectSteps, type ProjectStep } from '../../../../shared/domain/funds';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { assetValueSources } from '../../db/jsonColumns';

// 项目资产: an asset comes from a project that has reached 完工 (资产确权移交 follows 验收, but the
// county often registers the asset as soon as it stands); events are append-only and a disposal
// ends the asset's life in the ledger.

function invalid(message: string, field: string): AppError {
  return new AppError('INVALID_INPUT', message, { [field]: message });
}

const formedSteps: readonly ProjectStep[] = projectSteps.slice(projectSteps.indexOf('complete'));

export async function list(ctx: HandlerContext, input: ParsedInputOf<'assets.list'>): Promise<OutputOf<'assets.list'>> {
  const [total, rows] = await Promise.all([repo.countAssets(ctx.db, input), repo.selectAssets(ctx.db, input)]);
  return { total, rows };
}

export async function get(ctx: HandlerContext, input: ParsedInputOf<'assets.get'>): Promise<OutputOf<'assets.get'>> {
  if (!(await repo.findAsset(ctx.db, input.id))) throw new AppError('NOT_FOUND', '找不到这项资产，可能已被删除；请刷新资产台账');
  return repo.assetDetail(ctx.db, input.id);
}

export async function create(ctx: HandlerContext, input: ParsedInputOf<'assets.create'>): Promise<OutputOf<'assets.create'>> {
  return ctx.mutate(async (tx, audit) => {
    const p = await tx.selectFrom('fund_projects').selectAll().where('id', '=', input.projectId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND', '找不到所选项目，请刷新项目库后重新选择', { projectId: '找不到该项目' });
    const formed = p.status === 'finished' || (p.last_step !== null && formedSteps.includes(p.last_step as ProjectStep));
    if (!formed) throw invalid(`项目 ${p.project_code} 还没有办理「完工」，不能登记资产；请在项目完工后登记`, 'projectId');
    if (input.formedDate > ctx.today()) throw invalid(`形成日期 ${input.formedDate} 晚于今天，请填写实际日期`, 'formedDate');
    const sources = valueSourcesProblem(input.valueFen, input.valueSources);
    if (sources) throw invalid(sources, 'valueSources');
    const year = input.formedDate.slice(0, 4);
    const n = await tx.selectFrom('project_assets').select((eb) => eb.fn.countAll<number>().as('n')).where('asset_code', 'like', `ZC${year}-%`).executeTakeFirst();
    const code = `ZC${year}-${String(Number(n?.n ?? 0) + 1).padStart(4, '0')}`;
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('project_assets')
      .values({
        ...meta,
        asset_code: code,
        name: input.name,
        asset_class: input.assetClass,
        project_id: p.id,
        formed_date: input.formedDate,
        village_id: input.villageId,
        quantity: input.quantity,
        value_fen: input.valueFen,
        value_sources: assetValueSources.encode(input.valueSources),
        owner_level: input.ownerLevel,
        owner_name: input.ownerName,
        operator: input.operator,
        caretaker: input.caretaker,
        caretaker_person: input.caretakerPerson,
        status: 'inUse',
      })
      .execute();
    await audit.record({
      entity: 'projectAsset',
      entityId: meta.id,
      summary: `登记项目资产 ${code} ${input.name}（${assetClassLabels[input.assetClass]}，原值 ${formatYuan(input.valueFen)} 元，来自项目 ${p.project_code}）`,
      before: null,
      after: { ...input },
    });
    return repo.assetDetail(tx, meta.id);
  });
}

export async function update(ctx: HandlerContext, input: ParsedInputOf<'assets.update'>): Promise<OutputOf<'assets.update'>> {
  return ctx.mutate(async (tx, audit) => {
    const a = await repo.findAsset(tx, input.id);
    if (!a) throw new AppError('NOT_FOUND', '找不到这项资产；请刷新资产台账');
    const labels = { ownerName: '所有权人', operator: '经营主体', caretaker: '管护主体', caretakerPerson: '管护责任人', status: '状态' } as const;
    const before = { ownerName: a.owner_name, operator: a.operator, caretaker: a.caretaker, caretakerPerson: a.caretaker_person, status: a.status };
    const differing = (Object.keys(labels) as (keyof typeof labels)[]).filter((k) => before[k] !== input[k]).map((k) => ({ path: k, label: labels[k] }));
    await refuseStaleSave(tx, a, input.version, ctx.clock.now(), differing);
    if (a.status === 'disposed') throw new AppError('RULE', '这项资产已处置，不能再修改');
    await tx
      .updateTable('project_assets')
      .set({ owner_name: input.ownerName, operator: input.operator, caretaker: input.caretaker, caretaker_person: input.caretakerPerson, status: input.status, ...touched(ctx) })
      .where('id', '=', a.id)
      .execute();
    await audit.record({
      entity: 'projectAsset',
      entityId: a.id,
      summary: `修改资产 ${a.asset_code} ${a.name} 的管护与经营信息（${assetStatusLabels[input.status]}）`,
      before,
      after: { ownerName: input.ownerName, operator: input.operator, caretaker: input.caretaker, caretakerPerson: input.caretakerPerson, status: input.status },
    });
    return repo.assetDetail(tx, a.id);
  });
}

export async function addEvent(ctx: HandlerContext, input: ParsedInputOf<'assets.addEvent'>): Promise<OutputOf<'assets.addEvent'>> {
  return ctx.mutate(async (tx, audit) => {
    const a = await repo.findAsset(tx, input.assetId);
    if (!a) throw new AppError('NOT_FOUND', '找不到这项资产；请刷新资产台账');
    if (a.status === 'disposed') throw new AppError('RULE', `资产 ${a.asset_code} 已处置，不能再登记事项`);
    if (input.date > ctx.today()) throw invalid(`日期 ${input.date} 晚于今天，请填写实际发生的日期`, 'date');
    if (input.date < a.formed_date) throw invalid(`日期不能早于资产形成日期 ${a.formed_date}`, 'date');
    if (input.kind === 'disposal' && input.decision === null) throw invalid('处置须填写处置决定（会议或批复文号）', 'decision');
    if (input.kind === 'disposal' && input.note === null) throw invalid('处置须说明原因和处置方式', 'note');
    if (input.kind !== 'disposal' && input.amountFen === 0) throw invalid('金额应大于 0 元', 'amountFen');
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('asset_events')
      .values({ ...meta, asset_id: a.id, kind: input.kind, event_date: input.date, year: Number(input.date.slice(0, 4)), amount_fen: input.amountFen, decision: input.decision, note: input.note })
      .execute();
    if (input.kind === 'disposal') await tx.updateTable('project_assets').set({ status: 'disposed', ...touched(ctx) }).where('id', '=', a.id).execute();
    await audit.record({
      entity: 'assetEvent',
      entityId: meta.id,
      summary: `资产 ${a.asset_code} ${a.name} 登记${assetEventKindLabels[input.kind]}：${formatYuan(input.amountFen)} 元（${input.date}）`,
      before: null,
      after: { ...input },
    });
    return repo.assetDetail(tx, a.id);
  });
}
