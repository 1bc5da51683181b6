import { sql, type Kysely } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import type { PostLedgerRow } from '../../../../shared/contract/postLedger';
import { householdKindLabels, type HouseholdKind } from '../../../../shared/domain/household';
import { appointmentStatusLabels } from '../../../../shared/domain/posts';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import { pagedSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';

// 公益性岗位台账: every appointment with an agreement (签协议 → 在岗 → 退岗) that touches the year,
// village by village and post by post, with the year's attendance months, 应发 and 实发. One page
// in two steps, like the 外出务工台账: the page's rows first, then the month sums of only those.

type Filter = Pick<ParsedInputOf<'posts.ledger'>, 'year' | 'villageId' | 'postType' | 'status'>;

function baseQuery(db: Kysely<DB>, f: Filter) {
  let q = db
    .selectFrom('welfare_appointments as a')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .innerJoin('villages as v', 'v.id', 'p.village_id')
    .where('a.deleted_at', 'is', null)
    .where('a.start_date', '<=', `${f.year}-12-31`)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', `${f.year}-01-01`)]))
    .where((eb) => eb.or([eb('a.left_date', 'is', null), eb('a.left_date', '>=', `${f.year}-01-01`)]));
  if (f.status === 'left') q = q.where('a.status', '=', 'left');
  else if (f.status === 'onDuty') q = q.where('a.status', 'in', ['signed', 'onDuty']);
  else q = q.where('a.status', 'in', ['signed', 'onDuty', 'left']);
  if (f.villageId !== undefined) q = q.where('p.village_id', '=', f.villageId);
  if (f.postType !== undefined) q = q.where('p.post_type', '=', f.postType);
  return q;
}

export async function postLedgerRows(ctx: HandlerContext, f: Filter, offset: number, limit: number): Promise<{ total: number; rows: PostLedgerRow[] }> {
  const count = await baseQuery(ctx.db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const page = await baseQuery(ctx.db, f)
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .select([
      'a.id',
      'a.household_id',
      'v.name as village_name',
      'p.name as post_name',
      'p.post_type',
      'p.category',
      'p.funding',
      'm.name',
      'm.id_number',
      'h.household_code',
      'h.kind',
      'a.status',
      'a.start_date',
      'a.end_date',
      'a.left_date',
      sql<number>`coalesce(a.subsidy_fen, p.subsidy_fen)`.as('subsidy_fen'),
    ])
    .orderBy('v.sort_order')
    .orderBy('v.code')
    .orderBy('p.name')
    .orderBy('p.id')
    .orderBy('a.start_date')
    .orderBy('a.id')
    .offset(offset)
    .limit(limit)
    .execute();
  const ids = page.map((r) => r.id);
  const sums =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('welfare_months')
          .select(['appointment_id', sql<number>`count(*)`.as('months'), sql<number>`sum(due_fen)`.as('due'), sql<number>`sum(paid_fen)`.as('paid')])
          .where('appointment_id', 'in', ids)
          .where('deleted_at', 'is', null)
          .where('month', '>=', `${f.year}-01`)
          .where('month', '<=', `${f.year}-12`)
          .groupBy('appointment_id')
          .execute();
  const byId = new Map(sums.map((s) => [s.appointment_id, s]));
  return {
    total: Number(count.n),
    rows: page.map((r) => {
      const s = byId.get(r.id);
      return {
        appointmentId: r.id,
        householdId: r.household_id,
        villageName: r.village_name,
        postName: r.post_name,
        postType: r.post_type,
        category: r.category,
        funding: r.funding,
        name: r.name,
        idNumber: r.id_number,
        householdCode: r.household_code,
        householdKind: r.kind as HouseholdKind,
        status: r.status as PostLedgerRow['status'],
        startDate: r.start_date,
        endDate: r.end_date,
        leftDate: r.left_date,
        subsidyFen: Number(r.subsidy_fen),
        months: Number(s?.months ?? 0),
        dueFen: Number(s?.due ?? 0),
        paidFen: Number(s?.paid ?? 0),
      };
    }),
  };
}

export function postLedger(ctx: HandlerContext, input: ParsedInputOf<'posts.ledger'>): Promise<OutputOf<'posts.ledger'>> {
  return postLedgerRows(ctx, input, input.offset, input.limit);
}

type Filters = Extract<ParsedExportInput, { ledger: 'welfarePosts' }>['filters'];
/** 公益性岗位台账 for the export: the page's own query, read in batches. */
export async function welfarePostsSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  return pagedSource(
    (offset, limit) => postLedgerRows(ctx, filters, offset, limit),
    (rows) =>
      rows.map((r): LedgerRecord => ({
        village: r.villageName,
        postName: r.postName,
        postType: r.postType,
        category: r.category,
        funding: r.funding,
        name: r.name,
        idNumber: r.idNumber,
        householdCode: r.householdCode,
        householdKind: householdKindLabels[r.householdKind],
        status: appointmentStatusLabels[r.status],
        startDate: r.startDate,
        endDate: r.endDate,
        leftDate: r.leftDate,
        subsidy: r.subsidyFen,
        months: r.months,
        due: r.dueFen,
        paid: r.paidFen,
      })),
  );
}
