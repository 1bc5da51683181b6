import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { monthPay, monthRange, type Grade } from '../../../../shared/domain/posts';
import { daysInMonth } from '../../../../shared/lib/dates';
import { formatYuan } from '../../../../shared/lib/money';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { createList, insertLines } from '../payments/service';
import { welfarePostPurpose } from './catalog';
import * as repo from './repository';
import { rule } from './rule';

type In<C extends ChannelName> = ParsedInputOf<C>;

// The monthly grid (days on duty, pay) and the payment list made from a month.

type MonthRowDb = Awaited<ReturnType<typeof repo.monthAppointments>>[number];

function toMonthRow(r: MonthRowDb): OutputOf<'posts.monthGrid'>['rows'][number] {
  const subsidyFen = r.subsidy_fen ?? r.post_subsidy_fen;
  return {
    appointmentId: r.appointment_id,
    postName: r.post_name,
    postType: r.post_type,
    name: r.name,
    householdCode: r.household_code,
    subsidyFen,
    minDays: r.min_days,
    recorded: r.month_id !== null,
    days: r.days ?? 0,
    grade: (r.grade ?? 'pass') as Grade,
    adjustFen: r.adjust_fen ?? 0,
    adjustReason: r.adjust_reason,
    dueFen: r.due_fen ?? 0,
    paidFen: r.paid_fen ?? 0,
    paymentListId: r.payment_list_id,
  };
}

export async function monthGrid(ctx: HandlerContext, input: In<'posts.monthGrid'>): Promise<OutputOf<'posts.monthGrid'>> {
  const { first, last } = monthRange(input.month);
  const rows = await repo.monthAppointments(ctx.db, input.villageId, first, last);
  return { month: input.month, daysInMonth: daysInMonth(Number(input.month.slice(0, 4)), Number(input.month.slice(5, 7))), rows: rows.map(toMonthRow) };
}

export async function saveMonth(ctx: HandlerContext, input: In<'posts.saveMonth'>): Promise<OutputOf<'posts.saveMonth'>> {
  const { first, last } = monthRange(input.month);
  if (first > ctx.today()) throw rule(`${input.month} 还没有到，不能录入考勤`, 'month');
  const dim = daysInMonth(Number(input.month.slice(0, 4)), Number(input.month.slice(5, 7)));
  return ctx.mutate(async (tx, audit) => {
    const known = new Map((await repo.monthAppointments(tx, input.villageId, first, last)).map((r) => [r.appointment_id, r]));
    let saved = 0;
    let totalPaid = 0;
    for (const [i, row] of input.rows.entries()) {
      const r = known.get(row.appointmentId);
      if (!r) throw rule(`第 ${i + 1} 行的人员在 ${input.month} 不在本村的公益性岗位上（未签协议或已退岗），请刷新后重新录入`);
      if (r.payment_list_id !== null) {
        const same = r.days === row.days && r.grade === row.grade && r.adjust_fen === row.adjustFen && (r.adjust_reason ?? null) === row.adjustReason;
        if (same) continue;
        throw rule(`${r.name} ${input.month} 的补贴已列入发放清册，考勤不能再修改；如需更正，请在清册中删去该行（草稿）或做更正`);
      }
      const subsidyFen = r.subsidy_fen ?? r.post_subsidy_fen;
      const pay = monthPay(subsidyFen, r.min_days, dim, { days: row.days, grade: row.grade, adjustFen: row.adjustFen, adjustReason: row.adjustReason });
      if (pay.problem) throw rule(`${r.name}：${pay.problem}`, `rows.${i}.adjustReason`);
      const values = {
        days: row.days,
        grade: row.grade,
        adjust_fen: row.adjustFen,
        adjust_reason: row.adjustFen === 0 ? null : row.adjustReason,
        due_fen: pay.dueFen,
        paid_fen: pay.paidFen,
      };
      totalPaid += pay.paidFen;
      if (r.month_id !== null) {
        const same = r.days === values.days && r.grade === values.grade && r.adjust_fen === values.adjust_fen && (r.adjust_reason ?? null) === values.adjust_reason;
        if (same) continue;
        await tx.updateTable('welfare_months').set({ ...values, ...touched(ctx) }).where('id', '=', r.month_id).execute();
      } else {
        await tx.insertInto('welfare_months').values({ ...(await newRowMeta(ctx)), appointment_id: r.appointment_id, month: input.month, payment_line_id: null, ...values }).execute();
      }
      saved += 1;
    }
    if (saved > 0) {
      const v = await tx.selectFrom('villages').select('name').where('id', '=', input.villageId).executeTakeFirst();
      await audit.record({
        entity: 'welfareMonth',
        entityId: input.villageId,
        summary: `录入${v?.name ?? ''} ${input.month} 公益岗考勤 ${saved} 人，实发合计 ${formatYuan(totalPaid)} 元`,
      });
    }
    return { saved };
  });
}

export async function makePaymentList(ctx: HandlerContext, input: In<'posts.makePaymentList'>): Promise<OutputOf<'posts.makePaymentList'>> {
  const { first, last } = monthRange(input.month);
  return ctx.mutate(async (tx, audit) => {
    const rows = await repo.monthAppointments(tx, input.villageId, first, last);
    const unrecorded = rows.filter((r) => r.month_id === null).map((r) => r.name);
    if (unrecorded.length > 0) {
      throw rule(`${unrecorded.slice(0, 5).join('、')}${unrecorded.length > 5 ? ` 等 ${unrecorded.length} 人` : ''} 的 ${input.month} 考勤还没有录入，请录完全部在岗人员后再生成清册`);
    }
    const todo = rows.filter((r) => r.payment_list_id === null && (r.paid_fen ?? 0) > 0);
    if (todo.length === 0) throw rule(`${input.month} 没有尚未列入清册的应发补贴（可能已全部生成，或实发均为 0）`);
    const v = (await tx.selectFrom('villages').select('name').where('id', '=', input.villageId).executeTakeFirst())!;
    const listId = await createList(tx, ctx, audit, {
      purpose: welfarePostPurpose,
      period: input.month,
      villageId: input.villageId,
      title: `${v.name} ${input.month} 公益性岗位补贴`,
    });
    const ids = await insertLines(
      tx,
      ctx,
      listId,
      todo.map((r) => {
        const adj = r.adjust_fen ?? 0;
        const adjText = adj === 0 ? '' : `，${adj < 0 ? '扣发' : '奖励'} ${formatYuan(Math.abs(adj))} 元（${r.adjust_reason ?? ''}）`;
        return { memberId: r.member_id, basis: `${r.post_name}，出勤 ${r.days} 天，应发 ${formatYuan(r.due_fen ?? 0)} 元${adjText}`, amountFen: r.paid_fen ?? 0 };
      }),
    );
    for (const [i, r] of todo.entries()) {
      await tx.updateTable('welfare_months').set({ payment_line_id: ids[i]!, ...touched(ctx) }).where('id', '=', r.month_id!).execute();
    }
    return { listId, lines: ids.length };
  });
}
