import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta } from '../../rows';
import { linkSpellToMeasure } from '../employment/measureLink';
import * as spellsRepo from '../employment/repository';
import { checkDates, refreshWorkStatus, requireWorkingMember, toSpell } from '../employment/spells';
import * as repo from './repository';

// A workshop's roster is job spells with channel 就业帮扶车间 linked to the workshop (one record
// per job, as the 外出务工台账 and the income suggestion read them). Ending a job is the spell's
// own 结束 (employment.endSpell).

export async function addStaff(ctx: HandlerContext, input: ParsedInputOf<'workshops.addStaff'>): Promise<OutputOf<'workshops.addStaff'>> {
  const spell = await ctx.mutate(async (tx, audit) => {
    const today = ctx.today();
    const w = await repo.findWorkshop(tx, input.workshopId);
    if (!w) throw new AppError('NOT_FOUND', '找不到该帮扶车间，可能已被删除，请刷新后重试');
    if (w.state === 'cleared') throw new AppError('RULE', `车间"${w.name}"已清理，不能再登记务工人员`);
    const { member } = await requireWorkingMember(tx, ctx, input.memberId);
    checkDates(ctx, member.birth_date, input.startDate);
    if (input.endDate !== null && input.endDate < input.startDate) {
      throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期，请核对', { endDate: '结束日期不能早于开始日期，请核对' });
    }
    const overlapping = (await spellsRepo.memberSpells(tx, member.id)).find(
      (s) => s.workshop_id === w.id && s.start_date <= (input.endDate ?? '9999-12-31') && (s.end_date === null || s.end_date >= input.startDate),
    );
    if (overlapping) {
      const msg = `${member.name} 在本车间已有 ${overlapping.start_date} 起的务工记录，时间重叠；如工资有变化，请先结束原记录再登记`;
      throw new AppError('RULE', msg, { memberId: msg });
    }
    const office = await repo.officeNames(tx);
    const meta = await newRowMeta(ctx);
    await spellsRepo.insertSpell(tx, {
      ...meta,
      member_id: member.id,
      household_id: member.household_id,
      place: `${office?.county_name ?? ''}${office?.township_name ?? ''}${w.village_name}`,
      area: 'inCounty',
      abroad: 0,
      province: null,
      city: null,
      employer: w.name,
      job: input.job,
      industry: null,
      start_date: input.startDate,
      end_date: input.endDate,
      months: null,
      months_year: null,
      monthly_income_fen: input.monthlyIncomeFen,
      channel: 'workshop',
      source: 'department',
      work_phone: null,
      end_reason: null,
      note: input.note,
      workshop_id: w.id,
    });
    await audit.record({
      entity: 'employmentSpell',
      entityId: meta.id,
      summary: `登记 ${member.name} 在帮扶车间"${w.name}"务工：${input.startDate} 起，月工资 ${formatYuan(input.monthlyIncomeFen)} 元`,
      before: null,
      after: { workshopId: w.id, startDate: input.startDate, endDate: input.endDate, monthlyIncomeFen: input.monthlyIncomeFen, job: input.job },
    });
    await refreshWorkStatus(tx, ctx, audit, member.id);
    return toSpell((await spellsRepo.findSpell(tx, meta.id))!, today);
  });
  // As a spell saved on the household page: an open case gets its 就业帮扶 measure (JY03).
  const link = await linkSpellToMeasure(ctx, spell);
  return { spell, measureNote: link.note };
}
