import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { subsidyKindLabels, subsidyMeasureCodes, subsidyPurposes, transportEligibility, type TransportCheck } from '../../../../shared/domain/subsidies';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as employment from '../employment/repository';
import { settingsForYear } from '../employment/settings';
import { spellFacts } from '../employment/spells';
import { createList, insertLines } from '../payments/service';
import { linkToMeasure } from './measureLink';
import { requirePerson } from './records';
import * as repo from './repository';

// 就业补贴申请 (EMPLOYMENT-FUNDS §1.1 E8, §1.3 item 4): 申报 → 审核 (approve or refuse) → onto a
// 发放清册 through the payments feature, whose payee and duplicate checks then apply.

function rule(message: string, field?: string): AppError {
  return new AppError('RULE', message, field ? { [field]: message } : undefined);
}

/** The transport rule on the person's spells and the year's settings, as of `asOf`. */
async function checkTransport(db: repo.Db, memberId: string, year: number, asOf: string, exceptId?: string): Promise<TransportCheck> {
  const settings = await settingsForYear({ db }, year);
  const spells = (await employment.memberSpells(db, memberId)).map(spellFacts);
  const earlierInYear = await repo.standingTransport(db, memberId, year, exceptId);
  return transportEligibility({ year, spells, asOf, minMonths: settings.transportMinMonths, tiers: settings.transportTiers, earlierInYear });
}

export async function previewTransport(ctx: HandlerContext, input: ParsedInputOf<'subsidies.checkTransport'>): Promise<OutputOf<'subsidies.checkTransport'>> {
  const c = await checkTransport(ctx.db, input.memberId, input.year, ctx.today());
  return c.eligible ? { eligible: true, amountFen: c.amountFen, basis: c.basis, reason: null } : { eligible: false, amountFen: null, basis: null, reason: c.reason };
}

export async function apply(ctx: HandlerContext, input: ParsedInputOf<'subsidies.apply'>): Promise<OutputOf<'subsidies.apply'>> {
  const today = ctx.today();
  if (input.appliedOn > today) throw rule(`申请日期不能晚于今天（${today}）`, 'appliedOn');
  if (input.year > Number(today.slice(0, 4))) throw rule(`${input.year} 年还没有到，请填写今年或往年`, 'year');
  return ctx.mutate(async (tx, audit) => {
    const member = await requirePerson(tx, input.memberId, '就业补贴申请');
    let amountFen: number;
    let area: string | null = null;
    let basis: string;
    if (input.kind === 'transport') {
      const c = await checkTransport(tx, member.id, input.year, input.appliedOn);
      if (!c.eligible) throw rule(`${member.name} 不符合一次性交通补助条件：${c.reason}`, 'memberId');
      amountFen = c.amountFen;
      area = c.area;
      basis = input.basis ?? c.basis;
    } else {
      if (input.amountFen === null) throw rule(`请填写${subsidyKindLabels[input.kind]}的金额`, 'amountFen');
      amountFen = input.amountFen;
      basis = input.basis ?? subsidyKindLabels[input.kind];
    }
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('job_subsidies')
      .values({
        ...meta,
        member_id: member.id,
        household_id: member.household_id,
        kind: input.kind,
        year: input.year,
        area,
        basis,
        materials: input.materials,
        amount_fen: amountFen,
        applied_on: input.appliedOn,
        status: 'applied',
        decided_on: null,
        decided_by: null,
        refuse_reason: null,
        payment_line_id: null,
        note: input.note,
      })
      .execute();
    await audit.record({
      entity: 'jobSubsidy',
      entityId: meta.id,
      summary: `登记 ${member.name} 的 ${input.year} 年${subsidyKindLabels[input.kind]}申请：${formatYuan(amountFen)} 元（${basis}）`,
      after: { kind: input.kind, year: input.year, amountFen, basis, appliedOn: input.appliedOn },
    });
    return repo.toApplication((await repo.findApplication(tx, meta.id))!);
  });
}

export async function decide(ctx: HandlerContext, input: ParsedInputOf<'subsidies.decide'>): Promise<OutputOf<'subsidies.decide'>> {
  const user = ctx.requireUser();
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const row = await repo.findApplication(tx, input.id);
    if (!row) throw new AppError('NOT_FOUND', '找不到该补贴申请，可能已被删除，请刷新后重试');
    await refuseStaleSave(tx, row, input.version, ctx.clock.now(), [{ path: 'status', label: '审核结果' }]);
    if (row.status !== 'applied') throw rule(`这份申请已${row.status === 'approved' ? '审核通过' : '审核未通过'}，不能再次审核`);
    if (input.date > today) throw rule(`审核日期不能晚于今天（${today}）`, 'date');
    if (input.date < row.applied_on) throw rule(`审核日期不能早于申请日期 ${row.applied_on}`, 'date');
    if (input.approve && row.kind === 'transport') {
      // The spells may have been corrected since the application: check again before money moves.
      const c = await checkTransport(tx, row.member_id, row.year, row.applied_on, row.id);
      if (!c.eligible) throw rule(`${row.member_name} 已不符合一次性交通补助条件：${c.reason}。请审核为不通过`);
    }
    const status = input.approve ? 'approved' : 'refused';
    await tx
      .updateTable('job_subsidies')
      .set({ status, decided_on: input.date, decided_by: user.id, refuse_reason: input.approve ? null : (input.reason ?? null), ...touched(ctx) })
      .where('id', '=', row.id)
      .execute();
    await audit.record({
      entity: 'jobSubsidy',
      entityId: row.id,
      summary: `${input.approve ? '审核通过' : '审核不通过'} ${row.member_name} 的 ${row.year} 年${subsidyKindLabels[row.kind as keyof typeof subsidyKindLabels]}申请（${formatYuan(row.amount_fen)} 元）${input.approve ? '' : `：${input.reason ?? ''}`}`,
      before: { status: row.status },
      after: { status, date: input.date },
    });
    return repo.toApplication((await repo.findApplication(tx, row.id))!);
  });
}

export async function addToPaymentList(ctx: HandlerContext, input: ParsedInputOf<'subsidies.addToPaymentList'>): Promise<OutputOf<'subsidies.addToPaymentList'>> {
  const label = subsidyKindLabels[input.kind];
  const made = await ctx.mutate(async (tx, audit) => {
    const rows = await repo.unlistedApproved(tx, input.kind, input.year, input.villageId);
    if (rows.length === 0) throw rule(`${input.year} 年没有已审核通过、尚未列入清册的${label}申请；请先审核申请`);
    const village = input.villageId === null ? null : await tx.selectFrom('villages').select('name').where('id', '=', input.villageId).executeTakeFirst();
    const listId = await createList(tx, ctx, audit, {
      purpose: subsidyPurposes[input.kind],
      period: String(input.year),
      villageId: input.villageId,
      title: `${village?.name ?? '全乡'} ${input.year} 年${label}`,
    });
    const ids = await insertLines(
      tx,
      ctx,
      listId,
      rows.map((r) => ({ memberId: r.member_id, basis: `${label}：${r.basis}`.slice(0, 60), amountFen: r.amount_fen })),
    );
    for (const [i, r] of rows.entries()) {
      await tx.updateTable('job_subsidies').set({ payment_line_id: ids[i]!, ...touched(ctx) }).where('id', '=', r.id).execute();
    }
    await audit.record({
      entity: 'paymentList',
      entityId: listId,
      summary: `${rows.length} 份已审核的${label}申请列入发放清册，合计 ${formatYuan(rows.reduce((s, r) => s + r.amount_fen, 0))} 元`,
      after: { applications: rows.map((r) => r.id) },
    });
    return { listId, rows };
  });
  // The money is on its way: the open case's JY06 measure counts it (EMPLOYMENT-FUNDS §1.2 Links).
  const measureNotes: string[] = [];
  for (const r of made.rows) {
    const note = await linkToMeasure(ctx, {
      householdId: r.household_id,
      code: subsidyMeasureCodes.subsidy,
      date: ctx.today(),
      amountFen: r.amount_fen,
      source: `由${label}登记：${r.member_name} ${formatYuan(r.amount_fen)} 元`,
    });
    if (note !== null) measureNotes.push(`${r.member_name}：${note}`);
  }
  return { listId: made.listId, lines: made.rows.length, measureNotes };
}
