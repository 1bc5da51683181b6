import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { isNoLaborHousehold, memberStatusLabels, householdFieldLabels } from '../../../../shared/domain/household';
import { parseIdNumber } from '../../../../shared/domain/idNumber';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { refreshVisitSchedule } from '../../derived/visitSchedule';
import * as repo from './repository';
import { toMember, toHouseholdRow, householdView, type HouseholdView, householdFieldNames, householdColumn, toColumnValue, changedKeys, pick } from './views';
import { requireHousehold, requireDetail, requireOpen, checkVillageAndGroup, checkCodeFree, type ParsedId, duplicateMessage, checkNotLiving, checkDateNotFuture, syncHousehold } from './checks';

type In<C extends ChannelName> = ParsedInputOf<C>;

// 户籍: the household channels (reads, create, update, close, reopen). Members are in
// members.ts; the shared checks in checks.ts; row maps and audit views in views.ts.

// ---------------------------------------------------------------------------------------------
// Reads

export async function list(ctx: HandlerContext, input: ParsedInputOf<'households.list'>): Promise<OutputOf<'households.list'>> {
  const { total, rows } = await repo.listHouseholds(ctx.db, {
    villageId: input.villageId,
    groupId: input.groupId,
    kind: input.kind,
    flags: input.flags,
    status: input.status,
    search: input.search.trim(),
    pending: input.pending ? { today: ctx.today() } : undefined,
    sort: input.sort,
    offset: input.offset,
    limit: input.limit,
  });
  return { total, rows: rows.map(toHouseholdRow) };
}

export async function get(ctx: HandlerContext, id: string): Promise<OutputOf<'households.get'>> {
  const household = await requireDetail(ctx.db, id);
  const members = await repo.listMembers(ctx.db, id);
  return { household, members: members.map(toMember) };
}

export async function checkId(ctx: HandlerContext, input: ParsedInputOf<'households.checkId'>): Promise<OutputOf<'households.checkId'>> {
  const parsed = parseIdNumber(input.idNumber, '9999-12-31');
  const idNumber = parsed.ok ? parsed.value : input.idNumber.trim().toUpperCase();
  if (idNumber === '') return { holder: null };
  return { holder: await repo.findLivingHolder(ctx.db, idNumber, input.excludeMemberId) };
}

// ---------------------------------------------------------------------------------------------
// Households

export async function create(ctx: HandlerContext, input: In<'households.create'>): Promise<OutputOf<'households.create'>> {
  const today = ctx.today();
  // Every ID number again with today's date; report all bad ones at once, beside their fields.
  const ids: ParsedId[] = [];
  const badFields: Record<string, string> = {};
  input.members.forEach((m, i) => {
    const p = parseIdNumber(m.idNumber, today);
    if (p.ok) ids.push(p);
    else badFields[`members.${i}.idNumber`] = `第 ${i + 1} 位成员：${p.message}`;
  });
  const bad = Object.values(badFields);
  if (bad.length > 0) {
    throw new AppError('INVALID_INPUT', bad.length > 1 ? `${bad[0]}（共 ${bad.length} 处需要修改）` : bad[0]!, badFields);
  }
  const headIndex = input.members.findIndex((m) => m.relation === 'head');
  const head = input.members[headIndex];
  if (!head) throw new AppError('INVALID_INPUT', '请指定一名户主（与户主关系选"户主"）', { members: '请指定一名户主' });

  return ctx.mutate(async (tx, audit) => {
    await checkVillageAndGroup(tx, input.villageId, input.groupId, true);
    await checkCodeFree(tx, input.householdCode);
    const dupFields: Record<string, string> = {};
    for (const [i, p] of ids.entries()) {
      const holder = await repo.findLivingHolder(tx, p.value);
      if (holder) dupFields[`members.${i}.idNumber`] = duplicateMessage(p.value, holder);
    }
    const dups = Object.values(dupFields);
    if (dups.length > 0) {
      throw new AppError('DUPLICATE_ID', dups.length > 1 ? `${dups[0]}（共 ${dups.length} 人已在册）` : dups[0]!, dupFields);
    }

    const meta = await newRowMeta(ctx);
    const noLabor = isNoLaborHousehold(input.members.map((m) => ({ labor: m.labor, status: 'current' as const })));
    await repo.insertHousehold(tx, {
      ...meta,
      household_code: input.householdCode,
      village_id: input.villageId,
      group_id: input.groupId,
      address: input.address,
      phone: input.phone,
      kind: input.kind,
      dibao: input.dibao ? 1 : 0,
      tekun: input.tekun ? 1 : 0,
      relocated: input.relocated ? 1 : 0,
      no_labor: noLabor ? 1 : 0,
      helper_name: input.helperName,
      helper_phone: input.helperPhone,
      head_name: head.name,
      head_id_number: ids[headIndex]!.value,
      member_count: input.members.length,
      status: 'active',
      closed_date: null,
      close_reason: null,
    });
    for (const [i, m] of input.members.entries()) {
      const id = ids[i]!;
      await repo.insertMember(tx, {
        ...(await newRowMeta(ctx)),
        household_id: meta.id,
        ...repo.newMemberColumns(m, id),
        sort_order: i + 1,
      });
    }
    const created = await requireHousehold(tx, meta.id);
    await audit.record({
      entity: 'household',
      entityId: meta.id,
      summary: `新建户 ${input.householdCode}（户主 ${head.name}，${input.members.length} 人）`,
      before: null,
      after: {
        ...householdView(created),
        headName: created.head_name,
        memberCount: created.member_count,
        noLabor: created.no_labor === 1,
        members: input.members.map((m, i) => ({ name: m.name, idNumber: ids[i]!.value, relation: m.relation })),
      },
    });
    await refreshVisitSchedule(tx, ctx, meta.id);
    return { id: meta.id };
  });
}

export async function update(ctx: HandlerContext, input: In<'households.update'>): Promise<OutputOf<'households.update'>> {
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.id);
    requireOpen(h);
    const before = householdView(h);
    const patch: Partial<HouseholdView> = {};
    for (const key of Object.keys(householdFieldLabels) as (keyof HouseholdView)[]) {
      const value = input.patch[key];
      if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
    }
    const changed = changedKeys(before, patch);
    if (changed.length === 0) return requireDetail(tx, h.id);
    await refuseStaleSave(tx, h, input.version, ctx.clock.now(), changed.map((k) => ({ path: `patch.${k}`, label: householdFieldNames[k] })));

    const villageId = patch.villageId ?? h.village_id;
    const groupId = patch.groupId ?? h.group_id;
    if (villageId !== h.village_id || groupId !== h.group_id) {
      if (villageId !== h.village_id && patch.groupId === undefined) {
        const msg = '换村时请同时选择新村的村民小组';
        throw new AppError('INVALID_INPUT', msg, { 'patch.groupId': msg });
      }
      await checkVillageAndGroup(tx, villageId, groupId, villageId !== h.village_id, 'patch.');
    }
    if (patch.householdCode !== undefined && patch.householdCode !== h.household_code) {
      await checkCodeFree(tx, patch.householdCode, h.id, 'patch.');
    }

    const values: Record<string, string | number | null> = {};
    for (const k of changed) values[householdColumn[k]] = toColumnValue(patch[k]);
    await repo.updateHousehold(tx, h.id, { ...values, ...touched(ctx) });
    await audit.record({
      entity: 'household',
      entityId: h.id,
      summary: `修改户 ${h.household_code}（户主 ${h.head_name}）：${changed.map((k) => householdFieldNames[k]).join('、')}`,
      before: pick(before, changed),
      after: pick({ ...before, ...patch }, changed),
    });
    if (changed.includes('kind')) await refreshVisitSchedule(tx, ctx, h.id);
    return requireDetail(tx, h.id);
  });
}

/** The reason written on members who left because their household was closed; reopen looks for it. */
function leftWithHousehold(closeReason: string): string {
  return `随户注销：${closeReason}`;
}

export async function close(ctx: HandlerContext, input: In<'households.close'>): Promise<OutputOf<'households.close'>> {
  checkDateNotFuture(input.date, ctx.today(), '注销日期');
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.id);
    if (h.status === 'closed') {
      throw new AppError('RULE', `该户已于 ${h.closed_date ?? ''} 注销，不能重复注销`);
    }
    const current = (await repo.listMembers(tx, h.id)).filter((m) => m.status === 'current');
    if (current.length > 0 && !input.membersLeaveAs) {
      const msg = `户内还有 ${current.length} 名在册成员，请选择他们随户减员的类型（整户迁出选"迁出"）`;
      throw new AppError('INVALID_INPUT', msg, { membersLeaveAs: msg });
    }
    const leaveAs = input.membersLeaveAs ?? 'otherLeft';
    const leftReason = leftWithHousehold(input.reason);
    for (const m of current) {
      await repo.updateMember(tx, m.id, { status: leaveAs, left_date: input.date, left_reason: leftReason, ...touched(ctx) });
      await audit.record({
        entity: 'member',
        entityId: m.id,
        summary: `户 ${h.household_code} 成员 ${m.name} 随户减员：${memberStatusLabels[leaveAs]}（${input.date}，${input.reason}）`,
        before: { status: 'current', leftDate: null, leftReason: null },
        after: { status: leaveAs, leftDate: input.date, leftReason: leftReason },
      });
    }
    await syncHousehold(ctx, tx, audit, h.id);
    await repo.updateHousehold(tx, h.id, { status: 'closed', closed_date: input.date, close_reason: input.reason, ...touched(ctx) });
    await audit.record({
      entity: 'household',
      entityId: h.id,
      summary: `注销户 ${h.household_code}（户主 ${h.head_name}）：${input.reason}${current.length > 0 ? `，${current.length} 名成员随户${memberStatusLabels[leaveAs]}` : ''}`,
      before: { status: 'active', closedDate: null, closeReason: null },
      after: { status: 'closed', closedDate: input.date, closeReason: input.reason },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return requireDetail(tx, h.id);
  });
}

export async function reopen(ctx: HandlerContext, input: In<'households.reopen'>): Promise<OutputOf<'households.reopen'>> {
  return ctx.mutate(async (tx, audit) => {
    const h = await requireHousehold(tx, input.id);
    if (h.status !== 'closed') throw new AppError('RULE', '该户未注销，无需恢复');
    const members = await repo.listMembers(tx, h.id);
    const leftWithIt = members.filter(
      (m) => m.status !== 'current' && m.left_date === h.closed_date && m.left_reason === leftWithHousehold(h.close_reason ?? ''),
    );
    for (const m of leftWithIt) {
      // Someone who has since been registered in another household stays there.
      await checkNotLiving(tx, m.id_number, 'id');
      await repo.updateMember(tx, m.id, { status: 'current', left_date: null, left_reason: null, ...touched(ctx) });
      await audit.record({
        entity: 'member',
        entityId: m.id,
        summary: `户 ${h.household_code} 成员 ${m.name} 随户恢复在册`,
        before: { status: m.status, leftDate: m.left_date, leftReason: m.left_reason },
        after: { status: 'current', leftDate: null, leftReason: null },
      });
    }
    await syncHousehold(ctx, tx, audit, h.id);
    await repo.updateHousehold(tx, h.id, { status: 'active', closed_date: null, close_reason: null, ...touched(ctx) });
    await audit.record({
      entity: 'household',
      entityId: h.id,
      summary: `恢复户 ${h.household_code}（户主 ${h.head_name}）：${input.reason}`,
      before: { status: 'closed', closedDate: h.closed_date, closeReason: h.close_reason },
      after: { status: 'active', closedDate: null, closeReason: null },
    });
    await refreshVisitSchedule(tx, ctx, h.id);
    return requireDetail(tx, h.id);
  });
}
