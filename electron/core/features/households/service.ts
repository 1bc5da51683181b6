import type { Transaction } from 'kysely';
import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { HouseholdDetail, HouseholdRow, Member } from '../../../../shared/contract/households';
import {
  isNoLaborHousehold,
  memberStatusLabels,
  relationLabels,
  householdFieldLabels,
  memberFieldLabels,
  type DisabilityCategory,
} from '../../../../shared/domain/household';
import { duplicateIdMessage, parseIdNumber, type IdNumberCheck } from '../../../../shared/domain/idNumber';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB, MemberTable } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import type { AuditWriter } from '../audit/writer';
import { refreshVisitSchedule } from '../visits/schedule';
import * as repo from './repository';
import { saveOtherRelations } from './otherRelations';
import type { HouseholdRecord, HouseholdWithNames, MemberRecord } from './repository';

type Tx = Transaction<DB>;
type In<C extends ChannelName> = ParsedInputOf<C>;

// ---------------------------------------------------------------------------------------------
// Rows → contract shapes (0/1 integers become booleans, text codes become their enums)

export function toMember(m: MemberRecord): Member {
  return {
    id: m.id,
    householdId: m.household_id,
    name: m.name,
    idNumber: m.id_number,
    sex: m.sex as Member['sex'],
    birthDate: m.birth_date,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disabilityCategory: m.disability_category as DisabilityCategory | null,
    disabilityGrade: m.disability_grade,
    labor: m.labor,
    workStatus: m.work_status,
    medicalInsurance: m.medical_insurance === 1,
    pensionInsurance: m.pension_insurance === 1,
    phone: m.phone,
    status: m.status,
    leftDate: m.left_date,
    leftReason: m.left_reason,
    version: m.version,
    updatedAt: m.updated_at,
  };
}

export function toHouseholdRow(h: HouseholdWithNames): HouseholdRow {
  return {
    id: h.id,
    householdCode: h.household_code,
    villageId: h.village_id,
    villageName: h.village_name,
    groupId: h.group_id,
    groupName: h.group_name,
    headName: h.head_name,
    headIdNumber: h.head_id_number,
    memberCount: h.member_count,
    kind: h.kind,
    dibao: h.dibao === 1,
    tekun: h.tekun === 1,
    relocated: h.relocated === 1,
    noLabor: h.no_labor === 1,
    helperName: h.helper_name,
    phone: h.phone,
    status: h.status,
    version: h.version,
    updatedAt: h.updated_at,
  };
}

export function toHouseholdDetail(h: HouseholdWithNames): HouseholdDetail {
  return {
    ...toHouseholdRow(h),
    address: h.address,
    helperPhone: h.helper_phone,
    closedDate: h.closed_date,
    closeReason: h.close_reason,
    createdAt: h.created_at,
  };
}

/** Household fields a clerk edits, in the contract's camelCase, as the audit log shows them. */
function householdView(h: HouseholdRecord) {
  return {
    householdCode: h.household_code,
    villageId: h.village_id,
    groupId: h.group_id,
    address: h.address,
    phone: h.phone,
    kind: h.kind,
    dibao: h.dibao === 1,
    tekun: h.tekun === 1,
    relocated: h.relocated === 1,
    helperName: h.helper_name,
    helperPhone: h.helper_phone,
  };
}
type HouseholdView = ReturnType<typeof householdView>;

const householdFieldNames: Record<keyof HouseholdView, string> = householdFieldLabels;

const householdColumn: Record<keyof HouseholdView, keyof HouseholdRecord> = {
  householdCode: 'household_code',
  villageId: 'village_id',
  groupId: 'group_id',
  address: 'address',
  phone: 'phone',
  kind: 'kind',
  dibao: 'dibao',
  tekun: 'tekun',
  relocated: 'relocated',
  helperName: 'helper_name',
  helperPhone: 'helper_phone',
};

/** Member fields a clerk edits (sex and birth date follow the ID number). */
function memberView(m: MemberRecord) {
  return {
    name: m.name,
    idNumber: m.id_number,
    sex: m.sex,
    birthDate: m.birth_date,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disabilityCategory: m.disability_category,
    disabilityGrade: m.disability_grade,
    labor: m.labor,
    workStatus: m.work_status,
    medicalInsurance: m.medical_insurance === 1,
    pensionInsurance: m.pension_insurance === 1,
    phone: m.phone,
  };
}
type MemberView = ReturnType<typeof memberView>;

const memberFieldNames: Record<keyof MemberView, string> = memberFieldLabels;

const memberColumn: Record<keyof MemberView, keyof MemberTable> = {
  name: 'name',
  idNumber: 'id_number',
  sex: 'sex',
  birthDate: 'birth_date',
  relation: 'relation',
  ethnicity: 'ethnicity',
  education: 'education',
  schooling: 'schooling',
  health: 'health',
  disabilityCategory: 'disability_category',
  disabilityGrade: 'disability_grade',
  labor: 'labor',
  workStatus: 'work_status',
  medicalInsurance: 'medical_insurance',
  pensionInsurance: 'pension_insurance',
  phone: 'phone',
};

function toColumnValue(v: unknown): string | number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as string | number | null;
}

/** The keys whose values differ, compared as the audit log compares them. */
function changedKeys<T extends Record<string, unknown>>(before: T, after: Partial<T>): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (k) => after[k] !== undefined && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

function pick<T extends Record<string, unknown>>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by several channels

const householdNotFound = () => new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新列表后重试');
const memberNotFound = () => new AppError('NOT_FOUND', '找不到该成员，可能已被删除，请刷新后重试');

async function requireHousehold(db: Tx | HandlerContext['db'], id: string): Promise<HouseholdRecord> {
  const h = await repo.findHousehold(db, id);
  if (!h) throw householdNotFound();
  return h;
}

async function requireDetail(db: Tx | HandlerContext['db'], id: string): Promise<HouseholdDetail> {
  const h = await repo.findHouseholdDetail(db, id);
  if (!h) throw householdNotFound();
  return toHouseholdDetail(h);
}

function requireOpen(h: HouseholdRecord): void {
  if (h.status === 'closed') throw new AppError('RULE', '该户已注销，如需修改请先恢复');
}

function requireOpenForMembers(h: HouseholdRecord): void {
  if (h.status === 'closed') throw new AppError('RULE', `户 ${h.household_code} 已注销，不能增减或修改成员。如需办理，请先恢复该户`);
}

async function checkVillageAndGroup(tx: Tx, villageId: string, groupId: string, checkVillage: boolean, prefix = ''): Promise<void> {
  if (checkVillage) {
    const village = await repo.findVillage(tx, villageId);
    if (!village || village.deleted_at !== null) {
      const msg = '所选的村不存在或已撤销，请重新选择村';
      throw new AppError('INVALID_INPUT', msg, { [`${prefix}villageId`]: msg });
    }
  }
  const group = await repo.findGroup(tx, groupId);
  if (!group || group.deleted_at !== null || group.village_id !== villageId) {
    const msg = !group || group.deleted_at !== null ? '所选的村民小组不存在，请重新选择组' : '所选的村民小组不属于该村，请在该村的小组中重新选择';
    throw new AppError('INVALID_INPUT', msg, { [`${prefix}groupId`]: msg });
  }
}

async function checkCodeFree(tx: Tx, code: string, exceptId?: string, prefix = ''): Promise<void> {
  const clash = await repo.findHouseholdByCode(tx, code);
  if (clash && clash.id !== exceptId) {
    const msg = `户编号 ${code} 已被户主为 ${clash.head_name} 的户使用，请核对户编号`;
    throw new AppError('CONFLICT', msg, { [`${prefix}householdCode`]: msg });
  }
}

/** Parses an ID number again with the office's today (the contract cannot know today). */
type ParsedId = Extract<IdNumberCheck, { ok: true }>;

function checkIdNumber(raw: string, today: string, field: string): ParsedId {
  const parsed = parseIdNumber(raw, today);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message, { [field]: parsed.message });
  return parsed;
}

function duplicateMessage(idNumber: string, holder: repo.IdHolder): string {
  return duplicateIdMessage(idNumber, holder);
}

async function checkNotLiving(tx: Tx, idNumber: string, field: string, excludeMemberId?: string): Promise<void> {
  const holder = await repo.findLivingHolder(tx, idNumber, excludeMemberId);
  if (holder) {
    const msg = duplicateMessage(idNumber, holder);
    throw new AppError('DUPLICATE_ID', msg, { [field]: msg });
  }
}

function checkDisability(m: { health: string; disability_category: string | null; disability_grade: number | null }, prefix: string): void {
  if (m.health === 'disabled' && (m.disability_category === null || m.disability_grade === null)) {
    const msg = '健康状况为残疾时，请填写残疾类别和等级';
    throw new AppError('INVALID_INPUT', msg, { [`${prefix}disabilityCategory`]: msg });
  }
  if (m.health !== 'disabled' && (m.disability_category !== null || m.disability_grade !== null)) {
    const msg = '填写了残疾类别或等级，健康状况应选"残疾"';
    throw new AppError('INVALID_INPUT', msg, { [`${prefix}health`]: msg });
  }
}

function checkDateNotFuture(date: string, today: string, what: string): void {
  if (date > today) {
    const msg = `${what}不能晚于今天（${today}），请核对`;
    throw new AppError('INVALID_INPUT', msg, { date: msg });
  }
}

/**
 * Brings head_name, head_id_number, member_count and no_labor in line with the members, in the
 * caller's transaction; writes one audit row for the household when any of them changed.
 */
async function syncHousehold(ctx: HandlerContext, tx: Tx, audit: AuditWriter, householdId: string): Promise<void> {
  const h = await requireHousehold(tx, householdId);
  const members = await repo.listMembers(tx, householdId);
  const current = members.filter((m) => m.status === 'current');
  const head = current.find((m) => m.relation === 'head');
  const next = {
    headName: head ? head.name : h.head_name,
    headIdNumber: head ? head.id_number : h.head_id_number,
    memberCount: current.length,
    noLabor: isNoLaborHousehold(members.map((m) => ({ labor: m.labor, status: m.status }))),
  };
  const prev = { headName: h.head_name, headIdNumber: h.head_id_number, memberCount: h.member_count, noLabor: h.no_labor === 1 };
  const changed = changedKeys(prev, next);
  if (changed.length === 0) return;
  await repo.updateHousehold(tx, householdId, {
    head_name: next.headName,
    head_id_number: next.headIdNumber,
    member_count: next.memberCount,
    no_labor: next.noLabor ? 1 : 0,
    ...touched(ctx),
  });
  const yesNo = (b: boolean) => (b ? '是' : '否');
  const notes: string[] = [];
  if (prev.memberCount !== next.memberCount) notes.push(`人数 ${prev.memberCount} → ${next.memberCount}`);
  if (prev.headName !== next.headName) notes.push(`户主 ${prev.headName} → ${next.headName}`);
  else if (prev.headIdNumber !== next.headIdNumber) notes.push('户主身份证号更正');
  if (prev.noLabor !== next.noLabor) notes.push(`整户无劳动能力 ${yesNo(prev.noLabor)} → ${yesNo(next.noLabor)}`);
  await audit.record({
    entity: 'household',
    entityId: householdId,
    summary: `户 ${h.household_code} 随成员变动更新：${notes.join('，')}`,
    before: pick(prev, changed),
    after: pick(next, changed),
  });
}

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

// ---------------------------------------------------------------------------------------------
// Members

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
