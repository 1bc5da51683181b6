import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { subsidyMeasureCodes, trainingKindLabels } from '../../../../shared/domain/subsidies';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as households from '../households/repository';
import { linkToMeasure } from './measureLink';
import * as repo from './repository';

// 技能培训 and 以工代赈 records (EMPLOYMENT-FUNDS §1.1 E6, E7): one row per person and course or
// project, corrected with the version the form loaded, audited in the same transaction.

type Tx = Transaction<DB>;

/** The person must be a current member of an active household, as for a job spell. */
export async function requirePerson(tx: Tx | HandlerContext['db'], memberId: string, what: string) {
  const member = await households.findMember(tx, memberId);
  if (!member) throw new AppError('NOT_FOUND', '找不到该成员，可能已被删除，请刷新后重新选择');
  const household = await households.findHousehold(tx, member.household_id);
  if (!household || household.status === 'closed') throw new AppError('RULE', `${member.name} 所在户已注销，不能登记${what}；如需办理，请先恢复该户`, { memberId: '该户已注销' });
  if (member.status !== 'current') throw new AppError('RULE', `${member.name} 已减员，不能再登记${what}`, { memberId: '已减员' });
  return member;
}

function notAfterToday(ctx: HandlerContext, date: string, field: string, label: string): void {
  const today = ctx.today();
  if (date > today) {
    const msg = `${label}不能晚于今天（${today}）；尚未发生的请到时再登记`;
    throw new AppError('INVALID_INPUT', msg, { [field]: msg });
  }
}

/** Field → label, for the audit row and a stale save's message. */
const trainingLabels: Record<string, string> = {
  kind: '培训类型',
  course: '培训项目',
  provider: '培训机构',
  startDate: '开始日期',
  endDate: '结束日期',
  hours: '课时',
  certificate: '证书',
  subsidyFen: '培训补贴',
  note: '备注',
};
const reliefLabels: Record<string, string> = {
  project: '以工代赈项目',
  startDate: '开始日期',
  endDate: '结束日期',
  days: '务工天数',
  payFen: '劳务报酬',
  paidOn: '发放日期',
  note: '备注',
};

function changes(before: Record<string, unknown>, after: Record<string, unknown>, labels: Record<string, string>) {
  const keys = Object.keys(labels).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    keys,
    differing: keys.map((k) => ({ path: k, label: labels[k]! })),
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

export async function saveTraining(ctx: HandlerContext, input: ParsedInputOf<'subsidies.saveTraining'>): Promise<OutputOf<'subsidies.saveTraining'>> {
  notAfterToday(ctx, input.startDate, 'startDate', '开始日期');
  const { id: _id, version, memberId, ...fields } = input;
  const columns = {
    kind: fields.kind,
    course: fields.course,
    provider: fields.provider,
    start_date: fields.startDate,
    end_date: fields.endDate,
    hours: fields.hours,
    certificate: fields.certificate,
    subsidy_fen: fields.subsidyFen,
    note: fields.note,
  };
  const saved = await ctx.mutate(async (tx, audit) => {
    const member = await requirePerson(tx, memberId, '技能培训');
    if (input.id !== undefined) {
      const row = await repo.findTraining(tx, input.id);
      if (!row || row.member_id !== memberId) throw new AppError('NOT_FOUND', '找不到该培训记录，可能已被删除，请刷新后重试');
      const c = changes(repo.toTraining(row), fields, trainingLabels);
      if (c.keys.length > 0) {
        await refuseStaleSave(tx, row, version, ctx.clock.now(), c.differing);
        await tx.updateTable('trainings').set({ ...columns, ...touched(ctx) }).where('id', '=', row.id).execute();
        await audit.record({ entity: 'training', entityId: row.id, summary: `修改 ${member.name} 的培训记录：${c.differing.map((d) => d.label).join('、')}`, before: c.before, after: c.after });
      }
      return { id: row.id, isNew: false, householdId: member.household_id, name: member.name };
    }
    const meta = await newRowMeta(ctx);
    await tx.insertInto('trainings').values({ ...meta, member_id: member.id, household_id: member.household_id, ...columns }).execute();
    await audit.record({
      entity: 'training',
      entityId: meta.id,
      summary: `登记 ${member.name} 的${trainingKindLabels[fields.kind]}：${fields.course}（${fields.startDate} 至 ${fields.endDate}，${fields.hours} 学时）`,
      after: { ...fields },
    });
    return { id: meta.id, isNew: true, householdId: member.household_id, name: member.name };
  });
  const measureNote = saved.isNew
    ? await linkToMeasure(ctx, {
        householdId: saved.householdId,
        code: subsidyMeasureCodes.training,
        date: input.endDate,
        amountFen: null,
        source: `由培训记录登记：${saved.name} ${input.course}`,
      })
    : null;
  return { id: saved.id, measureNote };
}

export async function saveWorkRelief(ctx: HandlerContext, input: ParsedInputOf<'subsidies.saveWorkRelief'>): Promise<OutputOf<'subsidies.saveWorkRelief'>> {
  notAfterToday(ctx, input.startDate, 'startDate', '开始日期');
  if (input.paidOn !== null) notAfterToday(ctx, input.paidOn, 'paidOn', '发放日期');
  const { id: _id, version, memberId, ...fields } = input;
  const columns = {
    project: fields.project,
    start_date: fields.startDate,
    end_date: fields.endDate,
    days: fields.days,
    pay_fen: fields.payFen,
    paid_on: fields.paidOn,
    note: fields.note,
  };
  const saved = await ctx.mutate(async (tx, audit) => {
    const member = await requirePerson(tx, memberId, '以工代赈务工');
    if (input.id !== undefined) {
      const row = await repo.findWorkRelief(tx, input.id);
      if (!row || row.member_id !== memberId) throw new AppError('NOT_FOUND', '找不到该以工代赈记录，可能已被删除，请刷新后重试');
      const c = changes(repo.toWorkRelief(row), fields, reliefLabels);
      if (c.keys.length > 0) {
        await refuseStaleSave(tx, row, version, ctx.clock.now(), c.differing);
        await tx.updateTable('work_relief').set({ ...columns, ...touched(ctx) }).where('id', '=', row.id).execute();
        await audit.record({ entity: 'workRelief', entityId: row.id, summary: `修改 ${member.name} 的以工代赈记录：${c.differing.map((d) => d.label).join('、')}`, before: c.before, after: c.after });
      }
      return { id: row.id, isNew: false, householdId: member.household_id, name: member.name };
    }
    const meta = await newRowMeta(ctx);
    await tx.insertInto('work_relief').values({ ...meta, member_id: member.id, household_id: member.household_id, ...columns }).execute();
    await audit.record({
      entity: 'workRelief',
      entityId: meta.id,
      summary: `登记 ${member.name} 参加以工代赈「${fields.project}」${fields.days} 天，劳务报酬 ${formatYuan(fields.payFen)} 元`,
      after: { ...fields },
    });
    return { id: meta.id, isNew: true, householdId: member.household_id, name: member.name };
  });
  const measureNote = saved.isNew
    ? await linkToMeasure(ctx, {
        householdId: saved.householdId,
        code: subsidyMeasureCodes.workRelief,
        date: input.startDate,
        amountFen: input.payFen,
        source: `由以工代赈记录登记：${saved.name} ${input.project}`,
      })
    : null;
  return { id: saved.id, measureNote };
}
