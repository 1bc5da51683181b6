// Lost updates (issue 16, item 2): two people load the same record and both save. The first save
// stands; the second is refused with who changed the record and when, and the fields that differ.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, TestClock, type TestOffice } from './harness';
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
