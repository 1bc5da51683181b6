import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rederiveRelations } from '../../shared/domain/headChange';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput } from './householdsFixtures';

// 户主变更 with the other members' relations re-read relative to the new head (issue 15 item 15):
// offered by shared/domain/headChange, confirmed by the clerk, saved in the same transaction.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

async function family() {
  const { id } = await office.call('households.create', householdInput(office));
  const { members } = await office.call('households.get', { id });
  const byName = (name: string) => members.find((m) => m.name === name)!;
  return { id, members, head: byName('张三'), spouse: byName('李四妹'), son: byName('张小明') };
}

describe('户主变更 re-reads the other relations', () => {
  it("saves the offered relations with the head change: the old head's 配偶 becomes the new head's 之母", async () => {
    const { id, members, head, spouse, son } = await family();
    const offered = rederiveRelations(members, son.id);
    expect(offered).toEqual([
      { memberId: head.id, from: 'head', to: 'father' },
      { memberId: spouse.id, from: 'spouse', to: 'mother' },
    ]);
    await office.call('households.changeHead', {
      householdId: id,
      newHeadId: son.id,
      formerHeadRelation: 'father',
      otherRelations: [{ memberId: spouse.id, relation: 'mother' }],
    });
    const after = (await office.call('households.get', { id })).members;
    expect(after.map((m) => [m.name, m.relation])).toEqual([
      ['张三', 'father'],
      ['李四妹', 'mother'],
      ['张小明', 'head'],
    ]);
    const logged = (await auditRows(office, spouse.id))[0];
    expect(logged).toMatchObject({ channel: 'households.changeHead', changes: [{ field: 'relation', before: 'spouse', after: 'mother' }] });
    expect(logged?.summary).toContain('李四妹 与新户主 张小明 的关系改为"之母"');
  });

  it('refuses the new head among the others, and then changes nothing', async () => {
    const { id, son } = await family();
    const refused = await office.fail('households.changeHead', {
      householdId: id,
      newHeadId: son.id,
      formerHeadRelation: 'father',
      otherRelations: [{ memberId: son.id, relation: 'son' }],
    });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.fields?.otherRelations).toMatch(/本户其他在册成员/);
    const after = (await office.call('households.get', { id })).members;
    expect(after.map((m) => [m.name, m.relation])).toEqual([
      ['张三', 'head'],
      ['李四妹', 'spouse'],
      ['张小明', 'son'],
    ]);
  });
});
