import type { Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { formatYuan } from '../../../../shared/lib/money';
import {
  duplicateOf,
  isPaid,
  nextPaymentStatus,
  payeeProblem,
  paymentListStatusLabels,
  paymentStepLabels,
  type PaymentListStatus,
} from '../../../../shared/domain/payments';
import { AppError } from '../../../../shared/lib/result';
import type { AuditWriter } from '../audit/writer';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { paymentBuilders } from './documents';
import { readResultSheet, startBankFile } from './bankFile';
import { printDocuments } from '../print/render';
import { checkPayUnit, checkProjectLink, checkWithinDisbursement } from './householdMoney';

type Tx = Transaction<DB>;
type In<C extends ChannelName> = ParsedInputOf<C>;

function rule(message: string, field?: string): AppError {
  return new AppError('RULE', message, field ? { [field]: message } : undefined);
}

async function requireList(db: repo.Db, id: string) {
  const l = await repo.findList(db, id);
  if (!l) throw new AppError('NOT_FOUND', '找不到这份发放清册，可能已被删除；请刷新列表');
  return l;
}

export async function list(ctx: HandlerContext, input: In<'payments.list'>): Promise<OutputOf<'payments.list'>> {
  return repo.selectLists(ctx.db, input);
}

export async function get(ctx: HandlerContext, input: In<'payments.get'>): Promise<OutputOf<'payments.get'>> {
  const [l] = await repo.selectLists(ctx.db, { id: input.id });
  if (!l) throw new AppError('NOT_FOUND', '找不到这份发放清册，可能已被删除；请刷新列表');
  const lines = (await repo.selectLines(ctx.db, input.id)).map(repo.toLine);
  return { list: l, lines };
}

export interface NewList {
  purpose: string;
  period: string;
  villageId: string | null;
  title: string;
  resendOf?: string | null;
  note?: string | null;
  projectId?: string | null;
  disbursementId?: string | null;
}

/** Creates a draft list; used by payments.create, the attendance month, resends and corrections. */
export async function createList(tx: Tx, ctx: HandlerContext, audit: AuditWriter, l: NewList): Promise<string> {
  await checkProjectLink(tx, l.projectId ?? null, l.disbursementId ?? null);
  const meta = await newRowMeta(ctx);
  await tx
    .insertInto('payment_lists')
    .values({
      ...meta,
      purpose: l.purpose,
      period: l.period,
      village_id: l.villageId,
      title: l.title,
      status: 'draft',
      notice_on: null,
      approved_on: null,
      bank_on: null,
      reconciled_on: null,
      resend_of: l.resendOf ?? null,
      note: l.note ?? null,
      project_id: l.projectId ?? null,
      disbursement_id: l.disbursementId ?? null,
    })
    .execute();
  await audit.record({ entity: 'paymentList', entityId: meta.id, summary: `新建发放清册「${l.title}」（${l.purpose}，${l.period}）`, after: { ...l } });
  return meta.id;
}

export interface NewLine {
  memberId: string;
  basis: string;
  amountFen: number;
  reversesLineId?: string | null;
  resendOfLineId?: string | null;
}

/**
 * Adds lines to a draft list, refusing a recipient who is not a current member of an active
 * household today, and a second line for the same purpose × person × period.
 */
export async function insertLines(tx: Tx, ctx: HandlerContext, listId: string, lines: readonly NewLine[]): Promise<string[]> {
  const l = await requireList(tx, listId);
  if (l.status !== 'draft') throw rule(`清册已${paymentListStatusLabels[l.status as PaymentListStatus]}，不能再增加发放行；如需补发，请新建一份清册`);
  const today = ctx.today();
  const originals = lines.filter((x) => !x.reversesLineId);
  const existing = await repo.linesForPurposePeriod(
    tx,
    l.purpose,
    l.period,
    originals.map((x) => x.memberId),
  );
  const standing = existing.map((e) => ({
    id: e.id,
    memberId: e.member_id,
    amountFen: e.amount_fen,
    cancelled: e.result === 'failed' || Number(e.reversed_by ?? 0) > 0,
    isReversal: e.reverses_line_id !== null,
    title: e.title,
  }));
  let order = await repo.maxSortOrder(tx, listId);
  const meta0 = await newRowMeta(ctx);
  const ids: string[] = [];
  for (const line of lines) {
    const m = await repo.findMember(tx, line.memberId);
    if (!m) throw new AppError('NOT_FOUND', '找不到这位人员，可能已被删除；请刷新后重新选择');
    if (line.reversesLineId) {
      // The reversed line stops counting at once, so the corrected amount may follow in this call.
      const reversed = standing.find((s) => s.id === line.reversesLineId);
      if (reversed) reversed.cancelled = true;
    } else {
      const problem = payeeProblem(
        {
          memberName: m.name,
          memberStatus: m.status,
          memberHouseholdId: m.household_id,
          lineHouseholdId: m.household_id,
          householdCode: m.household_code,
          householdStatus: m.household_status,
          householdClosedDate: m.closed_date,
          leftDate: m.left_date,
        },
        today,
        '录入',
      );
      if (problem) throw rule(problem, 'memberId');
      await checkPayUnit(tx, l.purpose, line.memberId);
      const dup = duplicateOf(standing, line.memberId);
      if (dup) {
        const where = standing.find((s) => s === dup)?.title ?? '';
        throw rule(`${m.name} 在「${where}」中已有 ${l.purpose}（${l.period}）的发放行，同一用途、同一人、同一期间只能发放一次；如金额有误，请对原行做更正`, 'memberId');
      }
      standing.push({ id: '', memberId: line.memberId, amountFen: line.amountFen, cancelled: false, isReversal: false, title: l.title });
    }
    order += 1;
    const meta = ids.length === 0 ? meta0 : await newRowMeta(ctx);
    await tx
      .insertInto('payment_lines')
      .values({
        ...meta,
        list_id: listId,
        household_id: m.household_id,
        member_id: line.memberId,
        basis: line.basis,
        amount_fen: line.amountFen,
        reverses_line_id: line.reversesLineId ?? null,
        resend_of_line_id: line.resendOfLineId ?? null,
        result: null,
        result_reason: null,
        sort_order: order,
        measure_id: null,
      })
      .execute();
    ids.push(meta.id);
  }
  return ids;
}

export async function create(ctx: HandlerContext, input: In<'payments.create'>): Promise<OutputOf<'payments.create'>> {
  return ctx.mutate(async (tx, audit) => ({ id: await createList(tx, ctx, audit, input) }));
}

export async function addLine(ctx: HandlerContext, input: In<'payments.addLine'>): Promise<OutputOf<'payments.addLine'>> {
  return ctx.mutate(async (tx, audit) => {
    const [id] = await insertLines(tx, ctx, input.listId, [input]);
    await audit.record({
      entity: 'paymentLine',
      entityId: id!,
      summary: `发放清册增加一行：${input.basis}，${formatYuan(input.amountFen)} 元`,
      after: { listId: input.listId, memberId: input.memberId, amountFen: input.amountFen },
    });
    return { id: id! };
  });
}

export async function removeLine(ctx: HandlerContext, input: In<'payments.removeLine'>): Promise<OutputOf<'payments.removeLine'>> {
  return ctx.mutate(async (tx, audit) => {
    const line = await tx.selectFrom('payment_lines').selectAll().where('id', '=', input.lineId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!line) throw new AppError('NOT_FOUND', '找不到这一发放行，可能已删去；请刷新');
    const l = await requireList(tx, line.list_id);
    if (l.status !== 'draft') {
      throw rule(`清册已${paymentListStatusLabels[l.status as PaymentListStatus]}，不能删去发放行；已发放的金额请用「更正」冲回`);
    }
    await tx
      .updateTable('payment_lines')
      .set({ deleted_at: ctx.nowIso(), delete_reason: input.reason, ...touched(ctx) })
      .where('id', '=', line.id)
      .execute();
    await tx.updateTable('welfare_months').set({ payment_line_id: null, ...touched(ctx) }).where('payment_line_id', '=', line.id).execute();
    await audit.record({ entity: 'paymentLine', entityId: line.id, summary: `从清册「${l.title}」删去一行（${formatYuan(line.amount_fen)} 元）：${input.reason}` });
    return { id: line.id };
  });
}

const reviewerSteps: readonly PaymentListStatus[] = ['notice', 'approved'];

/** 公示 → 审核 → 交银行 → 对账; the payee check runs on the approval and payment dates. */
export async function advance(ctx: HandlerContext, input: In<'payments.advance'>): Promise<OutputOf<'payments.advance'>> {
  const user = ctx.requireUser();
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const l = await requireList(tx, input.id);
    const from = l.status as PaymentListStatus;
    const to = nextPaymentStatus(from);
    if (to === null) throw rule('这份清册已对账完毕，流程已结束');
    const stepName = paymentStepLabels[from as Exclude<PaymentListStatus, 'reconciled'>];
    await refuseStaleSave(tx, l, input.version, ctx.clock.now(), []);
    if (reviewerSteps.includes(from) && user.role === 'clerk') {
      throw new AppError('FORBIDDEN', `「${stepName}」须由审核人或管理员办理（谁签字、谁负责）；请由审核人登录后办理`);
    }
    if (input.date > today) throw rule(`办理日期 ${input.date} 晚于今天（${today}），请填写实际办理的日期`, 'date');
    const previous = [l.notice_on, l.approved_on, l.bank_on].filter((d): d is string => d !== null).sort().pop();
    if (previous && input.date < previous) throw rule(`办理日期 ${input.date} 早于上一步的日期 ${previous}，请核对`, 'date');
    const lines = await repo.selectLines(tx, l.id);
    if (lines.length === 0) throw rule('清册中还没有发放行，请先添加发放对象');
    if (to === 'approved' || to === 'bank') {
      const problems = lines
        .filter((r) => r.reverses_line_id === null)
        .map((r) =>
          payeeProblem(
            {
              memberName: r.name,
              memberStatus: r.member_status,
              memberHouseholdId: r.member_household_id,
              lineHouseholdId: r.household_id,
              householdCode: r.household_code,
              householdStatus: r.household_status,
              householdClosedDate: r.closed_date,
              leftDate: r.left_date,
            },
            input.date,
            stepName,
          ),
        )
        .filter((p): p is string => p !== null);
      if (problems.length > 0) {
        const more = problems.length > 3 ? `等 ${problems.length} 行` : '';
        throw rule(`${problems.slice(0, 3).join('；')}${more}。请退回修改后再${stepName}`);
      }
    }
    if (to === 'bank') {
      await checkWithinDisbursement(tx, l.id, l.disbursement_id);
      const missing = lines.filter((r) => r.amount_fen > 0 && r.account_no === null).map((r) => r.name);
      if (missing.length > 0) {
        throw rule(`${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 人` : ''} 还没有登记银行账号，请先在发放行上登记账号后再交银行`);
      }
    }
    if (to === 'reconciled') {
      const open = lines.filter((r) => r.amount_fen > 0 && r.result === null).length;
      if (open > 0) throw rule(`还有 ${open} 行没有银行结果，请先导入银行回单（结果表）后再对账`);
    }
    const column = ({ notice: 'notice_on', approved: 'approved_on', bank: 'bank_on', reconciled: 'reconciled_on' } as const)[to as Exclude<PaymentListStatus, 'draft'>];
    await tx
      .updateTable('payment_lists')
      .set({ status: to, [column]: input.date, ...touched(ctx) })
      .where('id', '=', l.id)
      .execute();
    await audit.record({
      entity: 'paymentList',
      entityId: l.id,
      summary: `发放清册「${l.title}」${stepName}（${input.date}）：${paymentListStatusLabels[from]} → ${paymentListStatusLabels[to]}`,
      before: { status: from },
      after: { status: to, date: input.date },
    });
    return { id: l.id, status: to };
  });
}

type Counts = { success: number; failed: number };
type ListRow = NonNullable<Awaited<ReturnType<typeof repo.findList>>>;

async function applyResults(tx: Tx, ctx: HandlerContext, audit: AuditWriter, l: ListRow, results: readonly { lineId: string; result: 'success' | 'failed'; reason: string | null }[]) {
  if (l.status !== 'bank') throw rule(`只有「已交银行」的清册才能登记银行结果，这份清册${paymentListStatusLabels[l.status as PaymentListStatus]}`);
  const lines = new Map((await repo.selectLines(tx, l.id)).map((r) => [r.id, r]));
  let success = 0;
  let failed = 0;
  for (const r of results) {
    const line = lines.get(r.lineId);
    if (!line) throw rule('结果表中有不属于这份清册的行，请核对所选的结果表');
    if (r.result === 'failed' && r.reason === null) throw rule(`${line.name} 发放失败，请填写失败原因（如 账号不存在、户名不符）`);
    await tx
      .updateTable('payment_lines')
      .set({ result: r.result, result_reason: r.result === 'failed' ? r.reason : null, ...touched(ctx) })
      .where('id', '=', r.lineId)
      .execute();
    if (r.result === 'success') success += 1;
    else failed += 1;
  }
  await audit.record({ entity: 'paymentList', entityId: l.id, summary: `登记「${l.title}」银行结果：成功 ${success} 行，失败 ${failed} 行` });
  return { success, failed };
}

export async function recordResults(ctx: HandlerContext, input: In<'payments.recordResults'>): Promise<Counts> {
  return ctx.mutate(async (tx, audit) => applyResults(tx, ctx, audit, await requireList(tx, input.id), input.results));
}

export async function importResults(ctx: HandlerContext, input: In<'payments.importResults'>): Promise<Counts> {
  const l = await requireList(ctx.db, input.id);
  const lines = await repo.selectLines(ctx.db, l.id);
  const results = await readResultSheet(ctx, input.fileId, lines);
  return ctx.mutate(async (tx, audit) => applyResults(tx, ctx, audit, await requireList(tx, input.id), results));
}

export function bankFile(ctx: HandlerContext, input: In<'payments.bankFile'>): OutputOf<'payments.bankFile'> {
  return { jobId: startBankFile(ctx, input.id) };
}

export async function resendFailed(ctx: HandlerContext, input: In<'payments.resendFailed'>): Promise<OutputOf<'payments.resendFailed'>> {
  return ctx.mutate(async (tx, audit) => {
    const l = await requireList(tx, input.id);
    if (l.status !== 'reconciled') throw rule('请先完成对账，再重发失败的行');
    const lines = await repo.selectLines(tx, l.id);
    const already = await tx
      .selectFrom('payment_lines')
      .select('resend_of_line_id')
      .where('resend_of_line_id', 'in', lines.map((r) => r.id).concat(['-']))
      .where('deleted_at', 'is', null)
      .execute();
    const resent = new Set(already.map((r) => r.resend_of_line_id));
    const failed = lines.filter((r) => r.result === 'failed' && !resent.has(r.id));
    if (failed.length === 0) throw rule('这份清册没有尚未重发的失败行');
    const listId = await createList(tx, ctx, audit, {
      purpose: l.purpose,
      period: l.period,
      villageId: l.village_id,
      title: `${l.title}（失败重发）`,
      resendOf: l.id,
      projectId: l.project_id,
      disbursementId: l.disbursement_id,
    });
    await insertLines(
      tx,
      ctx,
      listId,
      failed.map((r) => ({ memberId: r.member_id, basis: r.basis, amountFen: r.amount_fen, resendOfLineId: r.id })),
    );
    await audit.record({ entity: 'paymentList', entityId: listId, summary: `「${l.title}」的 ${failed.length} 行失败记录转入新清册重发` });
    return { listId, lines: failed.length };
  });
}

export async function correct(ctx: HandlerContext, input: In<'payments.correct'>): Promise<OutputOf<'payments.correct'>> {
  return ctx.mutate(async (tx, audit) => {
    const line = await tx.selectFrom('payment_lines').selectAll().where('id', '=', input.lineId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!line) throw new AppError('NOT_FOUND', '找不到这一发放行；请刷新');
    const l = await requireList(tx, line.list_id);
    if (!isPaid(l.status as PaymentListStatus)) throw rule('清册还没有交银行，金额有误请直接删去此行后重新添加');
    if (line.reverses_line_id !== null) throw rule('这是一条冲回行，不能再更正');
    if (line.result === 'failed') throw rule('这一行银行发放失败，钱没有发出，不需要冲回；请用「失败重发」');
    const reversed = await tx.selectFrom('payment_lines').select('id').where('reverses_line_id', '=', line.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (reversed) throw rule('这一行已经冲回过，不能重复冲回');
    if (input.correctFen === line.amount_fen) throw rule('更正后的金额与原金额相同，无需更正');
    const listId = await createList(tx, ctx, audit, {
      purpose: l.purpose,
      period: l.period,
      villageId: l.village_id,
      title: `${l.title}（更正）`,
      note: input.reason,
      projectId: l.project_id,
      disbursementId: l.disbursement_id,
    });
    const lines: NewLine[] = [{ memberId: line.member_id, basis: `冲回：${input.reason}`, amountFen: -line.amount_fen, reversesLineId: line.id }];
    if (input.correctFen > 0) lines.push({ memberId: line.member_id, basis: `更正：${input.reason}`, amountFen: input.correctFen });
    await insertLines(tx, ctx, listId, lines);
    await audit.record({
      entity: 'paymentLine',
      entityId: line.id,
      summary: `更正已发放行：冲回 ${formatYuan(line.amount_fen)} 元${input.correctFen > 0 ? `，按 ${formatYuan(input.correctFen)} 元重新发放` : ''}（${input.reason}）`,
    });
    return { listId };
  });
}

export async function print(ctx: HandlerContext, input: In<'payments.print'>): Promise<OutputOf<'payments.print'>> {
  const l = await requireList(ctx.db, input.id);
  const doc = await paymentBuilders[input.kind].build(ctx, l.id);
  const jobId = ctx.jobs.start('payments.print', async (control) => printDocuments(ctx, [doc], { fileName: `${doc.title}.html`, control }));
  return { jobId };
}
