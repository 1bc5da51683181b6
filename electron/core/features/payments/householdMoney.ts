import { sql, type Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { householdPurpose, payUnitProblem } from '../../../../shared/domain/householdMoney';
import { incomeCategoryLabels } from '../../../../shared/domain/income';
import { isPaid, type LineResult, type PaymentListStatus } from '../../../../shared/domain/payments';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { touched } from '../../rows';
import { tickMeasure } from '../measures/tick';
import type { Db } from './repository';

// 到户资金 (issue 13 item 4): the rules a payment list gains when it pays money to households —
// 按户 lines go to the 户主, a list paying a project's money stays within the disbursement it
// spends — and what a paid line does afterwards: it ticks the household's matching measure and
// shows, with its income category, on the household page.

type Tx = Transaction<DB>;

function rule(message: string, field?: string): AppError {
  return new AppError('RULE', message, field ? { [field]: message } : undefined);
}

/** A 按户 purpose pays the head: refuse any other member on the line. */
export async function checkPayUnit(db: Db, purpose: string, memberId: string): Promise<void> {
  const p = householdPurpose(purpose);
  if (!p || p.unit !== 'household') return;
  const m = await db.selectFrom('members').select(['name', 'relation']).where('id', '=', memberId).executeTakeFirst();
  const problem = m ? payUnitProblem(p, m.relation, m.name) : null;
  if (problem) throw rule(problem, 'memberId');
}

/** A list may pay project money: the project must exist and the disbursement be its own, to households. */
export async function checkProjectLink(db: Db, projectId: string | null, disbursementId: string | null): Promise<void> {
  if (projectId === null) {
    if (disbursementId !== null) throw rule('选择了拨付记录却没有选择项目，请先选择项目', 'projectId');
    return;
  }
  const p = await db.selectFrom('fund_projects').select(['id', 'status']).where('id', '=', projectId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND', '找不到所选项目，请刷新项目库后重新选择', { projectId: '找不到该项目' });
  if (disbursementId === null) return;
  const d = await db.selectFrom('fund_disbursements').selectAll().where('id', '=', disbursementId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!d || d.project_id !== projectId) throw rule('所选拨付记录不属于这个项目，请重新选择', 'disbursementId');
  if (d.reverses_id !== null || d.amount_fen <= 0) throw rule('不能选择冲销记录，请选择原拨付记录', 'disbursementId');
  if (d.payee_kind !== 'household') throw rule('这笔拨付的收款方不是「农户（清册发放）」，不能通过发放清册发放；请选择拨付给农户的记录', 'disbursementId');
}

/** Σ of money sent (lines not failed, reversals included) of the lists spending a disbursement that are with the bank, and of `listId`. */
async function spentOf(db: Db, disbursementId: string, listId: string): Promise<number> {
  const r = await db
    .selectFrom('payment_lines as p')
    .innerJoin('payment_lists as l', 'l.id', 'p.list_id')
    .select(sql<number>`coalesce(sum(p.amount_fen), 0)`.as('t'))
    .where('l.disbursement_id', '=', disbursementId)
    .where((eb) => eb.or([eb('l.id', '=', listId), eb('l.status', 'in', ['bank', 'reconciled'])]))
    .where('l.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('p.result', 'is', null), eb('p.result', '!=', 'failed')]))
    .executeTakeFirst();
  return Number(r?.t ?? 0);
}

/** Before 交银行: the lists spending a disbursement never send more than it paid out (net of its reversals). */
export async function checkWithinDisbursement(tx: Tx, listId: string, disbursementId: string | null): Promise<void> {
  if (disbursementId === null) return;
  const d = await tx.selectFrom('fund_disbursements').select(['id', 'amount_fen', 'voucher_no']).where('id', '=', disbursementId).executeTakeFirstOrThrow();
  const reversed = await tx.selectFrom('fund_disbursements').select(sql<number>`coalesce(sum(amount_fen), 0)`.as('t')).where('reverses_id', '=', d.id).executeTakeFirst();
  const net = d.amount_fen + Number(reversed?.t ?? 0);
  const spent = await spentOf(tx, d.id, listId);
  if (spent > net) {
    throw rule(`使用拨付记录（凭证 ${d.voucher_no}）的清册合计 ${formatYuan(spent)} 元，超过这笔拨付的 ${formatYuan(net)} 元；请核减发放金额或另办拨付`);
  }
}

interface LineToTick {
  id: string;
  household_id: string;
  amount_fen: number;
  name: string;
}

/** Ticks one line's measure (measures/tick.ts); returns the measure's id (or null) and a sentence for the clerk. */
async function tickOne(ctx: HandlerContext, code: string, purpose: string, line: LineToTick, date: string): Promise<{ measureId: string | null; note: string | null }> {
  const o = await tickMeasure(ctx, {
    householdId: line.household_id,
    code,
    plannedDate: date,
    doneDate: date,
    amountFen: line.amount_fen,
    note: `由发放清册登记：${purpose}`,
    addToDone: true,
  });
  switch (o.kind) {
    case 'noCase':
    case 'alreadyDone':
      return { measureId: null, note: null };
    case 'accumulated':
      return { measureId: o.measureId, note: `${line.name}：监测对象 ${o.caseCode} 的 ${code} 措施累计金额 ${formatYuan(o.amountFen)} 元` };
    case 'ticked':
      return { measureId: o.measureId, note: `${line.name}：监测对象 ${o.caseCode} 的 ${code} 措施已标记为已落实` };
    case 'created':
      return { measureId: o.measureId, note: `${line.name}：已为监测对象 ${o.caseCode} 登记并落实 ${code} 措施` };
    case 'refused':
      return { measureId: null, note: `${line.name}：未能登记 ${code} 帮扶措施：${o.message}` };
  }
}

/**
 * After the bank's results: each successful line of a 到户 purpose ticks its measure once (the
 * line keeps the measure's id). A refused tick is undone alone (measures/tick.ts), like the
 * employment link: the results stand even when a case's plan cannot take the measure, and the clerk is told.
 */
export async function tickPaidLines(ctx: HandlerContext, listId: string): Promise<string[]> {
  const l = await ctx.db.selectFrom('payment_lists').select(['purpose', 'bank_on']).where('id', '=', listId).executeTakeFirst();
  const p = l ? householdPurpose(l.purpose) : undefined;
  if (!l || !p) return [];
  const lines = await ctx.db
    .selectFrom('payment_lines as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select(['p.id', 'p.household_id', 'p.amount_fen', 'm.name'])
    .where('p.list_id', '=', listId)
    .where('p.deleted_at', 'is', null)
    .where('p.result', '=', 'success')
    .where('p.measure_id', 'is', null)
    .where('p.amount_fen', '>', 0)
    .execute();
  const date = l.bank_on ?? ctx.today();
  const notes: string[] = [];
  for (const line of lines) {
    const { measureId, note } = await tickOne(ctx, p.measureCode, l.purpose, line, date);
    if (note) notes.push(note);
    if (measureId) {
      await ctx.mutate(async (tx, audit) => {
        await tx.updateTable('payment_lines').set({ measure_id: measureId, ...touched(ctx) }).where('id', '=', line.id).execute();
        await audit.record({ entity: 'paymentLine', entityId: line.id, summary: `发放行（${line.name}，${formatYuan(line.amount_fen)} 元）落实帮扶措施 ${p.measureCode}` });
      });
    }
  }
  return notes;
}

/** Money a household received through payment lists, and what each year adds to its income categories. */
export async function forHousehold(ctx: HandlerContext, input: ParsedInputOf<'payments.forHousehold'>): Promise<OutputOf<'payments.forHousehold'>> {
  const rows = await ctx.db
    .selectFrom('payment_lines as p')
    .innerJoin('payment_lists as l', 'l.id', 'p.list_id')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .leftJoin('fund_projects as f', 'f.id', 'l.project_id')
    .select(['p.id', 'p.basis', 'p.amount_fen', 'p.result', 'p.result_reason', 'p.measure_id', 'p.reverses_line_id'])
    .select(['l.id as list_id', 'l.title', 'l.purpose', 'l.period', 'l.status', 'l.bank_on', 'm.name', 'f.name as project_name'])
    .where('p.household_id', '=', input.householdId)
    .where('p.deleted_at', 'is', null)
    .where('l.deleted_at', 'is', null)
    .orderBy('l.period', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute();
  const lines = rows.map((r) => {
    const paid = isPaid(r.status as PaymentListStatus) && (r.amount_fen < 0 || r.result === 'success');
    const p = householdPurpose(r.purpose);
    return {
      lineId: r.id,
      listId: r.list_id,
      listTitle: r.title,
      purpose: r.purpose,
      period: r.period,
      name: r.name,
      basis: r.basis,
      amountFen: r.amount_fen,
      listStatus: r.status as PaymentListStatus,
      result: r.result as LineResult | null,
      resultReason: r.result_reason,
      paid,
      measureTicked: r.measure_id !== null,
      projectName: r.project_name,
      incomeCategory: p?.income ?? null,
      incomeLabel: p ? incomeCategoryLabels[p.income] : null,
    };
  });
  const totals = new Map<string, { year: number; category: NonNullable<(typeof lines)[number]['incomeCategory']>; amountFen: number }>();
  for (const l of lines) {
    if (!l.paid || l.incomeCategory === null) continue;
    const year = Number(l.period.slice(0, 4));
    const key = `${year}|${l.incomeCategory}`;
    const t = totals.get(key) ?? { year, category: l.incomeCategory, amountFen: 0 };
    t.amountFen += l.amountFen;
    totals.set(key, t);
  }
  return { lines, incomeByYear: [...totals.values()].sort((a, b) => b.year - a.year || a.category.localeCompare(b.category)) };
}
