import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { spellFieldLabels, type Spell } from '../../../../shared/contract/employment';
import {
  currentSpell,
  isSpellOpen,
  jobChannelLabels,
  monthsInYear,
  suggestedWageFen,
  workAreaLabels,
  workStatusOfSpell,
  type JobChannel,
  type SpellFacts,
  type SpellSource,
  type WorkArea,
} from '../../../../shared/domain/employment';
import { workStatusLabels, type WorkStatus } from '../../../../shared/domain/household';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import type { AuditWriter } from '../../auditWriter';
import * as households from '../households/repository';
import * as repo from './repository';
import { recordSurveyCheck } from './surveyChecks';

// 务工记录 (EMPLOYMENT-FUNDS §1.1 E1): a member's job spells. The member's 务工状况 is kept as
// the summary of the open spell, written in the same transaction as the spell.

type Tx = Transaction<DB>;

export function spellFacts(r: repo.SpellRecord): SpellFacts {
  return {
    area: r.area as WorkArea,
    channel: r.channel as JobChannel,
    startDate: r.start_date,
    endDate: r.end_date,
    monthlyIncomeFen: r.monthly_income_fen,
    months: r.months,
    monthsYear: r.months_year,
  };
}

export function toSpell(r: repo.SpellRecord, today: string): Spell {
  const facts = spellFacts(r);
  return {
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    householdId: r.household_id,
    place: r.place,
    area: facts.area,
    abroad: r.abroad === 1,
    province: r.province,
    city: r.city,
    employer: r.employer,
    job: r.job,
    industry: r.industry,
    startDate: r.start_date,
    endDate: r.end_date,
    months: r.months,
    monthsYear: r.months_year,
    monthsThisYear: monthsInYear(facts, Number(today.slice(0, 4)), today),
    monthlyIncomeFen: r.monthly_income_fen,
    channel: facts.channel,
    source: r.source as SpellSource,
    workPhone: r.work_phone,
    endReason: r.end_reason,
    note: r.note,
    open: isSpellOpen(facts, today),
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** What the audit log and a stale save compare. */
function spellView(s: Spell): Record<string, unknown> {
  return {
    place: s.place,
    area: s.area,
    abroad: s.abroad,
    province: s.province,
    city: s.city,
    employer: s.employer,
    job: s.job,
    industry: s.industry,
    startDate: s.startDate,
    endDate: s.endDate,
    months: s.months,
    monthsYear: s.monthsYear,
    monthlyIncomeFen: s.monthlyIncomeFen,
    channel: s.channel,
    source: s.source,
    workPhone: s.workPhone,
    note: s.note,
  };
}

function describe(s: Pick<Spell, 'place' | 'area' | 'channel' | 'startDate' | 'monthlyIncomeFen'>): string {
  return `${s.place}（${workAreaLabels[s.area]}，${jobChannelLabels[s.channel]}），${s.startDate} 起，月收入 ${formatYuan(s.monthlyIncomeFen)} 元`;
}

/** Brings members.work_status in line with the member's open spell (audited when it changes). */
export async function refreshWorkStatus(tx: Tx, ctx: HandlerContext, audit: AuditWriter, memberId: string): Promise<void> {
  const member = await households.findMember(tx, memberId);
  if (!member) return;
  const spells = await repo.memberSpells(tx, memberId);
  const open = currentSpell(spells.map((r) => ({ ...spellFacts(r), id: r.id })), ctx.today());
  const next: WorkStatus = workStatusOfSpell(open);
  if (next === member.work_status) return;
  await households.updateMember(tx, memberId, { work_status: next, ...touched(ctx) });
  await audit.record({
    entity: 'member',
    entityId: memberId,
    summary: `${member.name} 的务工状况按务工记录更新为"${workStatusLabels[next]}"`,
    before: { workStatus: member.work_status },
    after: { workStatus: next },
  });
}

export async function requireWorkingMember(tx: Tx, ctx: HandlerContext, memberId: string) {
  const member = await households.findMember(tx, memberId);
  if (!member) throw new AppError('NOT_FOUND', '找不到该成员，可能已被删除，请刷新后重试');
  const household = await households.findHousehold(tx, member.household_id);
  if (!household || household.status === 'closed') {
    throw new AppError('RULE', '该户已注销，不能登记务工记录；如需办理，请先恢复该户');
  }
  if (member.status !== 'current') throw new AppError('RULE', `${member.name} 已减员，不能再登记务工记录`);
  return { member, household };
}

export function checkDates(ctx: HandlerContext, birthDate: string, startDate: string): void {
  const today = ctx.today();
  if (startDate > today) {
    const msg = `开始日期不能晚于今天（${today}）；尚未开始的务工请到开始后再登记`;
    throw new AppError('INVALID_INPUT', msg, { startDate: msg });
  }
  if (startDate <= birthDate) {
    const msg = '开始日期早于此人的出生日期，请核对';
    throw new AppError('INVALID_INPUT', msg, { startDate: msg });
  }
}

export async function forHousehold(ctx: HandlerContext, input: ParsedInputOf<'employment.forHousehold'>): Promise<OutputOf<'employment.forHousehold'>> {
  const today = ctx.today();
  const rows = await repo.householdSpells(ctx.db, input.householdId);
  return { today, spells: rows.map((r) => toSpell(r, today)) };
}

export function saveSpell(ctx: HandlerContext, input: ParsedInputOf<'employment.saveSpell'>): Promise<Spell> {
  return ctx.mutate(async (tx, audit) => {
    const today = ctx.today();
    const { member } = await requireWorkingMember(tx, ctx, input.memberId);
    checkDates(ctx, member.birth_date, input.startDate);
    const columns = {
      place: input.place,
      area: input.area,
      abroad: input.abroad ? 1 : 0,
      province: input.province,
      city: input.city,
      employer: input.employer,
      job: input.job,
      industry: input.industry,
      start_date: input.startDate,
      end_date: input.endDate,
      months: input.months,
      months_year: input.months === null ? null : input.monthsYear,
      monthly_income_fen: input.monthlyIncomeFen,
      channel: input.channel,
      source: input.source,
      work_phone: input.workPhone,
      note: input.note,
    };
    let id: string;
    if (input.id !== undefined) {
      const existing = await repo.findSpell(tx, input.id);
      if (!existing || existing.member_id !== input.memberId) throw new AppError('NOT_FOUND', '找不到该务工记录，可能已被删除，请刷新后重试');
      const before = spellView(toSpell(existing, today));
      const after = spellView({ ...toSpell(existing, today), ...inputView(input) });
      const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), changed.map((k) => ({ path: k, label: spellFieldLabels[k] ?? k })));
        await repo.updateSpell(tx, existing.id, { ...columns, ...touched(ctx) });
        await audit.record({
          entity: 'employmentSpell',
          entityId: existing.id,
          summary: `修改 ${existing.member_name} 的务工记录：${changed.map((k) => spellFieldLabels[k] ?? k).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
      }
      id = existing.id;
    } else {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await repo.insertSpell(tx, { ...meta, member_id: member.id, household_id: member.household_id, end_reason: null, ...columns });
      await audit.record({
        entity: 'employmentSpell',
        entityId: id,
        summary: `登记 ${member.name} 的务工记录：${describe(input)}`,
        before: null,
        after: inputView(input),
      });
    }
    await refreshWorkStatus(tx, ctx, audit, member.id);
    if (input.surveyRoundId !== undefined) await recordSurveyCheck(tx, ctx, audit, input.surveyRoundId, member.id, 'changed', id);
    return toSpell((await repo.findSpell(tx, id))!, today);
  });
}

function inputView(input: ParsedInputOf<'employment.saveSpell'>): Record<string, unknown> {
  return {
    place: input.place,
    area: input.area,
    abroad: input.abroad,
    province: input.province,
    city: input.city,
    employer: input.employer,
    job: input.job,
    industry: input.industry,
    startDate: input.startDate,
    endDate: input.endDate,
    months: input.months,
    monthsYear: input.months === null ? null : input.monthsYear,
    monthlyIncomeFen: input.monthlyIncomeFen,
    channel: input.channel,
    source: input.source,
    workPhone: input.workPhone,
    note: input.note,
  };
}

export function endSpell(ctx: HandlerContext, input: ParsedInputOf<'employment.endSpell'>): Promise<Spell> {
  return ctx.mutate(async (tx, audit) => {
    const today = ctx.today();
    const existing = await repo.findSpell(tx, input.id);
    if (!existing) throw new AppError('NOT_FOUND', '找不到该务工记录，可能已被删除，请刷新后重试');
    await requireWorkingMember(tx, ctx, existing.member_id);
    await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), [{ path: 'endDate', label: '结束日期' }]);
    if (input.endDate < existing.start_date) {
      const msg = `结束日期不能早于开始日期 ${existing.start_date}，请核对`;
      throw new AppError('INVALID_INPUT', msg, { endDate: msg });
    }
    if (input.endDate > today) {
      const msg = `结束日期不能晚于今天（${today}）；尚未离岗请到时再登记`;
      throw new AppError('INVALID_INPUT', msg, { endDate: msg });
    }
    await repo.updateSpell(tx, existing.id, { end_date: input.endDate, end_reason: input.endReason, ...touched(ctx) });
    await audit.record({
      entity: 'employmentSpell',
      entityId: existing.id,
      summary: `${existing.member_name} 于 ${input.endDate} 结束在"${existing.place}"的务工：${input.endReason}`,
      before: { endDate: existing.end_date, endReason: existing.end_reason },
      after: { endDate: input.endDate, endReason: input.endReason },
    });
    await refreshWorkStatus(tx, ctx, audit, existing.member_id);
    if (input.surveyRoundId !== undefined) await recordSurveyCheck(tx, ctx, audit, input.surveyRoundId, existing.member_id, 'ended', existing.id);
    return toSpell((await repo.findSpell(tx, existing.id))!, today);
  });
}

export async function wageSuggestion(ctx: HandlerContext, input: ParsedInputOf<'employment.wageSuggestion'>): Promise<OutputOf<'employment.wageSuggestion'>> {
  const today = ctx.today();
  const rows = await repo.householdSpells(ctx.db, input.householdId);
  const facts = rows.map(spellFacts).filter((s) => monthsInYear(s, input.year, today) > 0);
  const endedInYear = rows.filter((r) => r.end_date !== null && r.end_date.startsWith(`${input.year}-`)).length;
  return { wageFen: suggestedWageFen(facts, input.year, today), spellCount: facts.length, endedInYear };
}
