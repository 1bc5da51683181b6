// Lost updates (issue 16, item 2): two people load the same record and both save. The first save
// stands; the second is refused with who changed the record and when, and the fields that differ.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, TestClock, userPassword, type TestOffice } from './harness';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { householdInput } from './householdsFixtures';

let office: TestOffice;
let clerk: string;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-10T02:42:00.000Z') });
  clerk = await office.loginAs('clerk');
});
afterEach(async () => {
  await office.close();
});

/** "10:42" as the office's local clock shows the test clock's time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

describe('households and members', () => {
  it('refuses the second of two saves of one household, naming the first user, and keeps the first save', async () => {
    const { id } = await office.call('households.create', householdInput(office));
    // Both load the household.
    const seenByClerk = (await office.call('households.get', { id }, clerk)).household;
    const seenByAdmin = (await office.call('households.get', { id })).household;
    expect(seenByAdmin.version).toBe(seenByClerk.version);

    office.clock.advanceMinutes(1);
    const first = await office.call('households.update', { id, version: seenByClerk.version, patch: { phone: '13900000001' } }, clerk);
    expect(first.version).toBe(seenByClerk.version + 1);

    const err = await office.fail('households.update', { id, version: seenByAdmin.version, patch: { phone: '13900000002', address: '新地址' } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`此记录已被 clerk测试 于 ${localTime('2026-03-10T02:43:00.000Z')} 修改`);
    expect(err.message).toContain('与您填写的不同之处：住址、联系电话');
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['patch.address', 'patch.phone']);

    const stored = (await office.call('households.get', { id })).household;
    expect(stored.phone).toBe('13900000001');
    expect(stored.address).toBe('坪埠村一组 8 号');

    // Reloaded, the admin's save goes through.
    const again = await office.call('households.update', { id, version: stored.version, patch: { phone: '13900000002' } });
    expect(again.phone).toBe('13900000002');
  });

  it('a member edit does not make an open household form stale, but a second member save is refused', async () => {
    const { id } = await office.call('households.create', householdInput(office));
    const loaded = await office.call('households.get', { id });
    const wife = loaded.members[1]!;

    await office.call('households.updateMember', { id: wife.id, version: wife.version, patch: { name: '李四梅' } }, clerk);
    const err = await office.fail('households.updateMember', { id: wife.id, version: wife.version, patch: { name: '李思妹', phone: '13900000003' } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 clerk测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：姓名、联系电话。/);
    expect((await office.call('households.get', { id })).members[1]!.name).toBe('李四梅');

    // The household's own version did not move with the member's change (derived head/count only).
    const h = await office.call('households.update', { id, version: loaded.household.version, patch: { address: '新地址' } });
    expect(h.address).toBe('新地址');
  });

  it('a stale save that changes nothing is no conflict; an import or script update makes a form stale', async () => {
    const { id } = await office.call('households.create', householdInput(office));
    const seen = (await office.call('households.get', { id })).household;
    await office.call('households.update', { id, version: seen.version, patch: { phone: '13900000001' } }, clerk);
    // Same value as stored: nothing would be lost.
    const same = await office.call('households.update', { id, version: seen.version, patch: { phone: '13900000001' } });
    expect(same.phone).toBe('13900000001');

    const now = (await office.call('households.get', { id })).household;
    await office.core.db.updateTable('households').set({ helper_name: '脚本改的' }).where('id', '=', id).execute();
    const err = await office.fail('households.update', { id, version: now.version, patch: { helperName: '表单改的' } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('帮扶责任人');
  });
});

/** Opens a monitoring case on a new household (clerk may do both). */
async function openCase() {
  const { id: householdId } = await office.call('households.create', householdInput(office));
  const d = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-03-01', risks: ['illness', 'schooling'] });
  return { householdId, detail: d };
}

describe('cases, measures, incomes, settings and thresholds', () => {
  it('case edits: the second save is refused naming the first user; the first holds, its risk rows too', async () => {
    const { detail } = await openCase();
    const seen = detail.case;
    office.clock.advanceMinutes(1);
    await office.call('monitoring.update', { id: seen.id, version: seen.version, helperName: '王帮扶' }, clerk);
    const err = await office.fail('monitoring.update', {
      id: seen.id,
      version: seen.version,
      helperName: '李帮扶',
      addRisks: [{ riskType: 'housing' }],
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 clerk测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：风险类型、帮扶联系人。/);
    const after = await office.call('monitoring.get', { id: seen.id });
    expect(after.case.helperName).toBe('王帮扶');
    expect(after.risks.map((r) => r.riskType).sort()).toEqual(['illness', 'schooling']);
  });

  it('measures: a stale update or status change is refused; the first save holds', async () => {
    const { detail } = await openCase();
    const m = await office.call('measures.create', { caseId: detail.case.id, measureTypeCode: 'JK03', responsibleUnit: '县医保局', plannedDate: '2026-03-15' });
    await office.call('measures.update', { id: m.id, version: m.version, responsibleUnit: '县卫健局' }, clerk);
    const err = await office.fail('measures.update', { id: m.id, version: m.version, status: 'cancelled', cancelReason: '重复录入' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 clerk测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：措施状态、取消原因。/);
    const [stored] = await office.call('measures.forCase', { caseId: detail.case.id }).then((r) => r.measures);
    expect(stored).toMatchObject({ responsibleUnit: '县卫健局', status: 'planned' });
  });

  it('incomes: a second save of one year is refused, also when both forms saw no record yet', async () => {
    const { id: householdId } = await office.call('households.create', householdInput(office));
    // Both open the empty 2025 form (no record: version null); the clerk saves first.
    const first = await office.call('income.save', { householdId, year: 2025, version: null, wageFen: 3_000_000 }, clerk);
    const err = await office.fail('income.save', { householdId, year: 2025, version: null, wageFen: 2_000_000 });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('此记录已被 clerk测试 于');
    expect(err.message).toContain('工资性收入');
    // Then both edit the saved year.
    await office.call('income.save', { householdId, year: 2025, version: first.version, wageFen: 3_100_000 }, clerk);
    const again = await office.fail('income.save', { householdId, year: 2025, version: first.version, wageFen: 3_200_000 });
    expect(again.code).toBe('CONFLICT');
    const years = await office.call('income.forHousehold', { householdId });
    expect(years.years.find((y) => y.year === 2025)?.wageFen).toBe(3_100_000);
  });

  it('office settings: the second admin save is refused and the first holds', async () => {
    const loaded = (await office.call('settings.office', {})).office;
    const admin2 = await office.loginAs('admin');
    await office.call('settings.updateOffice', { countyName: loaded.countyName, townshipName: '城关镇', phone: loaded.phone ?? '', idleMinutes: loaded.idleMinutes, version: loaded.version }, admin2);
    const err = await office.fail('settings.updateOffice', { countyName: loaded.countyName, townshipName: loaded.townshipName, phone: '0598-2800000', idleMinutes: loaded.idleMinutes, version: loaded.version });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：乡镇名称、联系电话。/);
    const now = (await office.call('settings.office', {})).office;
    expect(now).toMatchObject({ townshipName: '城关镇', phone: '0598-2812345' });
  });

  it("thresholds: the second save of a year's values is refused, also for a year neither had saved", async () => {
    const admin2 = await office.loginAs('admin');
    const values = suggestedThresholds(2026);
    const saved = await office.call('thresholds.save', { ...values, version: null, noticeDays: 7 }, admin2);
    const err = await office.fail('thresholds.save', { ...values, version: null, noticeDays: 5 });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：公示天数。/);
    await office.call('thresholds.save', { ...values, version: saved.version, noticeDays: 6 }, admin2);
    expect((await office.fail('thresholds.save', { ...values, version: saved.version, noticeDays: 9 })).code).toBe('CONFLICT');
    const list = await office.call('thresholds.list', {});
    expect(list.saved.find((y) => y.year === 2026)?.noticeDays).toBe(6);
  });
});

describe('villages, users, the measure catalog and the notice settings', () => {
  it('a village: a second save is refused after a rename or a new group; the first holds', async () => {
    const village = (await office.call('settings.office', {})).villages[0]!;
    const admin2 = await office.loginAs('admin');
    const groups = village.groups.map((g) => ({ id: g.id, name: g.name }));
    await office.call('settings.saveVillage', { id: village.id, version: village.version, name: village.name, code: village.code, groups: [...groups, { name: '新增组' }] }, admin2);
    const err = await office.fail('settings.saveVillage', { id: village.id, version: village.version, name: '改名村', code: village.code, groups });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：村名、村民小组。/);
    const now = (await office.call('settings.office', {})).villages[0]!;
    expect(now.name).toBe(village.name);
    expect(now.groups.map((g) => g.name)).toContain('新增组');
    expect(now.version).toBeGreaterThan(village.version);
    // Reloaded, the rename goes through.
    const renamed = await office.call('settings.saveVillage', { id: village.id, version: now.version, name: '改名村', code: village.code, groups: now.groups });
    expect(renamed.name).toBe('改名村');
  });

  it('a user: a second admin edit is refused; signing in does not make the form stale', async () => {
    await office.loginAs('clerk');
    const seen = (await office.call('users.list', {})).rows.find((u) => u.username === 'clerk1')!;
    const admin2 = await office.loginAs('admin');
    await office.call('users.update', { id: seen.id, version: seen.version, displayName: '王会计', role: 'clerk', active: true }, admin2);
    const err = await office.fail('users.update', { id: seen.id, version: seen.version, displayName: seen.displayName, role: 'reviewer', active: true });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：姓名、角色。/);
    const now = (await office.call('users.list', {})).rows.find((u) => u.id === seen.id)!;
    expect(now).toMatchObject({ displayName: '王会计', role: 'clerk' });
    await office.call('users.login', { username: 'clerk1', password: userPassword }, 'again');
    expect((await office.call('users.list', {})).rows.find((u) => u.id === seen.id)!.version).toBe(now.version);
  });

  it('a measure-catalog entry: a second save is refused, switching it off included', async () => {
    const type = (await office.call('measures.catalog', {})).types.find((t) => t.active)!;
    const admin2 = await office.loginAs('admin');
    const base = { code: type.code, family: type.family, name: type.name, riskTypes: type.riskTypes, hasAmount: type.hasAmount, active: true };
    await office.call('measures.saveType', { ...base, name: `${type.name}（新）`, version: type.version }, admin2);
    const err = await office.fail('measures.saveType', { ...base, active: false, version: type.version });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：措施名称、启用。/);
    const now = (await office.call('measures.catalog', {})).types.find((t) => t.code === type.code)!;
    expect(now).toMatchObject({ name: `${type.name}（新）`, active: true });
  });

  it('the notice settings: a second save is refused, also when neither form saw saved settings', async () => {
    const admin2 = await office.loginAs('admin');
    const seen = await office.call('notices.settings', {});
    expect(seen.version).toBeNull();
    const input = { columns: seen.columns, objectionPlace: null, objectionNote: null, noticePhone: null, version: seen.version };
    await office.call('notices.saveSettings', { ...input, noticePhone: '0598-2811111' }, admin2);
    const err = await office.fail('notices.saveSettings', { ...input, objectionPlace: '村委会' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 admin测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：异议受理地点、监督电话。/);
    const now = await office.call('notices.settings', {});
    expect(now).toMatchObject({ noticePhone: '0598-2811111', objectionPlace: null });
    await office.call('notices.saveSettings', { ...input, noticePhone: '0598-2811111', objectionPlace: '村委会', version: now.version });
  });

  it('an import preset: a second save under one name is refused, also when the form knew of no preset by that name', async () => {
    const name = '国家系统名单';
    const first = await office.call('files.saveImportPreset', { kind: 'households', name, mapping: { 户编号: 'householdCode' }, version: null });
    expect(first.version).toBe(1);
    await office.call('files.saveImportPreset', { kind: 'households', name, mapping: { 户编号: 'householdCode', 姓名: 'name' }, version: first.version }, clerk);
    const err = await office.fail('files.saveImportPreset', { kind: 'households', name, mapping: { 户编号: 'householdCode', 证件号码: 'idNumber' }, version: first.version });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^此记录已被 clerk测试 于 \d{2}:\d{2} 修改，与您填写的不同之处：列对应。/);
    const unseen = await office.fail('files.saveImportPreset', { kind: 'households', name, mapping: { 户编号: 'householdCode' }, version: null });
    expect(unseen.code).toBe('CONFLICT');
    const [now] = await office.call('files.importPresets', { kind: 'households' });
    expect(now).toMatchObject({ name, version: 2, mapping: { 户编号: 'householdCode', 姓名: 'name' } });
    // Loaded again, the save goes through.
    const saved = await office.call('files.saveImportPreset', { kind: 'households', name, mapping: { 户编号: 'householdCode', 证件号码: 'idNumber' }, version: now!.version });
    expect(saved).toMatchObject({ version: 3, mapping: { 户编号: 'householdCode', 证件号码: 'idNumber' } });
  });
});
