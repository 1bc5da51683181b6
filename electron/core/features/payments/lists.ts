import type { Insertable, Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { formatYuan } from '../../../../shared/lib/money';
import { duplicateOf, payeeProblem, paymentListStatusLabels, type PaymentListStatus } from '../../../../shared/domain/payments';
import { AppError } from '../../../../shared/lib/result';
import type { AuditWriter } from '../../auditWriter';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { uuidv7 } from '../../ids';
import { newRowMeta, touched } from '../../rows';
import * as repo from './repository';
import { checkPayUnit, checkProjectLink } from './householdMoney';

type Tx = Transaction<DB>;
type In<C extends ChannelName> = ParsedInputOf<C>;

// A payment list and its lines: read, create (also for the features that make lists), add, remove.

export function rule(message: string, field?: string): AppError {
  return new AppError('RULE', message, field ? { [field]: message } : undefined);
}

export async function requireList(db: repo.Db, id: string) {
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
      project_id: l.projectId ?? null,
      disbursement_id: l.disbursementId ?? null,
      note: l.note ?? null,
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
  // One query for every recipient and one insert per chunk: a township's monthly list has 1,500
  // lines, and a query per line made building it take seconds (issue 12's bench).
  const members = await repo.findMembers(tx, lines.map((x) => x.memberId));
  const meta0 = await newRowMeta(ctx);
  const ids: string[] = [];
  const rows: Insertable<DB['payment_lines']>[] = [];
  for (const line of lines) {
    const m = members.get(line.memberId);
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
    const meta = ids.length === 0 ? meta0 : { ...meta0, id: uuidv7(ctx.clock.now().getTime()) };
    rows.push({
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
    });
    ids.push(meta.id);
  }
  // 16 columns a row: 50 rows stay far under SQLite's bound-parameter cap.
  for (let i = 0; i < rows.length; i += 50) await tx.insertInto('payment_lines').values(rows.slice(i, i + 50)).execute();
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
