import type { Kysely, Insertable } from 'kysely';
import { isNoLaborHousehold } from '../../../shared/domain/household';
import { parseIdNumber } from '../../../shared/domain/idNumber';
import type { DB, HouseholdTable, MemberTable } from '../../core/db/schema';
import { hashPassword } from '../../core/features/users/password';
import { newMemberColumns } from '../../core/features/households/repository';
import { uuidv7 } from '../../core/ids';
import type { SeedHousehold, SeedTownship } from './generator';

export interface SeedOffice {
  countyName: string;
  countyCode: string;
  townshipName: string;
  townshipCode: string;
  adminUsername: string;
  adminPassword: string;
}

// 500 rows × ~30 columns stays well under SQLite's bound-variable limit and is near the
// measured sweet spot for Kysely over sqlite3 (TOOLCHAIN.md).
const householdChunk = 500;

/**
 * Writes a generated township into an empty database in one transaction: the office, villages and
 * groups, an administrator, every household and member, and one audit row that says it was seeded.
 */
/** A seeded office is set up as a real one is: public notices refuse to print without a supervision phone. */
const seedOfficePhone = '0598-2812345';

export async function writeSeed(db: Kysely<DB>, township: SeedTownship, office: SeedOffice, now: Date): Promise<{ households: number; members: number }> {
  const existing = await db.selectFrom('office').select('id').executeTakeFirst();
  if (existing) throw new Error('该数据文件夹已有单位数据：示例数据只写入新的空文件夹，请换一个 --data 目录');
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const adminId = uuidv7();
  const meta = () => ({ id: uuidv7(), office_code: office.townshipCode, created_at: at, updated_at: at, updated_by: adminId, deleted_at: null, delete_reason: null });
  const passwordHash = await hashPassword(office.adminPassword);

  const villageIds: string[] = [];
  const groupIds: string[][] = [];
  let householdCount = 0;
  let memberCount = 0;

  // Rows are built and written a chunk at a time, so a county-size seed never holds every row twice.
  function rowsFor(h: SeedHousehold): { household: Insertable<HouseholdTable>; members: Insertable<MemberTable>[] } {
    const householdId = uuidv7();
    const head = h.members[0]!;
    const members = h.members.map((m, i): Insertable<MemberTable> => {
      const id = parseIdNumber(m.idNumber, today);
      if (!id.ok) throw new Error(`生成的身份证号无效：${m.idNumber}（${id.message}）`);
      return {
        ...meta(),
        household_id: householdId,
        ...newMemberColumns(m, id),
        sort_order: i,
      };
    });
    const household: Insertable<HouseholdTable> = {
      ...meta(),
      id: householdId,
      household_code: h.householdCode,
      village_id: villageIds[h.villageIndex]!,
      group_id: groupIds[h.villageIndex]![h.groupIndex]!,
      address: h.address,
      phone: h.phone,
      kind: h.kind,
      dibao: h.dibao ? 1 : 0,
      tekun: h.tekun ? 1 : 0,
      relocated: h.relocated ? 1 : 0,
      no_labor: isNoLaborHousehold(h.members.map((m) => ({ labor: m.labor, status: 'current' as const }))) ? 1 : 0,
      helper_name: h.helperName,
      helper_phone: null,
      head_name: head.name,
      head_id_number: members[0]!.id_number,
      member_count: h.members.length,
      status: 'active',
      closed_date: null,
      close_reason: null,
    };
    return { household, members };
  }

  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('office')
      .values({ ...meta(), county_code: office.countyCode, county_name: office.countyName, township_code: office.townshipCode, township_name: office.townshipName, phone: seedOfficePhone, idle_minutes: 15 })
      .execute();
    for (const [i, v] of township.villages.entries()) {
      const vid = uuidv7();
      villageIds.push(vid);
      await tx.insertInto('villages').values({ ...meta(), id: vid, code: v.code, name: v.name, sort_order: i }).execute();
      const gids: string[] = [];
      for (const [j, g] of v.groups.entries()) {
        const gid = uuidv7();
        gids.push(gid);
        await tx.insertInto('village_groups').values({ ...meta(), id: gid, village_id: vid, name: g, sort_order: j }).execute();
      }
      groupIds.push(gids);
    }
    await tx
      .insertInto('users')
      .values({ ...meta(), id: adminId, username: office.adminUsername, display_name: '系统管理员', role: 'admin', password_hash: passwordHash, active: 1, last_login_at: null })
      .execute();
    for (let i = 0; i < township.households.length; i += householdChunk) {
      const chunk = township.households.slice(i, i + householdChunk).map(rowsFor);
      await tx.insertInto('households').values(chunk.map((c) => c.household)).execute();
      const members = chunk.flatMap((c) => c.members);
      for (let j = 0; j < members.length; j += householdChunk) {
        await tx.insertInto('members').values(members.slice(j, j + householdChunk)).execute();
      }
      householdCount += chunk.length;
      memberCount += members.length;
    }
    await tx
      .insertInto('audit_log')
      .values({
        id: uuidv7(),
        office_code: office.townshipCode,
        at,
        user_id: adminId,
        user_name: '示例数据生成',
        channel: 'seed.write',
        entity: 'office',
        entity_id: office.townshipCode,
        summary: `写入示例数据：${township.villages.length} 个村，${householdCount} 户，${memberCount} 人`,
        changes: '[]',
      })
      .execute();
  });
  return { households: householdCount, members: memberCount };
}
