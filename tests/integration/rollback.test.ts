import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { handlers } from '../../electron/core/handlers';
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

// The dispatcher opens the transaction of every mutating channel (issue 10): a handler that has
// already written through a service, whose own transaction has ended, and then fails, still
// leaves nothing. A test-only wrapper around the real 村 form handler throws after it returns.
describe('the dispatcher’s transaction around a mutating channel', () => {
  it('undoes a service’s committed-looking write and its audit row when the handler fails afterwards', async () => {
    const village = office.villages[0]!;
    const before = await office.call('audit.list', { limit: 50 });
    const original = handlers['settings.saveVillage'];
    let wrote = false;
    handlers['settings.saveVillage'] = async (input, ctx) => {
      await original(input, ctx);
      wrote = true;
      throw new Error('写入之后出错（测试）');
    };
    try {
      const err = await office.fail('settings.saveVillage', {
        id: village.id,
        version: village.version,
        name: '改名村',
        code: village.code,
        groups: village.groups.map((g) => ({ id: g.id, name: g.name })),
      });
      expect(err.code).toBe('INTERNAL');
    } finally {
      handlers['settings.saveVillage'] = original;
    }
    expect(wrote).toBe(true);
    const after = await office.call('audit.list', { limit: 50 });
    expect(after.rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id));
    const stored = (await office.call('settings.office', {})).villages.find((v) => v.id === village.id)!;
    expect(stored).toMatchObject({ name: village.name, version: village.version });
  });

  it('leaves a channel declared ownTransaction to commit its own writes (a refused sign-in is still counted)', async () => {
    expect(channels['users.login'].ownTransaction).toBe(true);
    const before = await office.call('audit.list', { limit: 50 });
    const err = await office.fail('users.login', { username: 'nobody', password: 'wrong-password' }, 'other-window');
    expect(err.code).toBe('BAD_CREDENTIALS');
    const after = await office.call('audit.list', { limit: 50 });
    expect(after.rows.length).toBe(before.rows.length + 1);
    expect(after.rows.some((r) => r.summary.includes('登录失败：nobody'))).toBe(true);
  });
});
