import { sql, type Kysely } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import type { PaymentLineLedgerRow } from '../../../../shared/contract/paymentsLedger';
import { paymentLineState, paymentLineStateLabels, type LineResult, type PaymentListStatus } from '../../../../shared/domain/payments';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import { pagedSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';

// 发放花名册 (issue 12 item 8): every line of every payment list, by the recipient's village and
// household, with the list's purpose and period and where the line stands. Removed lines and
// removed lists are left out (a removed line never reached the bank); reversing lines are shown,
// with their negative amounts, as they stand on their lists.

type Filter = Pick<ParsedInputOf<'payments.lineLedger'>, 'year' | 'month' | 'purpose' | 'villageId' | 'status'>;

function baseQuery(db: Kysely<DB>, f: Filter) {
  let q = db
    .selectFrom('payment_lines as p')
    .innerJoin('payment_lists as l', 'l.id', 'p.list_id')
    .innerJoin('households as h', 'h.id', 'p.household_id')
    .where('p.deleted_at', 'is', null)
    .where('l.deleted_at', 'is', null);
  // A period is 'YYYY' or 'YYYY-MM': a year asks for both kinds, a month for its own lists only.
  if (f.month !== undefined) q = q.where('l.period', '=', `${f.year}-${String(f.month).padStart(2, '0')}`);
  else q = q.where((eb) => eb.or([eb('l.period', '=', String(f.year)), eb('l.period', 'like', `${f.year}-%`)]));
  if (f.purpose !== undefined) q = q.where('l.purpose', '=', f.purpose);
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.status === 'success' || f.status === 'failed') q = q.where('p.result', '=', f.status);
  else if (f.status !== undefined) q = q.where('p.result', 'is', null).where('l.status', '=', f.status);
  return q;
}

export async function paymentLineLedgerRows(ctx: HandlerContext, f: Filter, offset: number, limit: number): Promise<OutputOf<'payments.lineLedger'>> {
  const sums = await baseQuery(ctx.db, f)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(p.amount_fen), 0)`.as('fen')])
    .executeTakeFirstOrThrow();
  const rows = await baseQuery(ctx.db, f)
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .select([
      'p.id',
      'p.list_id',
      'l.title',
      'p.household_id',
      'v.name as village_name',
      'h.household_code',
      'm.name',
      'm.id_number',
      'l.purpose',
      'l.period',
      'p.basis',
      'p.amount_fen',
      'l.status',
      'p.result',
      'p.result_reason',
    ])
    .orderBy('v.sort_order')
    .orderBy('v.code')
    .orderBy('h.household_code')
    .orderBy('l.period')
    .orderBy('l.created_at')
    .orderBy('p.sort_order')
    .orderBy('p.id')
    .offset(offset)
    .limit(limit)
    .execute();
  return {
    total: Number(sums.n),
    totalFen: Number(sums.fen),
    rows: rows.map(
      (r): PaymentLineLedgerRow => ({
        lineId: r.id,
        listId: r.list_id,
        listTitle: r.title,
        householdId: r.household_id,
        villageName: r.village_name,
        householdCode: r.household_code,
        name: r.name,
        idNumber: r.id_number,
        purpose: r.purpose,
        period: r.period,
        basis: r.basis,
        amountFen: r.amount_fen,
        state: paymentLineState(r.status as PaymentListStatus, r.result as LineResult | null),
        resultReason: r.result_reason,
      }),
    ),
  };
}

export function paymentLineLedger(ctx: HandlerContext, input: ParsedInputOf<'payments.lineLedger'>): Promise<OutputOf<'payments.lineLedger'>> {
  return paymentLineLedgerRows(ctx, input, input.offset, input.limit);
}

type Filters = Extract<ParsedExportInput, { ledger: 'paymentLines' }>['filters'];
/** 发放花名册 for the export: the page's own query, read in batches. */
export async function paymentLinesSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  return pagedSource(
    (offset, limit) => paymentLineLedgerRows(ctx, filters, offset, limit),
    (rows) =>
      rows.map((r): LedgerRecord => ({
        village: r.villageName,
        householdCode: r.householdCode,
        name: r.name,
        idNumber: r.idNumber,
        purpose: r.purpose,
        period: r.period,
        basis: r.basis,
        amount: r.amountFen,
        state: paymentLineStateLabels[r.state],
        reason: r.resultReason,
        list: r.listTitle,
      })),
  );
}
