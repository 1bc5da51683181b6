import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { loanEventKindLabels } from '../../../../shared/domain/loans';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta } from '../../rows';
import * as repo from './repository';
import { loanView } from './service';

// Repayments and 贴息 are append-only: a wrong entry is reversed by one with the negated amounts
// that names it, so the balance on any day can be shown with its history.

export function addEvent(ctx: HandlerContext, input: ParsedInputOf<'loans.addEvent'>): Promise<OutputOf<'loans.addEvent'>> {
  const today = ctx.today();
  if (input.eventDate > today) {
    const msg = `日期 ${input.eventDate} 晚于今天（${today}），请按实际发生的日期填写`;
    throw new AppError('INVALID_INPUT', msg, { eventDate: msg });
  }
  return ctx.mutate(async (tx, audit) => {
    const loan = await repo.findLoanRow(tx, input.loanId);
    if (!loan) throw new AppError('NOT_FOUND', '找不到该笔贷款，可能已被删除，请刷新后重试');
    if (input.eventDate < loan.loan_date) {
      const msg = `日期早于放款日（${loan.loan_date}），请核对`;
      throw new AppError('INVALID_INPUT', msg, { eventDate: msg });
    }
    const meta = await newRowMeta(ctx);
    let summary: string;
    if (input.kind === 'repayment') {
      if (input.principalFen === 0 && input.interestFen === 0) {
        const msg = '请填写归还的本金或支付的利息';
        throw new AppError('INVALID_INPUT', msg, { principalFen: msg });
      }
      const events = await repo.loanEvents(tx, loan.id);
      const owed = loan.amount_fen - events.reduce((sum, e) => sum + e.principal_fen, 0);
      if (input.principalFen > owed) {
        const msg = `归还本金 ${formatYuan(input.principalFen)} 元超过尚欠本金 ${formatYuan(owed)} 元，请核对`;
        throw new AppError('INVALID_INPUT', msg, { principalFen: msg });
      }
      await tx
        .insertInto('loan_events')
        .values({ ...meta, loan_id: loan.id, kind: 'repayment', event_date: input.eventDate, principal_fen: input.principalFen, interest_fen: input.interestFen, subsidy_fen: 0, subsidy_year: null, reverses_id: null, note: input.note })
        .execute();
      summary = `小额信贷 ${loan.contract_no} 还款：本金 ${formatYuan(input.principalFen)} 元，利息 ${formatYuan(input.interestFen)} 元（${input.eventDate}）`;
    } else {
      await tx
        .insertInto('loan_events')
        .values({ ...meta, loan_id: loan.id, kind: 'subsidy', event_date: input.eventDate, principal_fen: 0, interest_fen: 0, subsidy_fen: input.subsidyFen, subsidy_year: input.subsidyYear, reverses_id: null, note: input.note })
        .execute();
      summary = `小额信贷 ${loan.contract_no} ${input.subsidyYear} 年度贴息 ${formatYuan(input.subsidyFen)} 元（${input.eventDate}）`;
    }
    await audit.record({ entity: 'loanEvent', entityId: meta.id, summary, before: null, after: input as unknown as Record<string, unknown> });
    return loanView(tx, ctx, loan.id);
  });
}

export function reverseEvent(ctx: HandlerContext, input: ParsedInputOf<'loans.reverseEvent'>): Promise<OutputOf<'loans.reverseEvent'>> {
  return ctx.mutate(async (tx, audit) => {
    const event = await tx.selectFrom('loan_events').selectAll().where('id', '=', input.eventId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!event) throw new AppError('NOT_FOUND', '找不到该条记录，可能已被冲销，请刷新后重试');
    if (event.reverses_id !== null) throw new AppError('RULE', '这是一条冲销记录，不能再冲销；如需更正请重新登记');
    const already = await tx.selectFrom('loan_events').select('id').where('reverses_id', '=', event.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (already) throw new AppError('RULE', '该条记录已经冲销过了');
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('loan_events')
      .values({
        ...meta,
        loan_id: event.loan_id,
        kind: event.kind,
        event_date: ctx.today(),
        principal_fen: -event.principal_fen,
        interest_fen: -event.interest_fen,
        subsidy_fen: -event.subsidy_fen,
        subsidy_year: event.subsidy_year,
        reverses_id: event.id,
        note: input.reason,
      })
      .execute();
    const amount = event.kind === 'repayment' ? event.principal_fen + event.interest_fen : event.subsidy_fen;
    await audit.record({
      entity: 'loanEvent',
      entityId: meta.id,
      summary: `冲销 ${event.event_date} 的${loanEventKindLabels[event.kind]} ${formatYuan(amount)} 元：${input.reason}`,
      before: null,
      after: { reverses: event.id, reason: input.reason },
    });
    return loanView(tx, ctx, event.loan_id);
  });
}
