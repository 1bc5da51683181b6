import type { Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import {
  appointmentStatusLabels,
  checkHireAge,
  checkNotice,
  checkTerm,
  hiringOrderProblem,
  hiringStepLabels,
  holdingStatuses,
  reviewerHiringSteps,
  statusAfterStep,
  type AppointmentStatus,
} from '../../../../shared/domain/posts';
import { ageOn } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { postCatalog } from './catalog';
import * as repo from './repository';
import { buildPostNotice } from './documents';
import { printDocuments } from '../print/render';
import { settingsOn } from './postSetup';
import { rule } from './rule';
import { appointmentStepPeople } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
type Tx = Transaction<DB>;

// Appointments: candidates, applying, the hiring steps (审核 … 上岗), leaving, and the 公示 notice.

export async function appointments(ctx: HandlerContext, input: In<'posts.appointments'>): Promise<OutputOf<'posts.appointments'>> {
  return repo.selectAppointments(ctx.db, input, ctx.today());
}

export async function candidates(ctx: HandlerContext, input: In<'posts.candidates'>): Promise<OutputOf<'posts.candidates'>> {
  let q = ctx.db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'm.sex', 'm.birth_date', 'h.household_code'])
    .where('h.village_id', '=', input.villageId)
    .where('h.status', '=', 'active')
    .where('h.deleted_at', 'is', null)
    .where('m.status', '=', 'current')
    .where('m.deleted_at', 'is', null);
  if (input.q !== '') q = q.where((eb) => eb.or([eb('m.name', 'like', `%${input.q}%`), eb('m.id_number', 'like', `%${input.q}%`), eb('h.household_code', 'like', `%${input.q}%`)]));
  const rows = await q.orderBy('h.household_code').orderBy('m.sort_order').limit(50).execute();
  const today = ctx.today();
  return rows.map((r) => ({ memberId: r.id, name: r.name, householdCode: r.household_code, age: ageOn(r.birth_date, today), sex: r.sex }));
}

/** The person's other appointment that still holds them (applied … on duty), if any. */
async function otherHolding(tx: Tx, memberId: string, exceptId: string | null) {
  let q = tx
    .selectFrom('welfare_appointments as a')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .select(['a.id', 'a.status', 'p.name'])
    .where('a.member_id', '=', memberId)
    .where('a.deleted_at', 'is', null)
    .where('a.status', 'in', [...holdingStatuses]);
  if (exceptId) q = q.where('a.id', '!=', exceptId);
  return q.executeTakeFirst();
}

function ageFacts(m: { name: string; birth_date: string; sex: string }) {
  return { name: m.name, birthDate: m.birth_date, sex: m.sex === 'female' ? ('female' as const) : ('male' as const) };
}

export async function apply(ctx: HandlerContext, input: In<'posts.apply'>): Promise<OutputOf<'posts.apply'>> {
  if (input.date > ctx.today()) throw rule(`申报日期 ${input.date} 晚于今天，请填写实际申报的日期`, 'date');
  return ctx.mutate(async (tx, audit) => {
    const p = await repo.findPost(tx, input.postId);
    if (!p) throw new AppError('NOT_FOUND', '找不到这个岗位；请刷新');
    if (p.active !== 1) throw rule('岗位已停用，不能申报');
    if (p.announced_on === null) throw rule('这个岗位还没有发布招聘公告；请先办理「公告」（条件、名额、报酬），再受理申报');
    if (input.date < p.announced_on) throw rule(`申报日期 ${input.date} 早于招聘公告日期 ${p.announced_on}，请核对`, 'date');
    const m = await tx
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.name', 'm.sex', 'm.birth_date', 'm.status', 'm.household_id', 'h.status as household_status', 'h.village_id', 'h.household_code'])
      .where('m.id', '=', input.memberId)
      .where('m.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!m) throw new AppError('NOT_FOUND', '找不到这位人员；请刷新后重新选择');
    if (m.household_status !== 'active' || m.status !== 'current') throw rule(`${m.name} 不是在册户的在册成员，不能申报公益性岗位`, 'memberId');
    if (m.village_id !== p.village_id) throw rule(`${m.name} 不是本村（岗位所在村）的人员；公益性岗位就地就近聘用本村人员`, 'memberId');
    const other = await otherHolding(tx, m.id, null);
    if (other) {
      throw rule(`${m.name} 已在岗位「${other.name}」${appointmentStatusLabels[other.status as AppointmentStatus]}，每人同时只能有一个公益性岗位；请先办理退岗或结束原申报`, 'memberId');
    }
    const s = await settingsOn(tx, input.date);
    const age = checkHireAge(ageFacts(m), input.date, s);
    if (age.problem) throw rule(age.problem, 'memberId');
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('welfare_appointments')
      .values({
        ...meta,
        post_id: p.id,
        member_id: m.id,
        household_id: m.household_id,
        status: 'applied',
        agreement_type: null,
        start_date: null,
        end_date: null,
        subsidy_fen: null,
        left_date: null,
        left_reason: null,
        left_note: null,
      })
      .execute();
    await tx
      .insertInto('appointment_steps')
      .values({ ...(await newRowMeta(ctx)), appointment_id: meta.id, step: 'apply', date: input.date, outcome: 'passed', people: appointmentStepPeople.encode([m.name]), note: input.note, notice_start: null, notice_end: null })
      .execute();
    await audit.record({ entity: 'welfareAppointment', entityId: meta.id, summary: `${m.name}（户编号 ${m.household_code}）申报公益性岗位「${p.name}」（${input.date}）` });
    return { id: meta.id, warnings: age.warning ? [age.warning] : [] };
  });
}

export async function recordStep(ctx: HandlerContext, input: In<'posts.recordStep'>): Promise<OutputOf<'posts.recordStep'>> {
  const user = ctx.requireUser();
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const a = await repo.findAppointment(tx, input.id);
    if (!a) throw new AppError('NOT_FOUND', '找不到这条聘用记录；请刷新');
    await refuseStaleSave(tx, a, input.version, ctx.clock.now(), []);
    const label = hiringStepLabels[input.step];
    const order = hiringOrderProblem(a.status as AppointmentStatus, input.step);
    if (order) throw rule(order, 'step');
    if (reviewerHiringSteps.includes(input.step) && user.role === 'clerk') {
      throw new AppError('FORBIDDEN', `「${label}」须由审核人或管理员签署办理（谁签字、谁负责）；请由审核人登录后办理`);
    }
    if (input.date > today) throw rule(`办理日期 ${input.date} 晚于今天（${today}），请填写实际办理的日期`, 'date');
    // By date, not by creation time: several steps may be recorded within one millisecond.
    const last = await tx
      .selectFrom('appointment_steps')
      .select((eb) => [eb.fn.max('date').as('date'), eb.fn.max('notice_end').as('notice_end')])
      .where('appointment_id', '=', a.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (last?.date && input.date < last.date) throw rule(`办理日期 ${input.date} 早于上一步的日期 ${last.date}，请核对`, 'date');
    const p = (await repo.findPost(tx, a.post_id))!;
    const m = (await tx.selectFrom('members').select(['name', 'birth_date', 'sex', 'status']).where('id', '=', a.member_id).executeTakeFirst())!;
    const s = await settingsOn(tx, input.date);
    const warnings: string[] = [];
    const values: Record<string, string | number | null> = {};

    if (input.outcome === 'passed') {
      if (input.step === 'notice') {
        const problem = checkNotice(input.noticeStart!, input.noticeEnd!, s.noticeDays);
        if (problem) throw rule(problem, 'noticeEnd');
        if (input.noticeStart! < input.date) throw rule('公示开始日期不能早于办理日期', 'noticeStart');
      }
      if (input.step === 'sign') {
        if (last?.notice_end && input.date <= last.notice_end) {
          throw rule(`公示到 ${last.notice_end} 才结束，公示期满后才能签协议；请把签协议日期改到 ${last.notice_end} 之后`, 'date');
        }
        if (m.status !== 'current') throw rule(`${m.name} 已不是在册人员，不能签协议`);
        const term = checkTerm(input.startDate!, input.endDate!, s.maxTermMonths);
        if (term) throw rule(term, 'endDate');
        const age = checkHireAge(ageFacts(m), input.startDate!, s);
        if (age.problem) throw rule(age.problem, 'startDate');
        if (age.warning) warnings.push(age.warning);
        const onDuty = (await repo.selectPosts(tx, { id: p.id }))[0]!;
        const signedHere = await tx
          .selectFrom('welfare_appointments')
          .select('id')
          .where('post_id', '=', p.id)
          .where('status', 'in', ['signed', 'onDuty'])
          .where('deleted_at', 'is', null)
          .execute();
        if (signedHere.length >= onDuty.places) throw rule(`岗位「${p.name}」的 ${onDuty.places} 个名额已满，不能再签协议；如需增加名额，请先修改岗位数`);
        values.agreement_type = input.agreementType!;
        values.start_date = input.startDate!;
        values.end_date = input.endDate!;
        values.subsidy_fen = input.subsidyFen ?? p.subsidy_fen;
      }
      if (input.step === 'onDuty') {
        const start = a.start_date!;
        if (input.date < start) throw rule(`上岗日期不能早于协议开始日期 ${start}`, 'date');
      }
      values.status = statusAfterStep(input.step);
    } else {
      if (input.step === 'onDuty' || input.step === 'sign') throw rule(`「${label}」不能办理为不通过；如本人不再上岗，请办理退岗`, 'outcome');
      values.status = 'rejected';
    }

    await tx
      .insertInto('appointment_steps')
      .values({
        ...(await newRowMeta(ctx)),
        appointment_id: a.id,
        step: input.step,
        date: input.date,
        outcome: input.outcome,
        people: appointmentStepPeople.encode(input.people),
        note: input.note,
        notice_start: input.step === 'notice' ? (input.noticeStart ?? null) : null,
        notice_end: input.step === 'notice' ? (input.noticeEnd ?? null) : null,
      })
      .execute();
    await tx.updateTable('welfare_appointments').set({ ...values, ...touched(ctx) }).where('id', '=', a.id).execute();
    const outcome = input.outcome === 'passed' ? '通过' : '不通过';
    const extra = input.step === 'sign' && input.outcome === 'passed' ? `，协议 ${input.startDate} 至 ${input.endDate}` : '';
    await audit.record({
      entity: 'welfareAppointment',
      entityId: a.id,
      summary: `${m.name}（岗位「${p.name}」）${label}${outcome}（${input.date}${extra}）`,
      before: { status: a.status },
      after: { status: values.status },
    });
    return { id: a.id, warnings };
  });
}

export async function leave(ctx: HandlerContext, input: In<'posts.leave'>): Promise<OutputOf<'posts.leave'>> {
  if (input.date > ctx.today()) throw rule(`退岗日期 ${input.date} 晚于今天，请填写实际退岗的日期`, 'date');
  if (!postCatalog().leaveReasons.includes(input.reason)) throw rule('请从列表中选择退岗原因', 'reason');
  return ctx.mutate(async (tx, audit) => {
    const a = await repo.findAppointment(tx, input.id);
    if (!a) throw new AppError('NOT_FOUND', '找不到这条聘用记录；请刷新');
    await refuseStaleSave(tx, a, input.version, ctx.clock.now(), []);
    if (a.status !== 'onDuty' && a.status !== 'signed') throw rule('只有已签协议或在岗的人员才能办理退岗；还在选聘中的申报请办理为「不通过」');
    if (a.start_date && input.date < a.start_date) throw rule(`退岗日期不能早于协议开始日期 ${a.start_date}`, 'date');
    const paidAfter = await tx
      .selectFrom('welfare_months')
      .select('month')
      .where('appointment_id', '=', a.id)
      .where('deleted_at', 'is', null)
      .where('month', '>', input.date.slice(0, 7))
      .where('payment_line_id', 'is not', null)
      .executeTakeFirst();
    if (paidAfter) throw rule(`${paidAfter.month} 的补贴已列入发放清册，退岗日期不能早于该月；如确需提前，请先更正该月的发放`, 'date');
    await tx
      .updateTable('welfare_appointments')
      .set({ status: 'left', left_date: input.date, left_reason: input.reason, left_note: input.note, ...touched(ctx) })
      .where('id', '=', a.id)
      .execute();
    const m = (await tx.selectFrom('members').select('name').where('id', '=', a.member_id).executeTakeFirst())!;
    await audit.record({ entity: 'welfareAppointment', entityId: a.id, summary: `${m.name} 退岗（${input.date}，${input.reason}）`, before: { status: a.status }, after: { status: 'left', leftDate: input.date } });
    return { id: a.id };
  });
}

export async function printNotice(ctx: HandlerContext, input: In<'posts.printNotice'>): Promise<OutputOf<'posts.printNotice'>> {
  const rows = await repo.selectAppointments(ctx.db, { villageId: input.villageId, status: 'noticed' }, ctx.today());
  if (rows.length === 0) throw rule('本村没有处于「公示」步骤的拟聘人员；请先为人员办理「公示」步骤');
  const v = (await ctx.db.selectFrom('villages').select('name').where('id', '=', input.villageId).executeTakeFirst())!;
  const jobId = ctx.jobs.start('posts.printNotice', async (control) => {
    const doc = await buildPostNotice(
      ctx,
      rows.map((r) => r.id),
    );
    return printDocuments(ctx, [doc], { fileName: `${v.name}公益性岗位拟聘公示.html`, control });
  });
  return { jobId };
}
