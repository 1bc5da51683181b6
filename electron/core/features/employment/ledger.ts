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

function ledgerQuery(db: Kysely<DB>, f: LedgerFilter) {
  let q = db
    .selectFrom('employment_spells as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .innerJoin('households as h', 'h.id', 's.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .where('s.deleted_at', 'is', null)
    .where('s.start_date', '<=', `${f.year}-12-31`)
    .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', `${f.year}-01-01`)]));
  if (f.villageId !== undefined) q = q.where('h.village_id', '=', f.villageId);
  if (f.area !== undefined) q = q.where('s.area', '=', f.area);
  return q;
}

export async function migrantLedgerRows(ctx: HandlerContext, f: LedgerFilter, offset: number, limit: number): Promise<{ total: number; rows: MigrantLedgerRow[] }> {
  const today = ctx.today();
  const [count, rows] = await Promise.all([
    ledgerQuery(ctx.db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ledgerQuery(ctx.db, f)
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
      .orderBy('v.sort_order')
      .orderBy('h.household_code')
      .orderBy('m.sort_order')
      .orderBy('s.start_date')
      .offset(offset)
      .limit(limit)
      .execute(),
  ]);
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
