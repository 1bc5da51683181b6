// Adding and removing villages (settings): the rules and audit rows that the settings screen relies
// on, kept when the feature's SQL moved into its repository (issue 10, "Shape").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, type TestOffice } from './harness';
import { householdInput } from './householdsFixtures';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

async function auditSummaries(entity: string): Promise<string[]> {
  const rows = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', entity).orderBy('at').orderBy('id').execute();
  return rows.map((r) => r.summary);
}

describe('settings.saveVillage (new) and settings.removeVillage', () => {
  it('adds a village after the existing ones, whatever its code, with an audit row for it and each group', async () => {
    // The lowest code of all: it still goes last, because a new village is placed after the rows saved so far.
    const added = await office.call('settings.saveVillage', { name: '新建村', code: '350421101000', groups: [{ name: '一组' }, { name: '二组' }] });
    expect(added.groups.map((g) => g.name)).toEqual(['一组', '二组']);
    const { villages } = await office.call('settings.office', {});
    expect(villages.map((v) => v.name)).toEqual(['坪埠村', '旦上村', '新建村']);
    expect(await auditSummaries('village')).toEqual(['新增村 新建村（350421101000）']);
    expect(await auditSummaries('villageGroup')).toEqual(['新建村新增小组 一组', '新建村新增小组 二组']);
  });

  it('refuses a village code already used by another village', async () => {
    const err = await office.fail('settings.saveVillage', { name: '重复村', code: '350421101002', groups: [{ name: '一组' }] });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('村代码 350421101002 已属于旦上村，请检查');
  });

  it('refuses to remove a village that a household points at, and removes an unused one with its reason', async () => {
    await office.call('households.create', householdInput(office));
    const [used, unused] = office.villages;
    const err = await office.fail('settings.removeVillage', { id: used!.id, reason: '合并' });
    expect(err.code).toBe('RULE');
    expect(err.message).toBe('坪埠村还有 1 户在册或已注销的户籍记录，不能删除。如村已合并，请先把这些户调整到新村');

    await office.call('settings.removeVillage', { id: unused!.id, reason: '并入坪埠村' });
    const { villages } = await office.call('settings.office', {});
    expect(villages.map((v) => v.name)).toEqual(['坪埠村']);
    expect(await auditSummaries('village')).toEqual(['删除村 旦上村：并入坪埠村']);
    const gone = await office.core.db.selectFrom('villages').select(['deleted_at', 'delete_reason']).where('id', '=', unused!.id).executeTakeFirstOrThrow();
    expect(gone.deleted_at).not.toBeNull();
    expect(gone.delete_reason).toBe('并入坪埠村');

    // Removed once, it is no longer there to remove.
    expect((await office.fail('settings.removeVillage', { id: unused!.id, reason: '再删' })).code).toBe('NOT_FOUND');
  });
});
