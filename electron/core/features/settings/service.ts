import type { Kysely, Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { officeEditFieldLabels } from '../../../../shared/contract/settings';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { uuidv7 } from '../../ids';
import { touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { hashPassword } from '../users/password';
import { insertUser } from '../users/repository';
import { takeAutoBackupIfDue } from '../backups/service';
import * as repo from './repository';

/** True when the submitted groups are not exactly the village's stored ones (a rename or an addition). */
async function groupsDiffer(db: Kysely<DB> | Transaction<DB>, villageId: string, groups: readonly { id?: string | undefined; name: string }[]): Promise<boolean> {
  const stored = await repo.listVillageGroups(db, villageId);
  const names = new Map(stored.map((g) => [g.id, g.name]));
  return groups.length !== stored.length || groups.some((g) => g.id === undefined || names.get(g.id) !== g.name);
}

export async function status(ctx: HandlerContext): Promise<OutputOf<'settings.status'>> {
  const office = await repo.getOffice(ctx.db);
  if (!office) return { configured: false, office: null, today: ctx.today() };
  const { id: _id, ...view } = office;
  return { configured: true, office: view, today: ctx.today() };
}

/**
 * First run: the office, villages with groups and the first administrator, in one transaction,
 * so a half-finished setup never leaves an office without anyone able to sign in.
 */
export async function setup(ctx: HandlerContext, input: ParsedInputOf<'settings.setup'>): Promise<OutputOf<'settings.setup'>> {
  const alreadyConfigured = () => new AppError('ALREADY_CONFIGURED', '本机已完成首次设置，请直接登录');
  if (await repo.getOffice(ctx.db)) throw alreadyConfigured();
  const now = ctx.nowIso();
  const adminId = uuidv7();
  const meta = (id: string) => ({
    id,
    office_code: input.townshipCode,
    created_at: now,
    updated_at: now,
    updated_by: adminId,
    deleted_at: null,
    delete_reason: null,
  });
  const passwordHash = await hashPassword(input.admin.password);
  await ctx.db.transaction().execute(async (tx) => {
    // Checked again inside the write transaction (one writer at a time): of several setups sent
    // at once, only the first creates an office and an administrator.
    if (await repo.getOffice(tx)) throw alreadyConfigured();
    await repo.insertOffice(tx, {
      ...meta(uuidv7()),
      county_code: input.countyCode,
      county_name: input.countyName,
      township_code: input.townshipCode,
      township_name: input.townshipName,
      phone: input.phone,
      idle_minutes: 15,
    });
    for (const [i, v] of input.villages.entries()) {
      const villageId = uuidv7();
      await repo.insertVillage(tx, { ...meta(villageId), code: v.code, name: v.name, sort_order: i });
      const groups = [...new Set(v.groups)];
      for (const [j, g] of groups.entries()) {
        await repo.insertVillageGroup(tx, { ...meta(uuidv7()), village_id: villageId, name: g, sort_order: j });
      }
    }
    await insertUser(tx, {
      ...meta(adminId),
      username: input.admin.username,
      display_name: input.admin.displayName,
      role: 'admin',
      password_hash: passwordHash,
      active: 1,
      last_login_at: null,
    });
    await repo.insertSetupAudit(tx, {
      id: uuidv7(),
      office_code: input.townshipCode,
      at: now,
      user_id: adminId,
      user_name: input.admin.displayName,
      channel: ctx.channel,
      entity: 'office',
      entity_id: input.townshipCode,
      summary: `首次设置：${input.countyName}${input.townshipName}，${input.villages.length} 个村，管理员 ${input.admin.username}`,
      changes: '[]',
    });
  });
  ctx.invalidateOffice();
  // A new office has its first backup at once (issue 15 #16), rather than a warning two days on.
  // A failure here must not undo the setup: the daily check tries again and the status warns.
  try {
    await takeAutoBackupIfDue({ db: ctx.db, dataDir: ctx.dataDir, now: ctx.clock.now() });
  } catch {
    // nothing more to do: see above
  }
  return {};
}

export async function office(ctx: HandlerContext): Promise<OutputOf<'settings.office'>> {
  const found = await repo.getOffice(ctx.db);
  if (!found) throw new AppError('NOT_CONFIGURED', '尚未完成首次设置，请先填写单位和村组信息');
  const { id: _id, ...view } = found;
  return { office: view, villages: await repo.listVillages(ctx.db) };
}

export async function updateOffice(ctx: HandlerContext, input: ParsedInputOf<'settings.updateOffice'>): Promise<OutputOf<'settings.updateOffice'>> {
  const { version, ...after } = input;
  await ctx.mutate(async (tx, audit) => {
    // Read inside the transaction: the version check and the audit's "before" see the row saved.
    const office = await repo.getOffice(tx);
    if (!office) throw new AppError('NOT_CONFIGURED', '尚未完成首次设置');
    const before = { countyName: office.countyName, townshipName: office.townshipName, phone: office.phone, idleMinutes: office.idleMinutes };
    // Two admins editing the settings: the second save is refused unless it changes nothing.
    const differing = (Object.keys(officeEditFieldLabels) as (keyof typeof officeEditFieldLabels)[])
      .filter((k) => after[k] !== before[k])
      .map((k) => ({ path: k, label: officeEditFieldLabels[k] }));
    if (differing.length > 0) await refuseStaleSave(tx, await repo.officeVersion(tx, office.id), version, ctx.clock.now(), differing);
    await repo.updateOffice(tx, office.id, { county_name: after.countyName, township_name: after.townshipName, phone: after.phone, idle_minutes: after.idleMinutes, ...touched(ctx) });
    await audit.record({ entity: 'office', entityId: office.townshipCode, summary: '修改单位设置', before, after });
  });
  ctx.invalidateOffice();
  const { id: _id, ...view } = (await repo.getOffice(ctx.db))!;
  return view;
}

export async function saveVillage(ctx: HandlerContext, input: ParsedInputOf<'settings.saveVillage'>): Promise<OutputOf<'settings.saveVillage'>> {
  const officeCode = await ctx.officeCode();
  if (!input.code.startsWith(officeCode)) {
    throw new AppError('INVALID_INPUT', '村代码的前 9 位应与本乡镇代码相同', { code: `应以 ${officeCode} 开头` });
  }
  const names = input.groups.map((g) => g.name);
  if (new Set(names).size !== names.length) {
    throw new AppError('INVALID_INPUT', '同一个村里的村民小组名称不能重复', { groups: '小组名称重复' });
  }
  const clash = await repo.findVillageByCode(ctx.db, input.code);
  if (clash && clash.id !== input.id) {
    throw new AppError('CONFLICT', `村代码 ${input.code} 已属于${clash.name}，请检查`, { code: '村代码已被使用' });
  }
  const villageId = await ctx.mutate(async (tx, audit) => {
    const stamp = touched(ctx);
    let id = input.id;
    if (id) {
      const before = await repo.findVillage(tx, id);
      if (!before) throw new AppError('NOT_FOUND', '找不到该村，可能已被删除，请刷新');
      const differing = [
        ...(before.name !== input.name ? [{ path: 'name', label: '村名' }] : []),
        ...(before.code !== input.code ? [{ path: 'code', label: '村代码' }] : []),
        ...(await groupsDiffer(tx, id, input.groups) ? [{ path: 'groups', label: '村民小组' }] : []),
      ];
      if (differing.length > 0) await refuseStaleSave(tx, before, input.version, ctx.clock.now(), differing);
      await repo.updateVillage(tx, id, { name: input.name, code: input.code, ...stamp });
      await audit.record({ entity: 'village', entityId: id, summary: `修改村 ${input.name}`, before: { name: before.name, code: before.code }, after: { name: input.name, code: input.code } });
    } else {
      id = uuidv7();
      const count = await repo.countVillageRows(tx);
      await repo.insertVillage(tx, { id, office_code: officeCode, created_at: stamp.updated_at, ...stamp, deleted_at: null, delete_reason: null, code: input.code, name: input.name, sort_order: count });
      await audit.record({ entity: 'village', entityId: id, summary: `新增村 ${input.name}（${input.code}）`, after: { name: input.name, code: input.code } });
    }
    const existing = await repo.listVillageGroups(tx, id);
    let groupsChanged = false;
    for (const [i, g] of input.groups.entries()) {
      const old = g.id ? existing.find((e) => e.id === g.id) : undefined;
      if (g.id && !old) throw new AppError('NOT_FOUND', `找不到小组"${g.name}"，请刷新后重试`);
      if (old) {
        if (old.name !== g.name) {
          groupsChanged = true;
          await repo.updateVillageGroup(tx, old.id, { name: g.name, sort_order: i, ...stamp });
          await audit.record({ entity: 'villageGroup', entityId: old.id, summary: `小组改名：${old.name} → ${g.name}`, before: { name: old.name }, after: { name: g.name } });
        }
      } else {
        const gid = uuidv7();
        groupsChanged = true;
        await repo.insertVillageGroup(tx, { id: gid, office_code: officeCode, created_at: stamp.updated_at, ...stamp, deleted_at: null, delete_reason: null, village_id: id, name: g.name, sort_order: i });
        await audit.record({ entity: 'villageGroup', entityId: gid, summary: `${input.name}新增小组 ${g.name}`, after: { name: g.name } });
      }
    }
    // A group renamed or added changes the village as its form shows it: the next stale form must see that.
    if (input.id && groupsChanged) await repo.bumpVillageVersion(tx, id);
    // Groups are never removed here: households point at them. Missing ones simply stay.
    const kept = new Set(input.groups.flatMap((g) => (g.id ? [g.id] : [])));
    const dropped = existing.filter((e) => !kept.has(e.id));
    if (dropped.length > 0) {
      throw new AppError('RULE', `小组不能在这里删除（${dropped.map((d) => d.name).join('、')}）：户籍记录仍指向它们`);
    }
    return id;
  });
  const village = (await repo.listVillages(ctx.db)).find((v) => v.id === villageId);
  if (!village) throw new AppError('INTERNAL', '保存后未能读取该村，请刷新');
  return village;
}

export async function removeVillage(ctx: HandlerContext, { id, reason }: ParsedInputOf<'settings.removeVillage'>): Promise<OutputOf<'settings.removeVillage'>> {
  const village = await repo.findVillage(ctx.db, id);
  if (!village) throw new AppError('NOT_FOUND', '找不到该村，可能已被删除，请刷新');
  const used = await repo.countVillageHouseholds(ctx.db, id);
  if (used > 0) {
    throw new AppError('RULE', `${village.name}还有 ${used} 户在册或已注销的户籍记录，不能删除。如村已合并，请先把这些户调整到新村`);
  }
  await ctx.mutate(async (tx, audit) => {
    const now = ctx.nowIso();
    await repo.updateVillage(tx, id, { deleted_at: now, delete_reason: reason, ...touched(ctx) });
    await audit.record({ entity: 'village', entityId: id, summary: `删除村 ${village.name}：${reason}` });
  });
  return {};
}
