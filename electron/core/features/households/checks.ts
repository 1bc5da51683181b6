import type { Transaction } from 'kysely';
import type { HouseholdDetail } from '../../../../shared/contract/households';
import { isNoLaborHousehold } from '../../../../shared/domain/household';
import { duplicateIdMessage, parseIdNumber, type IdNumberCheck } from '../../../../shared/domain/idNumber';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { touched } from '../../rows';
import type { DB } from '../../db/schema';
import type { AuditWriter } from '../../auditWriter';
import * as repo from './repository';
import type { HouseholdRecord } from './repository';
import { toHouseholdDetail, changedKeys, pick } from './views';

type Tx = Transaction<DB>;

// 户籍: the checks the household and member channels share, and syncHousehold, which keeps a
// household's head, size and no-labour flag following its members.

export const householdNotFound = () => new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新列表后重试');
export const memberNotFound = () => new AppError('NOT_FOUND', '找不到该成员，可能已被删除，请刷新后重试');

export async function requireHousehold(db: Tx | HandlerContext['db'], id: string): Promise<HouseholdRecord> {
  const h = await repo.findHousehold(db, id);
  if (!h) throw householdNotFound();
  return h;
}

export async function requireDetail(db: Tx | HandlerContext['db'], id: string): Promise<HouseholdDetail> {
  const h = await repo.findHouseholdDetail(db, id);
  if (!h) throw householdNotFound();
  return toHouseholdDetail(h);
}

export function requireOpen(h: HouseholdRecord): void {
  if (h.status === 'closed') throw new AppError('RULE', '该户已注销，如需修改请先恢复');
}

export function requireOpenForMembers(h: HouseholdRecord): void {
  if (h.status === 'closed') throw new AppError('RULE', `户 ${h.household_code} 已注销，不能增减或修改成员。如需办理，请先恢复该户`);
}

export async function checkVillageAndGroup(tx: Tx, villageId: string, groupId: string, checkVillage: boolean, prefix = ''): Promise<void> {
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

export async function checkCodeFree(tx: Tx, code: string, exceptId?: string, prefix = ''): Promise<void> {
  const clash = await repo.findHouseholdByCode(tx, code);
  if (clash && clash.id !== exceptId) {
    const msg = `户编号 ${code} 已被户主为 ${clash.head_name} 的户使用，请核对户编号`;
    throw new AppError('CONFLICT', msg, { [`${prefix}householdCode`]: msg });
  }
}

/** Parses an ID number again with the office's today (the contract cannot know today). */
export type ParsedId = Extract<IdNumberCheck, { ok: true }>;

export function checkIdNumber(raw: string, today: string, field: string): ParsedId {
  const parsed = parseIdNumber(raw, today);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message, { [field]: parsed.message });
  return parsed;
}

export function duplicateMessage(idNumber: string, holder: repo.IdHolder): string {
  return duplicateIdMessage(idNumber, holder);
}

export async function checkNotLiving(tx: Tx, idNumber: string, field: string, excludeMemberId?: string): Promise<void> {
  const holder = await repo.findLivingHolder(tx, idNumber, excludeMemberId);
  if (holder) {
    const msg = duplicateMessage(idNumber, holder);
    throw new AppError('DUPLICATE_ID', msg, { [field]: msg });
  }
}

export function checkDisability(m: { health: string; disability_category: string | null; disability_grade: number | null }, prefix: string): void {
  if (m.health === 'disabled' && (m.disability_category === null || m.disability_grade === null)) {
    const msg = '健康状况为残疾时，请填写残疾类别和等级';
    throw new AppError('INVALID_INPUT', msg, { [`${prefix}disabilityCategory`]: msg });
  }
  if (m.health !== 'disabled' && (m.disability_category !== null || m.disability_grade !== null)) {
    const msg = '填写了残疾类别或等级，健康状况应选"残疾"';
    throw new AppError('INVALID_INPUT', msg, { [`${prefix}health`]: msg });
  }
}

export function checkDateNotFuture(date: string, today: string, what: string): void {
  if (date > today) {
    const msg = `${what}不能晚于今天（${today}），请核对`;
    throw new AppError('INVALID_INPUT', msg, { date: msg });
  }
}

/**
 * Brings head_name, head_id_number, member_count and no_labor in line with the members, in the
 * caller's transaction; writes one audit row for the household when any of them changed.
 */
export async function syncHousehold(ctx: HandlerContext, tx: Tx, audit: AuditWriter, householdId: string): Promise<void> {
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
