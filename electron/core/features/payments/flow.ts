import type { Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { formatYuan } from '../../../../shared/lib/money';
import {
  isPaid,
  nextPaymentStatus,
  payeeProblem,
  paymentListStatusLabels,
  paymentStepLabels,
  type PaymentListStatus,
} from '../../../../shared/domain/payments';
import { AppError } from '../../../../shared/lib/result';
import type { AuditWriter } from '../../auditWriter';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { paymentBuilders } from './documents';
import { readResultSheet, startBankFile } from './bankFile';
import { printDocuments } from '../print/render';
import { type NewLine, createList, insertLines, requireList, rule } from './lists';
import { checkWithinDisbursement } from './householdMoney';

type Counts = { success: number; failed: number };

type Tx = Transaction<DB>;
type In<C extends ChannelName> = ParsedInputOf<C>;

// A list's way 公示 → 审核 → 交银行 → 对账: its steps, the bank file and its results, resending the
// failed lines, correcting a paid line, and printing.

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

export async function bankRows(ctx: HandlerContext, input: In<'payments.bankRows'>): Promise<OutputOf<'payments.bankRows'>> {
  const l = await requireList(ctx.db, input.id);
  if (l.status !== 'approved' && l.status !== 'bank') throw rule('只有审核通过的清册才能导出银行代发文件');
  const lines = await repo.selectLines(ctx.db, l.id);
  return lines
    .filter((r) => r.amount_fen > 0 && r.result === null)
    .map((r) => ({ lineId: r.id, name: r.name, idNumber: r.id_number, bankName: r.bank_name ?? '', accountNo: r.account_no ?? '', amountFen: r.amount_fen }));
}

export async function print(ctx: HandlerContext, input: In<'payments.print'>): Promise<OutputOf<'payments.print'>> {
  const l = await requireList(ctx.db, input.id);
  const doc = await paymentBuilders[input.kind].build(ctx, l.id);
  const jobId = ctx.jobs.start('payments.print', async (control) => printDocuments(ctx, [doc], { fileName: `${doc.title}.html`, control }));
  return { jobId };
}
