import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, type TestOffice } from './harness';

// Every mutation writes its audit row in the same transaction as the change (ARCHITECTURE §5): a
// channel that fails after it has written both leaves neither. Here the village form renames the
// village (an UPDATE and its audit row), then meets a rule a later group in the same input breaks.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

describe('a mutating channel that fails midway', () => {
  it('rolls back its change and its audit row together', async () => {
    const village = office.villages[0]!;
    const before = await office.call('audit.list', { limit: 50 });
    const err = await office.fail('settings.saveVillage', {
      id: village.id,
      version: village.version,
      name: '改名村',
      code: village.code,
      // The first group is left out: groups cannot be removed, which is checked after the rename.
      groups: village.groups.slice(1).map((g) => ({ id: g.id, name: g.name })),
    });
    expect(err.code).toBe('RULE');
    expect(err.message).toContain('小组不能在这里删除');

    const after = await office.call('audit.list', { limit: 50 });
    expect(after.rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id));
    expect(after.rows.some((r) => r.summary.includes('改名村'))).toBe(false);
    const stored = (await office.call('settings.office', {})).villages.find((v) => v.id === village.id)!;
    expect(stored).toMatchObject({ name: village.name, version: village.version });
  });
});
