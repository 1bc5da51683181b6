import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, liSiMei, member, zhangSan, zhangXiaoMing } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

async function createThree() {
  const { id } = await office.call('households.create', householdInput(office));
  const { members } = await office.call('households.get', { id });
  const byName = (name: string) => members.find((m) => m.name === name)!;
  return { id, head: byName('张三'), spouse: byName('李四妹'), son: byName('张小明') };
}

describe('households.memberLeave', () => {
  it('needs a new head when the head dies and others remain; the chosen member becomes head', async () => {
    const { id, head, spouse } = await createThree();
    const noHead = await office.fail('households.memberLeave', { id: head.id, status: 'dead', date: '2026-02-01', reason: '病故' });
    expect(noHead.code).toBe('RULE');
    expect(noHead.message).toBe('张三 是户主，户内还有 2 名在册成员，请指定新户主');

    const notHere = await office.fail('households.memberLeave', { id: head.id, status: 'dead', date: '2026-02-01', reason: '病故', newHeadId: head.id });
    expect(notHere.code).toBe('INVALID_INPUT');

    const left = await office.call('households.memberLeave', { id: head.id, status: 'dead', date: '2026-02-01', reason: '病故', newHeadId: spouse.id });
    expect(left).toMatchObject({ status: 'dead', leftDate: '2026-02-01', leftReason: '病故', relation: 'head' });

    const { household, members } = await office.call('households.get', { id });
    expect(household).toMatchObject({ headName: '李四妹', headIdNumber: liSiMei, memberCount: 2 });
    expect(members.map((m) => [m.name, m.relation, m.status])).toEqual([
      ['李四妹', 'head', 'current'],
      ['张小明', 'son', 'current'],
      ['张三', 'head', 'dead'],
    ]);

    const again = await office.fail('households.memberLeave', { id: head.id, status: 'movedOut', date: '2026-02-02', reason: '重复' });
    expect(again).toMatchObject({ code: 'RULE', message: '张三 已于 2026-02-01 减员（死亡），不能重复减员' });

    const summaries = (await auditRows(office, id)).map((r) => r.summary);
    expect(summaries[0]).toBe('户 3504211010010001 随成员变动更新：人数 3 → 2，户主 张三 → 李四妹');
    expect((await auditRows(office, spouse.id))[0]!.summary).toBe('户 3504211010010001 户主变更：张三（死亡）→ 李四妹');
    expect((await auditRows(office, head.id))[0]!.summary).toBe('户 3504211010010001 成员 张三 减员：死亡（2026-02-01，病故）');
  });

  it('lets the last member, the head, leave: the household keeps the head’s name with 0 people', async () => {
    const { id } = await office.call('households.create', householdInput(office, { members: [member('张三', zhangSan, 'head', { labor: 'lost' })] }));
    const { members } = await office.call('households.get', { id });
    await office.call('households.memberLeave', { id: members[0]!.id, status: 'dead', date: '2026-01-20', reason: '病故' });
    const { household } = await office.call('households.get', { id });
    expect(household).toMatchObject({ headName: '张三', headIdNumber: zhangSan, memberCount: 0, noLabor: false });
    // With nobody on the register, the next person added must be the head.
    const notHead = await office.fail('households.addMember', { householdId: id, member: member('张小红', idOf('20100101', 62), 'daughter') });
    expect(notHead.code).toBe('RULE');
  });

  it('refuses a date in the future or before the member was born', async () => {
    const { son } = await createThree();
    const future = await office.fail('households.memberLeave', { id: son.id, status: 'movedOut', date: '2026-04-01', reason: '迁出' });
    expect(future.code).toBe('INVALID_INPUT');
    expect(future.fields?.date).toBe('减员日期不能晚于今天（2026-03-10），请核对');
    const early = await office.fail('households.memberLeave', { id: son.id, status: 'movedOut', date: '1994-12-31', reason: '迁出' });
    expect(early.code).toBe('INVALID_INPUT');
    expect(early.fields?.date).toBe('减员日期早于 张小明 的出生日期（1995-01-05），请核对');
  });
});

describe('member count, head and 整户无劳动能力 follow the members', () => {
  it('recomputes member_count and no_labor on leave, add and edit', async () => {
    const { id } = await office.call(
      'households.create',
      householdInput(office, {
        members: [member('张三', zhangSan, 'head', { labor: 'lost', health: 'serious' }), member('李四妹', liSiMei, 'spouse', { labor: 'normal' })],
      }),
    );
    const get = async () => (await office.call('households.get', { id })).household;
    expect(await get()).toMatchObject({ memberCount: 2, noLabor: false });
    const spouse = (await office.call('households.get', { id })).members[1]!;

    await office.call('households.memberLeave', { id: spouse.id, status: 'dead', date: '2026-03-01', reason: '意外身故' });
    expect(await get()).toMatchObject({ memberCount: 1, noLabor: true });
    expect((await office.call('households.list', { flags: ['noLabor'] })).rows.map((r) => r.householdCode)).toEqual(['3504211010010001']);

    const son = await office.call('households.addMember', { householdId: id, member: member('张小明', zhangXiaoMing, 'son', { labor: 'skilled' }) });
    expect(son).toMatchObject({ sex: 'male', birthDate: '1995-01-05', status: 'current' });
    expect(await get()).toMatchObject({ memberCount: 2, noLabor: false });
    expect((await office.call('households.list', { flags: ['noLabor'] })).total).toBe(0);

    await office.call('households.updateMember', { id: son.id, patch: { labor: 'none' } });
    expect(await get()).toMatchObject({ memberCount: 2, noLabor: true });
    const [latest] = await auditRows(office, id);
    expect(latest!.changes).toEqual([{ field: 'noLabor', before: false, after: true }]);
  });

  it('keeps one head: no second head by adding or editing, no demoting the head', async () => {
    const { id, head, spouse } = await createThree();
    const second = await office.fail('households.addMember', { householdId: id, member: member('张大山', idOf('19400101', 71), 'head') });
    expect(second.code).toBe('RULE');
    expect(second.message).toContain('该户已有户主 张三');
    expect(second.message).toContain('减员');

    const promote = await office.fail('households.updateMember', { id: spouse.id, patch: { relation: 'head' } });
    expect(promote.code).toBe('RULE');
    expect(promote.message).toContain('该户已有户主 张三');

    const demote = await office.fail('households.updateMember', { id: head.id, patch: { relation: 'spouse' } });
    expect(demote.code).toBe('RULE');
    expect(demote.message).toContain('减员');

    const { household, members } = await office.call('households.get', { id });
    expect(household.memberCount).toBe(3);
    expect(members.filter((m) => m.relation === 'head').map((m) => m.name)).toEqual(['张三']);
  });

  it('re-derives sex and birth date from a corrected ID number and checks it for duplicates', async () => {
    const { id, head, spouse } = await createThree();
    const other = idOf('19700101', 51);
    await office.call(
      'households.create',
      householdInput(office, { householdCode: '3504211010010002', members: [member('王五', other, 'head')] }),
    );
    const dup = await office.fail('households.updateMember', { id: spouse.id, patch: { idNumber: other } });
    expect(dup.code).toBe('DUPLICATE_ID');
    expect(dup.message).toContain('3504211010010002');
    expect(dup.message).toContain('王五');
    expect(dup.fields).toEqual({ 'patch.idNumber': dup.message });

    // Unchanged own number is not a duplicate of itself.
    const same = await office.call('households.updateMember', { id: spouse.id, patch: { idNumber: liSiMei, name: '李四梅' } });
    expect(same.name).toBe('李四梅');

    const corrected = idOf('19660312', 13);
    const updated = await office.call('households.updateMember', { id: head.id, patch: { idNumber: corrected } });
    expect(updated).toMatchObject({ idNumber: corrected, sex: 'male', birthDate: '1966-03-12', education: 'juniorHigh' });
    expect((await office.call('households.get', { id })).household.headIdNumber).toBe(corrected);
    const [memberAudit] = await auditRows(office, head.id);
    expect(memberAudit!.summary).toBe('修改户 3504211010010001 成员 张三：身份证号、出生日期');
    expect(memberAudit!.changes).toEqual([
      { field: 'idNumber', before: zhangSan, after: corrected },
      { field: 'birthDate', before: '1965-03-12', after: '1966-03-12' },
    ]);

    const female = idOf('19660312', 14);
    const asFemale = await office.call('households.updateMember', { id: spouse.id, patch: { idNumber: female } });
    expect(asFemale).toMatchObject({ sex: 'female', birthDate: '1966-03-12' });

    const future = await office.fail('households.updateMember', { id: spouse.id, patch: { idNumber: idOf('20270101', 14) } });
    expect(future.code).toBe('INVALID_INPUT');
    expect(future.fields?.['patch.idNumber']).toContain('晚于今天');
  });

  it('leaves fields out of a member patch untouched', async () => {
    const { son } = await createThree();
    const updated = await office.call('households.updateMember', { id: son.id, patch: { phone: '13812345678' } });
    expect(updated).toMatchObject({ phone: '13812345678', workStatus: 'outOfProvince', education: 'college', relation: 'son' });
    const [row] = await auditRows(office, son.id);
    expect(row!.changes).toEqual([{ field: 'phone', before: null, after: '13812345678' }]);
  });
});

describe('households.updateMember', () => {
  it('renames the head on the household too, and clears the disability when health is no longer 残疾', async () => {
    const { id, head, son } = await createThree();
    await office.call('households.updateMember', { id: head.id, patch: { name: '张叁' } });
    expect((await office.call('households.get', { id })).household.headName).toBe('张叁');
    expect((await office.call('households.list', { search: '张叁' })).total).toBe(1);

    const disabled = await office.call('households.updateMember', { id: son.id, patch: { health: 'disabled', disabilityCategory: 'physical', disabilityGrade: 2 } });
    expect(disabled).toMatchObject({ health: 'disabled', disabilityCategory: 'physical', disabilityGrade: 2 });
    const halfDone = await office.fail('households.updateMember', { id: son.id, patch: { disabilityGrade: null } });
    expect(halfDone.code).toBe('INVALID_INPUT');
    expect(halfDone.fields?.['patch.disabilityCategory']).toBe('健康状况为残疾时，请填写残疾类别和等级');
    const healed = await office.call('households.updateMember', { id: son.id, patch: { health: 'chronic' } });
    expect(healed).toMatchObject({ health: 'chronic', disabilityCategory: null, disabilityGrade: null });
  });
});

describe('households.checkId', () => {
  it('finds the living holder, ignores the excluded member, and forgets those who left', async () => {
    const { id, son } = await createThree();
    const found = await office.call('households.checkId', { idNumber: ` ${zhangXiaoMing} ` });
    expect(found.holder).toEqual({ householdId: id, householdCode: '3504211010010001', memberId: son.id, memberName: '张小明' });
    expect((await office.call('households.checkId', { idNumber: zhangXiaoMing, excludeMemberId: son.id })).holder).toBeNull();
    expect((await office.call('households.checkId', { idNumber: '12345' })).holder).toBeNull();
    await office.call('households.memberLeave', { id: son.id, status: 'otherLeft', date: '2026-03-10', reason: '参军' });
    expect((await office.call('households.checkId', { idNumber: zhangXiaoMing })).holder).toBeNull();
  });
});

describe('households.changeHead (户主变更 while the head stays)', () => {
  it('hands the household to the son, gives the father the relation the clerk chose, and logs both', async () => {
    const { id, head, son } = await createThree();
    const detail = await office.call('households.changeHead', { householdId: id, newHeadId: son.id, formerHeadRelation: 'father' });
    expect(detail).toMatchObject({ headName: '张小明', headIdNumber: zhangXiaoMing, memberCount: 3 });
    const { members } = await office.call('households.get', { id });
    expect(members.map((m) => [m.name, m.relation])).toEqual([
      ['张三', 'father'],
      ['李四妹', 'spouse'],
      ['张小明', 'head'],
    ]);
    expect((await auditRows(office, head.id))[0]).toMatchObject({ channel: 'households.changeHead', changes: [{ field: 'relation', before: 'head', after: 'father' }] });
    expect((await auditRows(office, id))[0]?.summary).toContain('户主 张三 → 张小明');
  });

  it('refuses the current head, a member of another household, and a closed household', async () => {
    const { id, head, son } = await createThree();
    expect((await office.fail('households.changeHead', { householdId: id, newHeadId: head.id, formerHeadRelation: 'father' })).message).toBe('张三 已是户主，无需变更');
    const other = await office.call('households.create', householdInput(office, { householdCode: '3504211010010002', members: [member('王五', idOf('19700101', 51), 'head')] }));
    const stranger = (await office.call('households.get', { id: other.id })).members[0]!;
    expect((await office.fail('households.changeHead', { householdId: id, newHeadId: stranger.id, formerHeadRelation: 'father' })).fields).toEqual({ newHeadId: '新户主须是本户的在册成员，请重新选择' });
    expect((await office.fail('households.changeHead', { householdId: id, newHeadId: son.id, formerHeadRelation: 'head' })).code).toBe('INVALID_INPUT');
    await office.call('households.close', { id, date: '2026-03-01', reason: '整户迁出', membersLeaveAs: 'movedOut' });
    expect((await office.fail('households.changeHead', { householdId: id, newHeadId: son.id, formerHeadRelation: 'father' })).code).toBe('RULE');
  });
});
