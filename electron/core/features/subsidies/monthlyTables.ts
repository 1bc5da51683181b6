import type { OutputOf } from '../../../../shared/contract';
import type { MonthlyTable } from '../../../../shared/contract/subsidies';
import { isLabourAge, type JobChannel, type SpellFacts, type WorkArea } from '../../../../shared/domain/employment';
import { r2Columns, r3Money, sameDayLastYear, yearOnYear } from '../../../../shared/domain/employmentTables';
import { coversMonth, monthRange } from '../../../../shared/domain/posts';
import type { HandlerContext } from '../../context';
import { settingsForYear } from '../employment/settings';
import { r4Table, r5Table } from '../funds/monthlyTables';
import { postCatalog } from '../posts/catalog';

// 月报 R2 务工就业 and R3 公益岗 (EMPLOYMENT-FUNDS §3.1): one row per village and 合计. R2 counts
// the labour of the households the year's 摸排 settings name (脱贫, 监测, …) on the month's last day
// (today for the running month) against the same day a year earlier; R3 the month's posts, the
// people on duty by post type and the attendance money. 岗位数 counts the posts active now (a
// post keeps no history of its active flag).

type Column = MonthlyTable['columns'][number];
type Row = MonthlyTable['rows'][number];

const int = (key: string, header: string): Column => ({ key, header, kind: 'int' });
const money = (key: string, header: string): Column => ({ key, header, kind: 'money' });

async function villages(ctx: HandlerContext) {
  return ctx.db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
}

/** Rows per village from per-village counts, then 合计; `finish` adds derived cells to each. */
function perVillage(vs: readonly { id: string; name: string }[], counts: Map<string, Record<string, number>>, columns: readonly Column[], finish: (r: Row) => Row = (r) => r): Row[] {
  const numeric = columns.filter((c) => c.kind === 'int' || c.kind === 'money').map((c) => c.key);
  const total: Row = { village: '合计' };
  const rows: Row[] = vs.map((v) => {
    const row: Row = { village: v.name };
    for (const k of numeric) {
      const n = counts.get(v.id)?.[k] ?? 0;
      row[k] = n;
      total[k] = Number(total[k] ?? 0) + n;
    }
    return finish(row);
  });
  return [...rows, finish(total)];
}

function bump(counts: Map<string, Record<string, number>>, villageId: string, key: string, by = 1): void {
  const c = counts.get(villageId) ?? {};
  c[key] = (c[key] ?? 0) + by;
  counts.set(villageId, c);
}

export async function r2Table(ctx: HandlerContext, month: string): Promise<MonthlyTable> {
  const { last } = monthRange(month);
  const today = ctx.today();
  const date = last < today ? last : today;
  const lastYear = sameDayLastYear(date);
  const settings = await settingsForYear(ctx, Number(month.slice(0, 4)));
  const vs = await villages(ctx);
  const people = await ctx.db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.birth_date', 'm.sex', 'h.village_id'])
    .where('m.deleted_at', 'is', null)
    .where('m.status', '=', 'current')
    .where('h.deleted_at', 'is', null)
    .where('h.status', '=', 'active')
    .where('h.kind', 'in', settings.surveyKinds)
    .execute();
  const spellRows = await ctx.db
    .selectFrom('employment_spells as s')
    .innerJoin('households as h', 'h.id', 's.household_id')
    .select(['s.member_id', 's.area', 's.channel', 's.start_date', 's.end_date'])
    .where('s.deleted_at', 'is', null)
    .where('h.kind', 'in', settings.surveyKinds)
    .where('s.start_date', '<=', date)
    .execute();
  const spells = new Map<string, SpellFacts[]>();
  for (const s of spellRows) {
    const list = spells.get(s.member_id) ?? [];
    list.push({ area: s.area as WorkArea, channel: s.channel as JobChannel, startDate: s.start_date, endDate: s.end_date, monthlyIncomeFen: 0, months: null, monthsYear: null });
    spells.set(s.member_id, list);
  }
  const counts = new Map<string, Record<string, number>>();
  for (const p of people) {
    const mine = spells.get(p.id) ?? [];
    if (isLabourAge(p.birth_date, p.sex, date, settings)) bump(counts, p.village_id, 'labour');
    for (const k of r2Columns(mine, date)) bump(counts, p.village_id, k);
    if (r2Columns(mine, lastYear).includes('working')) bump(counts, p.village_id, 'lastYear');
  }
  const columns: Column[] = [
    { key: 'village', header: '行政村', kind: 'text' },
    int('labour', '劳动力'),
    int('working', '已务工'),
    int('outOfProvince', '省外'),
    int('inProvince', '省内县外'),
    int('inCounty', '县内'),
    int('welfarePost', '公益岗'),
    int('workshop', '帮扶车间'),
    int('workRelief', '以工代赈'),
    int('selfEmployed', '自主创业'),
    int('lastYear', '去年同期已务工'),
    { key: 'yoy', header: '同比', kind: 'percent' },
  ];
  const rows = perVillage(vs, counts, columns, (r) => ({ ...r, yoy: yearOnYear(Number(r.working), Number(r.lastYear)) }));
  return { title: `R2 务工就业（${date}，去年同期 ${lastYear}）`, columns, rows };
}

export async function r3Table(ctx: HandlerContext, month: string): Promise<MonthlyTable> {
  const { first, last } = monthRange(month);
  const vs = await villages(ctx);
  const types = postCatalog().postTypes;
  const counts = new Map<string, Record<string, number>>();
  const posts = await ctx.db
    .selectFrom('welfare_posts')
    .select(['village_id'])
    .where('deleted_at', 'is', null)
    .where('active', '=', 1)
    .execute();
  for (const p of posts) bump(counts, p.village_id, 'posts');
  const appointments = await ctx.db
    .selectFrom('welfare_appointments as a')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .select(['p.village_id', 'p.post_type', 'a.start_date', 'a.end_date', 'a.left_date'])
    .where('a.deleted_at', 'is', null)
    .where('a.status', 'in', ['onDuty', 'left'])
    .where('a.start_date', '<=', last)
    .execute();
  for (const a of appointments) {
    if (!coversMonth({ startDate: a.start_date, endDate: a.end_date, leftDate: a.left_date }, month)) continue;
    bump(counts, a.village_id, 'onDuty');
    bump(counts, a.village_id, `type.${types.includes(a.post_type) ? a.post_type : '其他'}`);
  }
  const monthRows = await ctx.db
    .selectFrom('welfare_months as w')
    .innerJoin('welfare_appointments as a', 'a.id', 'w.appointment_id')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .leftJoin('payment_lines as pl', 'pl.id', 'w.payment_line_id')
    .leftJoin('payment_lists as l', 'l.id', 'pl.list_id')
    .select(['p.village_id', 'w.due_fen', 'w.adjust_fen', 'w.paid_fen', 'l.bank_on'])
    .where('w.deleted_at', 'is', null)
    .where('w.month', '=', month)
    .execute();
  const paidOn = new Map<string, string>();
  let paidOnAll: string | null = null;
  for (const v of vs) {
    const mine = monthRows.filter((r) => r.village_id === v.id);
    const m = r3Money(mine.map((r) => ({ dueFen: r.due_fen, adjustFen: r.adjust_fen, paidFen: r.paid_fen })));
    bump(counts, v.id, 'due', m.dueFen);
    bump(counts, v.id, 'deducted', m.deductedFen);
    bump(counts, v.id, 'reward', m.rewardFen);
    bump(counts, v.id, 'paid', m.paidFen);
    const day = mine.map((r) => r.bank_on).filter((d): d is string => d !== null).sort().pop();
    if (day) {
      paidOn.set(v.name, day);
      if (paidOnAll === null || day > paidOnAll) paidOnAll = day;
    }
  }
  const typeColumns = [...types, ...(types.includes('其他') ? [] : ['其他'])].map((t) => int(`type.${t}`, `在岗·${t}`));
  const columns: Column[] = [
    { key: 'village', header: '行政村', kind: 'text' },
    int('posts', '岗位数'),
    int('onDuty', '在岗人数'),
    ...typeColumns,
    money('due', '应发（元）'),
    money('deducted', '扣发（元）'),
    money('reward', '奖励（元）'),
    money('paid', '实发（元）'),
    { key: 'paidOn', header: '发放日', kind: 'text' },
  ];
  const rows = perVillage(vs, counts, columns, (r) => ({ ...r, paidOn: r.village === '合计' ? paidOnAll : (paidOn.get(String(r.village)) ?? null) }));
  return { title: `R3 公益岗（${first.slice(0, 7)}）`, columns, rows };
}

export async function monthlyTables(ctx: HandlerContext, month: string): Promise<OutputOf<'subsidies.monthlyTables'>> {
  return { r2: await r2Table(ctx, month), r3: await r3Table(ctx, month), r4: await r4Table(ctx, month), r5: await r5Table(ctx, month) };
}
