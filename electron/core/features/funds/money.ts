import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { disbursementStageLabels, projectStatusLabels, yuan, type ProjectStatus } from '../../../../shared/domain/funds';
import { allocationProblem, allocationReversalProblem, closedYearProblem, disbursementProblem, reversalProblem, type StepProblem } from '../../../../shared/domain/fundsRules';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta } from '../../rows';
import * as repo from './repository';
import { fundSettingsOf } from './settings';
import { projectDetail } from './views';

// Allocations (batch → project) and disbursements (project × batch). Both are append-only: the
// invariants are checked inside the writing transaction, so two clerks cannot both take the
// last yuan of a batch; a correction is a reversing row naming the row it undoes.

type Tx = Transaction<DB>;

function refuse(p: StepProblem | null): void {
  if (p) throw new AppError('INVALID_INPUT', p.message, { [p.field]: p.message });
}

async function loadBatch(tx: Tx, id: string) {
  const b = await tx.selectFrom('fund_batches').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!b) throw new AppError('NOT_FOUND', '找不到该资金批次，请刷新后重新选择', { batchId: '找不到该资金批次，请重新选择' });
  return b;
}

async function loadProject(tx: Tx, id: string) {
  const p = await tx.selectFrom('fund_projects').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND', '找不到该项目，请返回项目库台账刷新后重试');
  return p;
}

/** The batch's year must still be open, and the entry's date real and not before what it follows. */
async function checkOpenAndDated(tx: Tx, ctx: HandlerContext, batch: { year: number; issued_date: string; doc_no: string }, date: string, notBefore: { date: string; what: string }): Promise<void> {
  const today = ctx.today();
  refuse(closedYearProblem(batch.year, (await fundSettingsOf(tx, batch.year)).closeDate, today));
  if (date > today) refuse({ message: `日期 ${date} 晚于今天（${today}），请填写实际发生的日期`, field: 'date' });
  if (date < notBefore.date) refuse({ message: `日期不能早于${notBefore.what}（${notBefore.date}），请核对`, field: 'date' });
}

export async function allocate(ctx: HandlerContext, input: ParsedInputOf<'funds.allocate'>): Promise<OutputOf<'funds.allocate'>> {
  return ctx.mutate(async (tx, audit) => {
    const batch = await loadBatch(tx, input.batchId);
    const project = await loadProject(tx, input.projectId);
    if (project.status !== 'inLibrary') {
      refuse({ message: `项目${projectStatusLabels[project.status as ProjectStatus]}，不在项目库中，不能分配资金；项目须先办理「入库公告」`, field: 'projectId' });
    }
    await checkOpenAndDated(tx, ctx, batch, input.date, { date: batch.issued_date, what: `批次 ${batch.doc_no} 的下达日期` });
    const [batchAllocatedFen, projectAllocatedFen] = await Promise.all([repo.sumAllocated(tx, { batchId: batch.id }), repo.sumAllocated(tx, { projectId: project.id })]);
    refuse(allocationProblem({ amountFen: input.amountFen, batchAmountFen: batch.amount_fen, batchAllocatedFen, projectBudgetFen: project.budget_fen, projectAllocatedFen }));
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_allocations')
      .values({ ...meta, batch_id: batch.id, project_id: project.id, entry_date: input.date, amount_fen: input.amountFen, reverses_id: null, note: input.note })
      .execute();
    await audit.record({
      entity: 'fundAllocation',
      entityId: meta.id,
      summary: `从批次 ${batch.doc_no} 分配 ${yuan(input.amountFen)} 元给项目 ${project.project_code} ${project.name}`,
      before: null,
      after: { ...input },
    });
    return projectDetail(tx, project.id, ctx.today());
  });
}

export async function reverseAllocation(ctx: HandlerContext, input: ParsedInputOf<'funds.reverseAllocation'>): Promise<OutputOf<'funds.reverseAllocation'>> {
  return ctx.mutate(async (tx, audit) => {
    const target = await tx.selectFrom('fund_allocations').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!target) throw new AppError('NOT_FOUND', '找不到要冲销的分配记录，请刷新后重试');
    const batch = await loadBatch(tx, target.batch_id);
    await checkOpenAndDated(tx, ctx, batch, input.date, { date: target.entry_date, what: '原分配记录的日期' });
    const already = await tx.selectFrom('fund_allocations').select(['id', 'amount_fen', 'reverses_id']).where('reverses_id', '=', target.id).execute();
    refuse(reversalProblem({ id: target.id, amountFen: target.amount_fen, reversesId: target.reverses_id }, already.map((a) => ({ id: a.id, amountFen: a.amount_fen, reversesId: a.reverses_id }))));
    const pair = { batchId: target.batch_id, projectId: target.project_id };
    const [allocatedFen, disbursedFen] = await Promise.all([repo.sumAllocated(tx, pair), repo.sumDisbursed(tx, pair)]);
    refuse(allocationReversalProblem({ reversedFen: target.amount_fen, allocatedFen, disbursedFen }));
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_allocations')
      .values({ ...meta, batch_id: target.batch_id, project_id: target.project_id, entry_date: input.date, amount_fen: -target.amount_fen, reverses_id: target.id, note: input.note })
      .execute();
    await audit.record({
      entity: 'fundAllocation',
      entityId: meta.id,
      summary: `冲销分配记录（批次 ${batch.doc_no}，${target.entry_date}，${yuan(target.amount_fen)} 元）：${input.note}`,
      before: null,
      after: { reverses: target.id, amountFen: -target.amount_fen },
    });
    return projectDetail(tx, target.project_id, ctx.today());
  });
}

export async function disburse(ctx: HandlerContext, input: ParsedInputOf<'funds.disburse'>): Promise<OutputOf<'funds.disburse'>> {
  return ctx.mutate(async (tx, audit) => {
    const batch = await loadBatch(tx, input.batchId);
    const project = await loadProject(tx, input.projectId);
    if (project.status !== 'inLibrary' && project.status !== 'finished') {
      refuse({ message: `项目${projectStatusLabels[project.status as ProjectStatus]}，不能拨付资金`, field: 'projectId' });
    }
    await checkOpenAndDated(tx, ctx, batch, input.date, { date: batch.issued_date, what: `批次 ${batch.doc_no} 的下达日期` });
    const pair = { batchId: batch.id, projectId: project.id };
    const [allocatedFen, disbursedFen] = await Promise.all([repo.sumAllocated(tx, pair), repo.sumDisbursed(tx, pair)]);
    if (allocatedFen <= 0) refuse({ message: `批次 ${batch.doc_no} 没有分配资金给该项目，请先分配再拨付`, field: 'batchId' });
    refuse(disbursementProblem({ amountFen: input.amountFen, allocatedFen, disbursedFen }));
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_disbursements')
      .values({
        ...meta,
        batch_id: batch.id,
        project_id: project.id,
        entry_date: input.date,
        amount_fen: input.amountFen,
        voucher_no: input.voucherNo,
        payee_kind: input.payeeKind,
        stage: input.stage,
        reverses_id: null,
        note: input.note,
      })
      .execute();
    await audit.record({
      entity: 'fundDisbursement',
      entityId: meta.id,
      summary: `拨付项目 ${project.project_code} ${disbursementStageLabels[input.stage]} ${yuan(input.amountFen)} 元（批次 ${batch.doc_no}，凭证 ${input.voucherNo}）`,
      before: null,
      after: { ...input },
    });
    return projectDetail(tx, project.id, ctx.today());
  });
}

export async function reverseDisbursement(ctx: HandlerContext, input: ParsedInputOf<'funds.reverseDisbursement'>): Promise<OutputOf<'funds.reverseDisbursement'>> {
  return ctx.mutate(async (tx, audit) => {
    const target = await tx.selectFrom('fund_disbursements').selectAll().where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!target) throw new AppError('NOT_FOUND', '找不到要冲销的拨付记录，请刷新后重试');
    const batch = await loadBatch(tx, target.batch_id);
    await checkOpenAndDated(tx, ctx, batch, input.date, { date: target.entry_date, what: '原拨付记录的日期' });
    const already = await tx.selectFrom('fund_disbursements').select(['id', 'amount_fen', 'reverses_id']).where('reverses_id', '=', target.id).execute();
    refuse(reversalProblem({ id: target.id, amountFen: target.amount_fen, reversesId: target.reverses_id }, already.map((a) => ({ id: a.id, amountFen: a.amount_fen, reversesId: a.reverses_id }))));
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('fund_disbursements')
      .values({
        ...meta,
        batch_id: target.batch_id,
        project_id: target.project_id,
        entry_date: input.date,
        amount_fen: -target.amount_fen,
        voucher_no: target.voucher_no,
        payee_kind: target.payee_kind,
        stage: target.stage,
        reverses_id: target.id,
        note: input.note,
      })
      .execute();
    await audit.record({
      entity: 'fundDisbursement',
      entityId: meta.id,
      summary: `冲销拨付记录（凭证 ${target.voucher_no}，${target.entry_date}，${yuan(target.amount_fen)} 元）：${input.note}`,
      before: null,
      after: { reverses: target.id, amountFen: -target.amount_fen },
    });
    return projectDetail(tx, target.project_id, ctx.today());
  });
}
