import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { measureEditFieldLabels, type Measure, type MeasureType } from '../../../../shared/contract/measures';
import { riskCoverage } from '../../../../shared/domain/coverage';
import { measureStatusLabels, type CaseStatus, type MeasureStatus } from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { Transaction } from 'kysely';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { AuditWriter } from '../../auditWriter';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { ensureMeasureCatalog } from './catalog';
import * as repo from './repository';
import { checkAmount, isEditableCase, requireActiveType, requireCase, requireEditableCase, resolveRisks } from './rules';
import { CANCEL_MARK, measureView, riskNames, sortRisks, toMeasure, toMeasureType } from './shapes';
import { measureRisks } from '../../db/jsonColumns';

// A case's plan: its measures and their coverage of the open risks; add; edit or move a measure
// 计划中 → 落实中 → 已落实, or cancel it with a reason.

export async function forCase(ctx: HandlerContext, input: ParsedInputOf<'measures.forCase'>): Promise<OutputOf<'measures.forCase'>> {
  await ensureMeasureCatalog(ctx);
  const c = await requireCase(ctx, input.caseId);
  const openRisks = sortRisks(await repo.openRisksOf(ctx.db, c.id));
  const measures = (await repo.measuresOfCase(ctx.db, c.id)).map(toMeasure);
  const coverage = riskCoverage(openRisks, measures);
  const planOverdue =
    c.status === 'monitoring' && c.plan_due_date !== null && ctx.today() > c.plan_due_date && coverage.some((r) => !r.covered);
  return {
    caseId: c.id,
    householdId: c.household_id,
    caseStatus: c.status as CaseStatus,
    editable: isEditableCase(c.status),
    openRisks,
    defaultHelperName: c.helper_name ?? c.household_helper_name,
    planDueDate: c.plan_due_date,
    planOverdue,
    measures,
    coverage,
  };
}

export async function create(ctx: HandlerContext, input: ParsedInputOf<'measures.create'>): Promise<Measure> {
  await ensureMeasureCatalog(ctx);
  const id = await ctx.mutate((tx, audit) => createInTx(ctx, tx, audit, input));
  return toMeasure((await repo.findMeasure(ctx.db, id))!);
}

/**
 * Adds a measure inside the caller's transaction (measures.create, and the 帮扶措施台账 import,
 * which writes a whole file in one transaction under the same rules). Returns the new id.
 */
export async function createInTx(ctx: HandlerContext, tx: Transaction<DB>, audit: AuditWriter, input: ParsedInputOf<'measures.create'>): Promise<string> {
  const c = await repo.findCase(tx, input.caseId);
  if (!c) throw new AppError('NOT_FOUND', '找不到该监测对象，可能已被删除，请刷新后重试');
  requireEditableCase(c);
  const type = await requireActiveType(tx, input.measureTypeCode);
  const open = sortRisks(await repo.openRisksOf(tx, c.id));
  const risks = resolveRisks(type, input.riskTypes, open);
  checkAmount(type, input.amountFen);
  const meta = await newRowMeta(ctx);
  await tx
    .insertInto('measures')
    .values({
      ...meta,
      case_id: c.id,
      household_id: c.household_id,
      measure_type_code: type.code,
      risk_types: measureRisks.encode(risks),
      responsible_unit: input.responsibleUnit,
      helper_name: input.helperName ?? c.helper_name ?? c.household_helper_name,
      planned_date: input.plannedDate,
      done_date: null,
      status: 'planned',
      amount_fen: input.amountFen ?? null,
      note: input.note,
    })
    .execute();
  const created = toMeasure((await repo.findMeasure(tx, meta.id))!);
  await audit.record({
    entity: 'measure',
    entityId: meta.id,
    summary: `为${c.head_name}户（${c.case_code}）制定帮扶措施：${type.name}（解决${riskNames(risks)}）`,
    before: null,
    after: measureView(created),
  });
  return meta.id;
}

const forward: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  planned: ['inProgress', 'done', 'cancelled'],
  inProgress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export async function update(ctx: HandlerContext, input: ParsedInputOf<'measures.update'>): Promise<Measure> {
  await ensureMeasureCatalog(ctx);
  await ctx.mutate((tx, audit) => updateInTx(ctx, tx, audit, input));
  return toMeasure((await repo.findMeasure(ctx.db, input.id))!);
}

/** Edits or moves a measure inside the caller's transaction (measures.update; the import marks measures done with it). */
export async function updateInTx(ctx: HandlerContext, tx: Transaction<DB>, audit: AuditWriter, input: ParsedInputOf<'measures.update'>): Promise<void> {
  const record = await repo.findMeasure(tx, input.id);
  if (!record) throw new AppError('NOT_FOUND', '找不到该帮扶措施，可能已被删除，请刷新后重试');
  const before = toMeasure(record);
  const c = await repo.findCase(tx, record.case_id);
  if (!c) throw new AppError('NOT_FOUND', '找不到该措施所属的监测对象，请刷新后重试');
  requireEditableCase(c);
  // A stale form is told who changed the measure before any rule about its current state.
  const differing = (Object.keys(measureEditFieldLabels) as (keyof typeof measureEditFieldLabels)[])
    .filter((k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]))
    .map((k) => ({ path: k, label: measureEditFieldLabels[k] }));
  if (differing.length > 0) await refuseStaleSave(tx, record, input.version, ctx.clock.now(), differing);
  if (before.status === 'cancelled') throw new AppError('RULE', '该措施已取消，不能再修改；如需要请重新添加一条措施');

  const target = input.status ?? before.status;
  if (target !== before.status && !forward[before.status].includes(target)) {
    throw new AppError(
      'RULE',
      `措施状态不能从"${measureStatusLabels[before.status]}"改为"${measureStatusLabels[target]}"（只能 计划中 → 落实中 → 已落实，或取消）`,
      { status: '不能这样改状态' },
    );
  }
  if (before.status === 'done') {
    const locked = (['measureTypeCode', 'riskTypes', 'responsibleUnit', 'helperName', 'plannedDate'] as const).filter(
      (k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]),
    );
    if (locked.length > 0) {
      throw new AppError('RULE', '已落实的措施只能修改落实日期、金额和备注', Object.fromEntries(locked.map((k) => [k, '已落实的措施不能修改此项'])));
    }
  }
  if (input.doneDate !== undefined && target !== 'done') {
    throw new AppError('INVALID_INPUT', '只有标记为已落实时才填写落实日期', { doneDate: '未落实的措施不填落实日期' });
  }
  const doneDate = target === 'done' ? (input.doneDate ?? before.doneDate) : null;
  if (doneDate !== null && doneDate > ctx.today()) {
    throw new AppError('INVALID_INPUT', `落实日期不能晚于今天（${ctx.today()}）`, { doneDate: '不能晚于今天' });
  }

  let type: MeasureType;
  if (input.measureTypeCode !== undefined && input.measureTypeCode.toUpperCase() !== before.measureTypeCode) {
    type = await requireActiveType(tx, input.measureTypeCode);
  } else {
    const current = await repo.findType(tx, before.measureTypeCode);
    type = current
      ? toMeasureType(current)
      : { code: before.measureTypeCode, family: before.family, name: before.typeName, riskTypes: [], hasAmount: before.hasAmount, sortOrder: 0, active: false, usedCount: 0, version: 1 };
  }
  let risks = before.riskTypes;
  const typeChanged = type.code !== before.measureTypeCode;
  if (input.riskTypes !== undefined || typeChanged) {
    const open = sortRisks(await repo.openRisksOf(tx, c.id));
    risks = resolveRisks(type, input.riskTypes, open);
  }
  let amountFen = input.amountFen === undefined ? before.amountFen : input.amountFen;
  if (input.amountFen !== undefined) checkAmount(type, input.amountFen);
  if (!type.hasAmount) amountFen = null;

  const note = input.note === undefined ? before.note : input.note;
  const cancelReason = target === 'cancelled' ? (input.cancelReason ?? null) : null;
  const storedNote = cancelReason === null ? note : `${note === null ? '' : `${note}\n`}${CANCEL_MARK}${cancelReason}`;

  await tx
    .updateTable('measures')
    .set({
      measure_type_code: type.code,
      risk_types: measureRisks.encode(risks),
      responsible_unit: input.responsibleUnit ?? before.responsibleUnit,
      helper_name: input.helperName === undefined ? before.helperName : input.helperName,
      planned_date: input.plannedDate ?? before.plannedDate,
      done_date: doneDate,
      status: target,
      amount_fen: amountFen,
      note: storedNote,
      ...touched(ctx),
    })
    .where('id', '=', record.id)
    .execute();
  const after = toMeasure((await repo.findMeasure(tx, record.id))!);
  const what =
    target !== before.status
      ? target === 'cancelled'
        ? `取消帮扶措施（${cancelReason ?? ''}）`
        : `帮扶措施改为${measureStatusLabels[target]}${target === 'done' ? `（${doneDate ?? ''}）` : ''}`
      : '修改帮扶措施';
  await audit.record({
    entity: 'measure',
    entityId: record.id,
    summary: `${c.head_name}户（${c.case_code}）${what}：${after.typeName}`,
    before: measureView(before),
    after: measureView(after),
  });
}
