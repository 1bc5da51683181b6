import { sql, type Kysely, type Transaction } from 'kysely';
import type { PaymentLine, PaymentList } from '../../../../shared/contract/payments';
import type { LineResult, PaymentListStatus } from '../../../../shared/domain/payments';
import { maskBankAccount } from '../../../../shared/domain/privacy';
import type { DB } from '../../db/schema';

export type Db = Kysely<DB> | Transaction<DB>;

export interface ListFilters {
  purpose?: string | undefined;
  status?: PaymentListStatus | undefined;
  villageId?: string | undefined;
  id?: string | undefined;
}

/** Lists with their line count, total and failed count (deleted lines left out). */
export async function selectLists(db: Db, f: ListFilters): Promise<PaymentList[]> {
  let q = db
    .selectFrom('payment_lists as l')
    .leftJoin('villages as v', 'v.id', 'l.village_id')
    .leftJoin('fund_projects as f', 'f.id', 'l.project_id')
    .selectAll('l')
    .select(['v.name as village_name', 'f.name as project_name'])
    .select((eb) => [
      eb.selectFrom('payment_lines as p').whereRef('p.list_id', '=', 'l.id').where('p.deleted_at', 'is', null).select(sql<number>`count(*)`.as('n')).as('line_count'),
      eb
        .selectFrom('payment_lines as p')
        .whereRef('p.list_id', '=', 'l.id')
        .where('p.deleted_at', 'is', null)
        .select(sql<number>`coalesce(sum(p.amount_fen), 0)`.as('t'))
        .as('total_fen'),
      eb
        .selectFrom('payment_lines as p')
        .whereRef('p.list_id', '=', 'l.id')
        .where('p.deleted_at', 'is', null)
        .where('p.result', '=', 'failed')
        .select(sql<number>`count(*)`.as('n'))
        .as('failed_count'),
    ])
    .where('l.deleted_at', 'is', null);
  if (f.id) q = q.where('l.id', '=', f.id);
  if (f.purpose) q = q.where('l.purpose', '=', f.purpose);
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.villageId) q = q.where('l.village_id', '=', f.villageId);
  const rows = await q.orderBy('l.created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    purpose: r.purpose,
    period: r.period,
    villageId: r.village_id,
    villageName: r.village_name,
    title: r.title,
    status: r.status as PaymentListStatus,
    noticeOn: r.notice_on,
    approvedOn: r.approved_on,
    bankOn: r.bank_on,
    reconciledOn: r.reconciled_on,
    resendOf: r.resend_of,
    projectId: r.project_id,
    projectName: r.project_name,
    disbursementId: r.disbursement_id,
    lineCount: Number(r.line_count ?? 0),
    totalFen: Number(r.total_fen ?? 0),
    failedCount: Number(r.failed_count ?? 0),
    createdAt: r.created_at,
  }));
}

export function findList(db: Db, id: string) {
  return db.selectFrom('payment_lists').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The lines of a list joined with the person, household and account, in list order. */
export async function selectLines(db: Db, listId: string) {
  return db
    .selectFrom('payment_lines as p')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .innerJoin('households as h', 'h.id', 'p.household_id')
    .leftJoin('bank_accounts as b', (j) => j.onRef('b.member_id', '=', 'p.member_id').on('b.deleted_at', 'is', null))
    .selectAll('p')
    .select(['m.name', 'm.id_number', 'm.status as member_status', 'm.household_id as member_household_id', 'm.left_date'])
    .select(['h.household_code', 'h.status as household_status', 'h.closed_date', 'h.village_id'])
    .select(['b.bank_name', 'b.account_no'])
    .select((eb) =>
      eb
        .selectFrom('payment_lines as r')
        .whereRef('r.reverses_line_id', '=', 'p.id')
        .where('r.deleted_at', 'is', null)
        .select(sql<number>`count(*)`.as('n'))
        .as('reversed_by'),
    )
    .where('p.list_id', '=', listId)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.sort_order')
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof selectLines>>[number];

export function toLine(r: LineRow): PaymentLine {
  return {
    id: r.id,
    householdId: r.household_id,
    householdCode: r.household_code,
    memberId: r.member_id,
    name: r.name,
    idNumber: r.id_number,
    basis: r.basis,
    amountFen: r.amount_fen,
    bankName: r.bank_name,
    accountMasked: r.account_no === null ? null : maskBankAccount(r.account_no),
    reversesLineId: r.reverses_line_id,
    resendOfLineId: r.resend_of_line_id,
    reversed: Number(r.reversed_by ?? 0) > 0,
    result: r.result as LineResult | null,
    resultReason: r.result_reason,
  };
}

/** Lines already standing for this purpose × period (any list not deleted), for the duplicate rule. */
export async function linesForPurposePeriod(db: Db, purpose: string, period: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  const rows: { id: string; member_id: string; amount_fen: number; result: string | null; reverses_line_id: string | null; reversed_by: number | null; title: string }[] = [];
  // Chunked: SQLite caps the number of bound parameters.
  for (let i = 0; i < memberIds.length; i += 500) {
    const chunk = memberIds.slice(i, i + 500);
    const part = await db
      .selectFrom('payment_lines as p')
      .innerJoin('payment_lists as l', 'l.id', 'p.list_id')
      .select(['p.id', 'p.member_id', 'p.amount_fen', 'p.result', 'p.reverses_line_id', 'l.title'])
      .select((eb) =>
        eb
          .selectFrom('payment_lines as r')
          .whereRef('r.reverses_line_id', '=', 'p.id')
          .where('r.deleted_at', 'is', null)
          .select(sql<number>`count(*)`.as('n'))
          .as('reversed_by'),
      )
      .where('l.purpose', '=', purpose)
      .where('l.period', '=', period)
      .where('l.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('p.member_id', 'in', chunk)
      .execute();
    rows.push(...part);
  }
  return rows;
}

export async function maxSortOrder(db: Db, listId: string): Promise<number> {
  const r = await db
    .selectFrom('payment_lines')
    .select(sql<number>`coalesce(max(sort_order), 0)`.as('m'))
    .where('list_id', '=', listId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Person and household facts for a new line. */
export function findMember(db: Db, memberId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'm.status', 'm.left_date', 'm.household_id', 'h.household_code', 'h.status as household_status', 'h.closed_date', 'h.village_id'])
    .where('m.id', '=', memberId)
    .where('m.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** findMember for many people at once (chunked: SQLite caps bound parameters), by member id. */
export async function findMembers(db: Db, memberIds: readonly string[]) {
  const out = new Map<string, NonNullable<Awaited<ReturnType<typeof findMember>>>>();
  const unique = [...new Set(memberIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const found = await db
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.name', 'm.status', 'm.left_date', 'm.household_id', 'h.household_code', 'h.status as household_status', 'h.closed_date', 'h.village_id'])
      .where('m.id', 'in', unique.slice(i, i + 500))
      .where('m.deleted_at', 'is', null)
      .execute();
    for (const m of found) out.set(m.id, m);
  }
  return out;
}

export function findAccount(db: Db, memberId: string) {
  return db.selectFrom('bank_accounts').selectAll().where('member_id', '=', memberId).where('deleted_at', 'is', null).executeTakeFirst();
}
