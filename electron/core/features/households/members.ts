import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { memberStatusLabels, relationLabels, memberFieldLabels } from '../../../../shared/domain/household';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';
import { saveOtherRelations } from './otherRelations';
import type { MemberRecord } from './repository';
import { toMember, memberView, type MemberView, memberFieldNames, memberColumn, toColumnValue, changedKeys, pick } from './views';
import { memberNotFound, requireHousehold, requireDetail, requireOpenForMembers, checkIdNumber, checkNotLiving, checkDisability, checkDateNotFuture, syncHousehold } from './checks';

type In<C extends ChannelName> = ParsedInputOf<C>;

// 户籍: the member channels (add, edit, leave, change the head). A member's change re-derives
// the household's head, size and no-labour flag through checks.ts syncHousehold.

function currentHead(members: MemberRecord[], exceptId?: string): MemberRecord | undefined {
  return members.find((m) => m.status === 'current' && m.relation === 'head' && m.id !== exceptId);
}

function secondHeadError(head: MemberRecord, field: string): AppError {
  const msg = `该户已有户主 ${head.name}，一户只能有一名户主。如原户主死亡或迁出，请对其办理减员并指定新户主`;
  return new AppError('RULE', msg, { [field]: msg });
}

export async function addMember(ctx: HandlerContext, input: In<'households.addMember'>): Promise<OutputOf<'households.addMember'>> {
  const m = input.member;
  const id = checkIdNumber(m.idNumber, ctx.today(), 'member.idNumber');
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.householdId);
    requireOpenForMembers(h);
    const members = await repo.listMembers(tx, h.id);
    const head = currentHead(members);
    if (m.relation === 'head' && head) throw secondHeadError(head, 'member.relation');
    if (m.relation !== 'head' && !head) {
      const msg = '该户目前没有在册户主，请先添加户主（与户主关系选"户主"）';
      throw new AppError('RULE', msg, { 'member.relation': msg });
    }
    await checkNotLiving(tx, id.value, 'member.idNumber');
    const meta = await newRowMeta(ctx);
    await repo.insertMember(tx, {
      ...meta,
      household_id: h.id,
      ...repo.newMemberColumns(m, id),
      sort_order: await repo.nextSortOrder(tx, h.id),
    });
    const added = await repo.findMember(tx, meta.id);
    if (!added) throw memberNotFound();
    await audit.record({
      entity: 'member',
      entityId: meta.id,
      summary: `户 ${h.household_code} 新增成员 ${m.name}（${relationLabels[m.relation]}）`,
      before: null,
      after: { householdId: h.id, ...memberView(added), status: 'current' },
    });
    await syncHousehold(ctx, tx, audit, h.id);
    return toMember(added);
  });
}

export async function updateMember(ctx: HandlerContext, input: In<'households.updateMember'>): Promise<OutputOf<'households.updateMember'>> {
  const today = ctx.today();
  return ctx.mutate(async (tx, audit) => {
    const m = await repo.findMember(tx, input.id);
    if (!m) throw memberNotFound();
    const h = await requireHousehold(tx, m.household_id);
    requireOpenForMembers(h);
    const before = memberView(m);
    const patch: Partial<MemberView> = {};
    for (const key of Object.keys(memberFieldLabels) as (keyof MemberView)[]) {
      if (key === 'sex' || key === 'birthDate') continue;
      const value = (input.patch as Record<string, unknown>)[key];
      if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
    }
    if (patch.idNumber !== undefined) {
      const id = checkIdNumber(patch.idNumber, today, 'patch.idNumber');
      patch.idNumber = id.value;
      patch.sex = id.sex;
      patch.birthDate = id.birthDate;
    }
    // Health changed away from 残疾 without saying anything about the disability: clear it.
    if (patch.health !== undefined && patch.health !== 'disabled' && patch.disabilityCategory === undefined && patch.disabilityGrade === undefined) {
      patch.disabilityCategory = null;
      patch.disabilityGrade = null;
    }
    const changed = changedKeys(before, patch);
    if (changed.length === 0) return toMember(m);
    const shownChanged = changed.filter((k) => k !== 'sex' && k !== 'birthDate');
    await refuseStaleSave(tx, m, input.version, ctx.clock.now(), shownChanged.map((k) => ({ path: `patch.${k}`, label: memberFieldNames[k] })));
    const after = { ...before, ...patch };
    checkDisability({ health: after.health, disability_category: after.disabilityCategory, disability_grade: after.disabilityGrade }, 'patch.');

    if (m.status === 'current') {
      if (changed.includes('relation')) {
        const members = await repo.listMembers(tx, h.id);
        if (m.relation === 'head') {
          const msg = '户主的与户主关系不能直接修改。如户主死亡或迁出，请对其办理减员并指定新户主';
          throw new AppError('RULE', msg, { 'patch.relation': msg });
        }
        if (after.relation === 'head') {
          const head = currentHead(members, m.id);
          if (head) throw secondHeadError(head, 'patch.relation');
        }
      }
      if (changed.includes('idNumber')) await checkNotLiving(tx, after.idNumber, 'patch.idNumber', m.id);
    }

    const values: Record<string, string | number | null> = {};
    for (const k of changed) values[memberColumn[k]] = toColumnValue(after[k]);
    await repo.updateMember(tx, m.id, { ...values, ...touched(ctx) });
    await audit.record({
      entity: 'member',
      entityId: m.id,
      summary: `修改户 ${h.household_code} 成员 ${m.name}：${changed.map((k) => memberFieldNames[k]).join('、')}`,
      before: pick(before, changed),
      after: pick(after, changed),
    });
    await syncHousehold(ctx, tx, audit, h.id);
    const saved = await repo.findMember(tx, m.id);
    if (!saved) throw memberNotFound();
    return toMember(saved);
  });
}

export async function memberLeave(ctx: HandlerContext, input: In<'households.memberLeave'>): Promise<OutputOf<'households.memberLeave'>> {
  checkDateNotFuture(input.date, ctx.today(), '减员日期');
  return ctx.mutate(async (tx, audit) => {
    const m = await repo.findMember(tx, input.id);
    if (!m) throw memberNotFound();
    const h = await requireHousehold(tx, m.household_id);
    requireOpenForMembers(h);
    if (m.status !== 'current') {
      const status = memberStatusLabels[m.status] ?? m.status;
      throw new AppError('RULE', `${m.name} 已于 ${m.left_date ?? ''} 减员（${status}），不能重复减员`);
    }
    if (input.date < m.birth_date) {
      const msg = `减员日期早于 ${m.name} 的出生日期（${m.birth_date}），请核对`;
      throw new AppError('INVALID_INPUT', msg, { date: msg });
    }
    const members = await repo.listMembers(tx, h.id);
    const others = members.filter((o) => o.status === 'current' && o.id !== m.id);
    let newHead: MemberRecord | undefined;
    if (m.relation === 'head' && others.length > 0) {
      if (!input.newHeadId) {
        const msg = `${m.name} 是户主，户内还有 ${others.length} 名在册成员，请指定新户主`;
        throw new AppError('RULE', msg, { newHeadId: msg });
      }
      newHead = others.find((o) => o.id === input.newHeadId);
      if (!newHead) {
        const msg = '新户主须是本户的其他在册成员，请重新选择';
        throw new AppError('INVALID_INPUT', msg, { newHeadId: msg });
      }
    } else if (input.newHeadId) {
      const msg = m.relation === 'head' ? '户内没有其他在册成员，无需指定新户主' : `${m.name} 不是户主，无需指定新户主`;
      throw new AppError('INVALID_INPUT', msg, { newHeadId: msg });
    }

    const status = input.status;
    await repo.updateMember(tx, m.id, { status, left_date: input.date, left_reason: input.reason, ...touched(ctx) });
    await audit.record({
      entity: 'member',
      entityId: m.id,
      summary: `户 ${h.household_code} 成员 ${m.name} 减员：${memberStatusLabels[status]}（${input.date}，${input.reason}）`,
      before: { status: 'current', leftDate: null, leftReason: null },
      after: { status, leftDate: input.date, leftReason: input.reason },
    });
    if (newHead) {
      await repo.updateMember(tx, newHead.id, { relation: 'head', ...touched(ctx) });
      await audit.record({
        entity: 'member',
        entityId: newHead.id,
        summary: `户 ${h.household_code} 户主变更：${m.name}（${memberStatusLabels[status]}）→ ${newHead.name}`,
        before: { relation: newHead.relation },
        after: { relation: 'head' },
      });
    }
    await syncHousehold(ctx, tx, audit, h.id);
    const saved = await repo.findMember(tx, m.id);
    if (!saved) throw memberNotFound();
    return toMember(saved);
  });
}

export async function changeHead(ctx: HandlerContext, input: In<'households.changeHead'>): Promise<OutputOf<'households.changeHead'>> {
  await ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.householdId);
    requireOpenForMembers(h);
    const members = await repo.listMembers(tx, h.id);
    const next = members.find((m) => m.id === input.newHeadId && m.status === 'current');
    if (!next) {
      const msg = '新户主须是本户的在册成员，请重新选择';
      throw new AppError('INVALID_INPUT', msg, { newHeadId: msg });
    }
    const former = currentHead(members);
    if (former?.id === next.id) throw new AppError('RULE', `${next.name} 已是户主，无需变更`);
    if (former) {
      await repo.updateMember(tx, former.id, { relation: input.formerHeadRelation, ...touched(ctx) });
      await audit.record({
        entity: 'member',
        entityId: former.id,
        summary: `户 ${h.household_code} 户主变更：${former.name} 不再是户主，改为"${relationLabels[input.formerHeadRelation]}"`,
        before: { relation: 'head' },
        after: { relation: input.formerHeadRelation },
      });
    }
    await saveOtherRelations(ctx, tx, audit, h, members, { next, former }, input.otherRelations);
    await repo.updateMember(tx, next.id, { relation: 'head', ...touched(ctx) });
    await audit.record({
      entity: 'member',
      entityId: next.id,
      summary: `户 ${h.household_code} 户主变更：${former?.name ?? '（无）'} → ${next.name}`,
      before: { relation: next.relation },
      after: { relation: 'head' },
    });
    await syncHousehold(ctx, tx, audit, h.id);
  });
  return requireDetail(ctx.db, input.householdId);
}
