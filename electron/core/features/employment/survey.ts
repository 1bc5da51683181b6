import { sql, type Kysely, type Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { SurveyRound } from '../../../../shared/contract/employment';
import { ageOn } from '../../../../shared/lib/dates';
import { currentSpell, roundIsOverdue } from '../../../../shared/domain/employment';
import type { EmploymentSettings } from '../../../../shared/domain/employmentSettings';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB, SurveyRoundTable } from '../../db/schema';
import { newRowMeta } from '../../rows';
import type * as repo from './repository';
import { settingsForYear } from './settings';
import { spellFacts, toSpell } from './spells';
import { recordSurveyCheck } from './surveyChecks';

// 季度务工摸排 (EMPLOYMENT-FUNDS §1.3.2): a round per quarter with a due date; per village a
// checklist of every labour-age member of the households the year's settings cover. A person is
// checked by one click (无变化 / 仍未务工) or by recording a change as a spell at once.

type Db = Kysely<DB> | Transaction<DB>;
type RoundRow = Omit<SurveyRoundTable, 'version'>;

/** The birth date bound for "at least `years` old on `date`" (string compare on YYYY-MM-DD). */
function bornBy(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

/** Current members of active covered households, of labour age on `date` (the round's due date). */
function eligibleMembers(db: Db, s: EmploymentSettings, date: string) {
  const oldest = bornBy(date, s.minAge);
  const maleAfter = bornBy(date, s.maxAgeMale + 1);
  const femaleAfter = bornBy(date, s.maxAgeFemale + 1);
  return db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .where('m.deleted_at', 'is', null)
    .where('m.status', '=', 'current')
    .where('h.deleted_at', 'is', null)
    .where('h.status', '=', 'active')
    // No kind chosen: nobody is covered (the settings form refuses that, an old row may not).
    .where((eb) => (s.surveyKinds.length > 0 ? eb('h.kind', 'in', s.surveyKinds) : eb.lit(false)))
    .where('m.birth_date', '<=', oldest)
    .where((eb) =>
      eb.or([
        eb.and([eb('m.sex', '=', 'male'), eb('m.birth_date', '>', maleAfter)]),
        eb.and([eb('m.sex', '=', 'female'), eb('m.birth_date', '>', femaleAfter)]),
      ]),
    );
}

async function progress(db: Db, round: RoundRow): Promise<{ villageId: string; total: number; checked: number }[]> {
  const s = await settingsForYear({ db: db as Kysely<DB> }, round.year);
  const rows = await eligibleMembers(db, s, round.due_date)
    .leftJoin('survey_checks as c', (j) => j.onRef('c.member_id', '=', 'm.id').on('c.round_id', '=', round.id).on('c.deleted_at', 'is', null))
    .select(['h.village_id as villageId', sql<number>`count(*)`.as('total'), sql<number>`count(c.id)`.as('checked')])
    .groupBy('h.village_id')
    .execute();
  return rows.map((r) => ({ villageId: r.villageId, total: Number(r.total), checked: Number(r.checked) }));
}

async function toRound(db: Db, r: RoundRow, today: string): Promise<SurveyRound> {
  const p = await progress(db, r);
  const total = p.reduce((n, v) => n + v.total, 0);
  const checked = p.reduce((n, v) => n + v.checked, 0);
  return { id: r.id, year: r.year, quarter: r.quarter, dueDate: r.due_date, note: r.note, total, checked, overdue: roundIsOverdue(r.due_date, today, checked, total) };
}

function listRoundRows(db: Db) {
  return db.selectFrom('survey_rounds').selectAll().where('deleted_at', 'is', null).orderBy('year', 'desc').orderBy('quarter', 'desc').execute();
}

async function requireRound(db: Db, id: string): Promise<RoundRow> {
  const r = await db.selectFrom('survey_rounds').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '找不到该摸排轮次，可能已被删除，请刷新后重试');
  return r;
}

export async function rounds(ctx: HandlerContext): Promise<OutputOf<'employment.surveyRounds'>> {
  const today = ctx.today();
  const rows = await listRoundRows(ctx.db);
  return { rounds: await Promise.all(rows.map((r) => toRound(ctx.db, r, today))) };
}

/** Rounds past due with people unchecked. Only rounds already due are counted, so it stays cheap. */
export async function todo(ctx: HandlerContext): Promise<OutputOf<'employment.surveyTodo'>> {
  const today = ctx.today();
  const due = (await listRoundRows(ctx.db)).filter((r) => r.due_date < today);
  const all = await Promise.all(due.map((r) => toRound(ctx.db, r, today)));
  return { rounds: all.filter((r) => r.overdue) };
}

export function createRound(ctx: HandlerContext, input: ParsedInputOf<'employment.createRound'>): Promise<SurveyRound> {
  return ctx.mutate(async (tx, audit) => {
    const existing = await tx
      .selectFrom('survey_rounds')
      .select('id')
      .where('year', '=', input.year)
      .where('quarter', '=', input.quarter)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (existing) {
      const msg = `${input.year} 年第 ${input.quarter} 季度的摸排已建立，请在列表中打开它继续`;
      throw new AppError('RULE', msg, { quarter: msg });
    }
    const quarterStart = `${input.year}-${String((input.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    if (input.dueDate < quarterStart) {
      const msg = `完成期限不能早于该季度开始（${quarterStart}），请核对`;
      throw new AppError('INVALID_INPUT', msg, { dueDate: msg });
    }
    const meta = await newRowMeta(ctx);
    const row = { ...meta, year: input.year, quarter: input.quarter, due_date: input.dueDate, note: input.note };
    await tx.insertInto('survey_rounds').values(row).execute();
    await audit.record({
      entity: 'surveyRound',
      entityId: meta.id,
      summary: `建立 ${input.year} 年第 ${input.quarter} 季度务工摸排，${input.dueDate} 前完成`,
      before: null,
      after: { year: input.year, quarter: input.quarter, dueDate: input.dueDate },
    });
    return toRound(tx, row, ctx.today());
  });
}

export async function round(ctx: HandlerContext, input: ParsedInputOf<'employment.surveyRound'>): Promise<OutputOf<'employment.surveyRound'>> {
  const r = await requireRound(ctx.db, input.roundId);
  const p = await progress(ctx.db, r);
  const villages = await ctx.db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').execute();
  return {
    round: await toRound(ctx.db, r, ctx.today()),
    villages: villages.map((v) => {
      const x = p.find((q) => q.villageId === v.id);
      return { villageId: v.id, villageName: v.name, total: x?.total ?? 0, checked: x?.checked ?? 0 };
    }),
  };
}

export async function checklist(ctx: HandlerContext, input: ParsedInputOf<'employment.checklist'>): Promise<OutputOf<'employment.checklist'>> {
  const today = ctx.today();
  const r = await requireRound(ctx.db, input.roundId);
  const village = await ctx.db.selectFrom('villages').select('name').where('id', '=', input.villageId).executeTakeFirst();
  if (!village) throw new AppError('NOT_FOUND', '找不到该村，请刷新后重试');
  const s = await settingsForYear(ctx, r.year);
  const people = await eligibleMembers(ctx.db, s, r.due_date)
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .leftJoin('survey_checks as c', (j) => j.onRef('c.member_id', '=', 'm.id').on('c.round_id', '=', r.id).on('c.deleted_at', 'is', null))
    .where('h.village_id', '=', input.villageId)
    .select(['m.id', 'm.name', 'm.sex', 'm.birth_date', 'h.id as household_id', 'h.household_code', 'h.head_name', 'g.name as group_name', 'c.outcome', 'c.checked_on'])
    .orderBy('g.sort_order')
    .orderBy('h.household_code')
    .orderBy('m.sort_order')
    .execute();
  const ids = people.map((p) => p.id);
  const spells = ids.length === 0 ? [] : await chunkedSpells(ctx.db, ids);
  const byMember = new Map<string, repo.SpellRecord[]>();
  for (const sp of spells) byMember.set(sp.member_id, [...(byMember.get(sp.member_id) ?? []), sp]);
  return {
    round: await toRound(ctx.db, r, today),
    villageName: village.name,
    rows: people.map((p) => {
      const own = byMember.get(p.id) ?? [];
      const open = currentSpell(own.map((x) => ({ ...spellFacts(x), rec: x })), today);
      const last = open?.rec ?? own[0] ?? null;
      return {
        memberId: p.id,
        householdId: p.household_id,
        householdCode: p.household_code,
        groupName: p.group_name,
        headName: p.head_name,
        name: p.name,
        sex: p.sex as 'male' | 'female',
        age: ageOn(p.birth_date, today),
        lastSpell: last ? toSpell(last, today) : null,
        outcome: (p.outcome as 'unchanged' | 'changed' | 'ended' | 'notWorking' | null) ?? null,
        checkedOn: p.checked_on ?? null,
      };
    }),
  };
}

/** Spells of many members, newest first, in chunks below SQLite's variable limit. */
async function chunkedSpells(db: Db, ids: readonly string[]): Promise<repo.SpellRecord[]> {
  const out: repo.SpellRecord[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('employment_spells as s')
        .innerJoin('members as m', 'm.id', 's.member_id')
        .selectAll('s')
        .select('m.name as member_name')
        .where('s.deleted_at', 'is', null)
        .where('s.member_id', 'in', part)
        .orderBy('s.start_date', 'desc')
        .execute()),
    );
  }
  return out;
}

export function check(ctx: HandlerContext, input: ParsedInputOf<'employment.check'>): Promise<OutputOf<'employment.check'>> {
  return ctx.mutate(async (tx, audit) => {
    await recordSurveyCheck(tx, ctx, audit, input.roundId, input.memberId, input.outcome, null);
    return { ok: true as const };
  });
}
