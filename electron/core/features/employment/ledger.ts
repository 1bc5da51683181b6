import { sql, type Kysely } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { MigrantLedgerRow } from '../../../../shared/contract/employment';
import { monthsInYear, type JobChannel, type WorkArea } from '../../../../shared/domain/employment';
import type { HouseholdKind } from '../../../../shared/domain/household';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';

// 外出务工台账 (EMPLOYMENT-FUNDS §1.5): every spell that touches the year, by village and
// household, with the months counted in that year.

export type LedgerFilter = Pick<ParsedInputOf<'employment.migrantLedger'>, 'year' | 'villageId' | 'area'>;

/** The spells of the filter, joined to their household only when a village is asked for. */
function countQuery(db: Kysely<DB>, f: LedgerFilter) {
  let q = db
    .selectFrom('employment_spells as s')
    .where('s.deleted_at', 'is', null)
    .where('s.start_date', '<=', `${f.year}-12-31`)
    .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', `${f.year}-01-01`)]));
  if (f.area !== undefined) q = q.where('s.area', '=', f.area);
  if (f.villageId !== undefined) {
    const villageId = f.villageId;
    q = q.where('s.household_id', 'in', (eb) => eb.selectFrom('households').select('id').where('village_id', '=', villageId));
  }
  return q;
}

/**
 * One page in two steps (bench: the county seed's 24,000 spells): the page's ids in household
 * order — a member's id is a UUIDv7 issued in entry order, so it sorts members as the household
 * page lists them — then only those ids are read with the member and the village.
 */
export async function migrantLedgerRows(ctx: HandlerContext, f: LedgerFilter, offset: number, limit: number): Promise<{ total: number; rows: MigrantLedgerRow[] }> {
  const today = ctx.today();
  const count = await countQuery(ctx.db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  // CROSS JOIN keeps households as the outer loop: SQLite walks them in household_code order (a
  // code begins with its village's code, so the list runs village by village) and stops once the
  // page is full, instead of sorting every matching spell.
  let pageQuery = ctx.db
    .selectFrom('households as h')
    .crossJoin('employment_spells as s')
    .whereRef('s.household_id', '=', 'h.id')
    .where('s.deleted_at', 'is', null)
    .where('s.start_date', '<=', `${f.year}-12-31`)
    .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', `${f.year}-01-01`)]));
  if (f.area !== undefined) pageQuery = pageQuery.where('s.area', '=', f.area);
  // Without a village, the always-true range on household_code makes SQLite (3.52) walk the
  // code index in order instead of sorting every household (bench: 60 ms → a few ms).
  pageQuery = f.villageId !== undefined ? pageQuery.where('h.village_id', '=', f.villageId) : pageQuery.where('h.household_code', '>=', '');
  const page = await pageQuery
    .select('s.id')
    .orderBy('h.household_code')
    .orderBy('s.member_id')
    .orderBy('s.start_date')
    .orderBy('s.id')
    .offset(offset)
    .limit(limit)
    .execute();
  const ids = page.map((p) => p.id);
  const rows =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('employment_spells as s')
          .innerJoin('members as m', 'm.id', 's.member_id')
          .innerJoin('households as h', 'h.id', 's.household_id')
          .innerJoin('villages as v', 'v.id', 'h.village_id')
          .select([
            's.id',
            's.household_id',
            'v.name as village_name',
            'h.household_code',
            'h.kind',
            'm.name',
            'm.id_number',
            's.place',
            's.area',
            's.abroad',
            's.employer',
            's.job',
            's.channel',
            's.start_date',
            's.end_date',
            's.months',
            's.months_year',
            's.monthly_income_fen',
          ])
          .where('s.id', 'in', ids)
          .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      spellId: r.id,
      householdId: r.household_id,
      villageName: r.village_name,
      householdCode: r.household_code,
      name: r.name,
      idNumber: r.id_number,
      householdKind: r.kind as HouseholdKind,
      place: r.place,
      area: r.area as WorkArea,
      abroad: r.abroad === 1,
      employer: r.employer,
      job: r.job,
      channel: r.channel as JobChannel,
      startDate: r.start_date,
      endDate: r.end_date,
      months: monthsInYear(
        { area: r.area as WorkArea, channel: r.channel as JobChannel, startDate: r.start_date, endDate: r.end_date, monthlyIncomeFen: r.monthly_income_fen, months: r.months, monthsYear: r.months_year },
        f.year,
        today,
      ),
      monthlyIncomeFen: r.monthly_income_fen,
    })),
  };
}

export function migrantLedger(ctx: HandlerContext, input: ParsedInputOf<'employment.migrantLedger'>): Promise<OutputOf<'employment.migrantLedger'>> {
  return migrantLedgerRows(ctx, input, input.offset, input.limit);
}
