import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member, zhangSan, zhangXiaoMing } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice();
});
afterEach(async () => {
  await office.close();
});

async function createThree(overrides: Parameters<typeof householdInput>[1] = {}) {
  const { id } = await office.call('households.create', householdInput(office, overrides));
  return office.call('households.get', { id });
}

describe('households.create', () => {
  it('registers a household with three members, deriving sex and birth date from the ID numbers', async () => {
    const { household, members } = await createThree();
    expect(household).toMatchObject({
      householdCode: '3504211010010001',
      villageName: '坪埠村',
      groupName: '一组',
      headName: '张三',
      headIdNumber: zhangSan,
      memberCount: 3,
      kind: 'povertyExited',
      dibao: false,
      tekun: true,
      relocated: false,
      noLabor: false,
      helperName: '王干部',
      phone: '13905981234',
      address: '坪埠村一组 8 号',
      status: 'active',
      closedDate: null,
      closeReason: null,
    });
    expect(members.map((m) => [m.name, m.relation, m.sex, m.birthDate, m.status])).toEqual([
      ['张三', 'head', 'male', '1965-03-12', 'current'],
      ['李四妹', 'spouse', 'female', '1968-07-20', 'current'],
      ['张小明', 'son', 'male', '1995-01-05', 'current'],
    ]);
    expect(members[2]).toMatchObject({ education: 'college', workStatus: 'outOfProvince', medicalInsurance: true, ethnicity: '汉族' });

    const audit = await auditRows(office, household.id);
    expect(audit.map((r) => r.summary)).toEqual(['新建户 3504211010010001（户主 张三，3 人）']);
    expect(audit[0]!.channel).toBe('households.create');
    expect(audit[0]!.changes).toContainEqual({ field: 'householdCode', before: null, after: '3504211010010001' });
  });

  it('refuses a birth date after today, which the contract alone cannot know', async () => {
    const tomorrow = idOf('20260311', 12); // the test clock says 2026-03-10
    const error = await office.fail('households.create', householdInput(office, { members: [member('张三', zhangSan, 'head'), member('张宝宝', tomorrow, 'daughter')] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.fields?.['members.1.idNumber']).toBe('第 2 位成员：号码中的出生日期2026年3月11日晚于今天，请核对第7–14位。');
    expect((await office.call('households.list', { status: 'all' })).total).toBe(0);

    const bornToday = idOf('20260310', 12);
    const { id } = await office.call('households.create', householdInput(office, { members: [member('张三', zhangSan, 'head'), member('张宝宝', bornToday, 'daughter')] }));
    const { members } = await office.call('households.get', { id });
    expect(members[1]).toMatchObject({ sex: 'female', birthDate: '2026-03-10' });
  });

  it('refuses a household code already in use, naming that household’s head', async () => {
    await createThree();
    const error = await office.fail(
      'households.create',
      householdInput(office, { members: [member('王五', idOf('19700101', 51), 'head')] }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('户编号 3504211010010001 已被户主为 张三 的户使用，请核对户编号');
    expect(error.fields).toEqual({ householdCode: error.message });
  });

  it('refuses a village that does not exist and a group of another village', async () => {
    const [pingbu, danshang] = office.villages;
    const wrongGroup = await office.fail('households.create', householdInput(office, { villageId: pingbu!.id, groupId: danshang!.groups[0]!.id }));
    expect(wrongGroup.code).toBe('INVALID_INPUT');
    expect(wrongGroup.fields?.groupId).toBe('所选的村民小组不属于该村，请在该村的小组中重新选择');

    const noVillage = await office.fail('households.create', householdInput(office, { villageId: 'no-such-village' }));
    expect(noVillage.code).toBe('INVALID_INPUT');
    expect(noVillage.fields?.villageId).toBe('所选的村不存在或已撤销，请重新选择村');

    const list = await office.call('households.list', { status: 'all' });
    expect(list.total).toBe(0);
  });

  it('refuses a living duplicate ID number, and accepts it once the holder has moved out', async () => {
    const a = await createThree();
    const input = householdInput(office, {
      householdCode: '3504211010020001',
      groupId: office.villages[0]!.groups[1]!.id,
      members: [member('王芳', idOf('19960808', 42), 'head'), member('张小明', zhangXiaoMing, 'spouse')],
    });
    const error = await office.fail('households.create', input);
    expect(error.code).toBe('DUPLICATE_ID');
    expect(error.message).toContain('3504211010010001');
    expect(error.message).toContain('张小明');
    expect(error.fields).toEqual({ 'members.1.idNumber': error.message });
    expect((await office.call('households.list', {})).total).toBe(1);

    const xiaoMing = a.members.find((m) => m.name === '张小明')!;
    await office.call('households.memberLeave', { id: xiaoMing.id, status: 'movedOut', date: '2026-03-01', reason: '婚后迁往本乡坪埠村二组' });
    const { id } = await office.call('households.create', input);
    const b = await office.call('households.get', { id });
    expect(b.household).toMatchObject({ headName: '王芳', memberCount: 2, groupName: '二组' });
    const holder = await office.call('households.checkId', { idNumber: zhangXiaoMing });
    expect(holder.holder).toMatchObject({ householdId: id, householdCode: '3504211010020001', memberName: '张小明' });
  });
});

describe('households.update', () => {
  it('changes only the fields in the patch and audits exactly those, with before and after', async () => {
    const { household } = await createThree();
    const updated = await office.call('households.update', { id: household.id, patch: { address: '坪埠村一组 10 号', dibao: true } });
    expect(updated).toMatchObject({
      address: '坪埠村一组 10 号',
      dibao: true,
      tekun: true, // not in the patch: stays
      helperName: '王干部',
      phone: '13905981234',
      kind: 'povertyExited',
    });
    const [latest] = await auditRows(office, household.id);
    expect(latest!.summary).toBe('修改户 3504211010010001（户主 张三）：住址、低保户');
    expect(latest!.changes).toEqual([
      { field: 'address', before: '坪埠村一组 8 号', after: '坪埠村一组 10 号' },
      { field: 'dibao', before: false, after: true },
    ]);
  });

  it('moves a household to another village and group, and refuses a group of another village', async () => {
    const { household } = await createThree();
    const danshang = office.villages[1]!;
    const wrong = await office.fail('households.update', { id: household.id, patch: { groupId: danshang.groups[0]!.id } });
    expect(wrong.code).toBe('INVALID_INPUT');
    expect(wrong.fields?.['patch.groupId']).toBe('所选的村民小组不属于该村，请在该村的小组中重新选择');

    const moved = await office.call('households.update', { id: household.id, patch: { villageId: danshang.id, groupId: danshang.groups[1]!.id } });
    expect(moved).toMatchObject({ villageName: '旦上村', groupName: '二组' });
    const group = await office.call('households.update', { id: household.id, patch: { groupId: danshang.groups[0]!.id } });
    expect(group).toMatchObject({ villageName: '旦上村', groupName: '一组' });
  });

  it('refuses a household code that another household holds', async () => {
    await createThree();
    const { id } = await office.call(
      'households.create',
      householdInput(office, { householdCode: '3504211010010002', members: [member('王五', idOf('19700101', 51), 'head')] }),
    );
    const error = await office.fail('households.update', { id, patch: { householdCode: '3504211010010001' } });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('张三');
    expect(Object.keys(error.fields ?? {})).toEqual(['patch.householdCode']);
    const renamed = await office.call('households.update', { id, patch: { householdCode: '3504211010010003' } });
    expect(renamed.householdCode).toBe('3504211010010003');
  });

  it('answers NOT_FOUND for a household that does not exist', async () => {
    const error = await office.fail('households.get', { id: 'missing' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('找不到该户，可能已被删除，请刷新列表后重试');
  });
});

describe('households.close and reopen', () => {
  it('does not bring back on reopen a member who has since been registered elsewhere', async () => {
    const { household, members } = await createThree();
    await office.call('households.close', { id: household.id, date: '2026-03-09', reason: '分户', membersLeaveAs: 'movedOut' });
    const son = members.find((m) => m.relation === 'son')!;
    await office.call('households.create', { ...householdInput(office), householdCode: '3504211010010002', members: [{ ...member(son.name, son.idNumber, 'head') }] });
    const refused = await office.fail('households.reopen', { id: household.id, reason: '误注销' });
    expect(refused.code).toBe('DUPLICATE_ID');
    expect(refused.message).toContain('3504211010010002');
    expect((await office.call('households.get', { id: household.id })).household.status).toBe('closed');
  });

  it('closes a household, refuses edits while closed, and reopens it with the reasons in the log', async () => {
    const { household, members } = await createThree();
    const future = await office.fail('households.close', { id: household.id, date: '2026-03-11', reason: '全户迁往外省' });
    expect(future.code).toBe('INVALID_INPUT');
    expect(future.fields?.date).toContain('不能晚于今天');

    const unsaid = await office.fail('households.close', { id: household.id, date: '2026-03-09', reason: '全户迁往外省' });
    expect(unsaid.fields?.membersLeaveAs).toBe('户内还有 3 名在册成员，请选择他们随户减员的类型（整户迁出选"迁出"）');

    const closed = await office.call('households.close', { id: household.id, date: '2026-03-09', reason: '全户迁往外省', membersLeaveAs: 'movedOut' });
    expect(closed).toMatchObject({ status: 'closed', closedDate: '2026-03-09', closeReason: '全户迁往外省', memberCount: 0, headName: '张三' });
    const afterClose = (await office.call('households.get', { id: household.id })).members;
    expect(afterClose.map((m) => [m.status, m.leftDate, m.leftReason])).toEqual(
      Array(3).fill(['movedOut', '2026-03-09', '随户注销：全户迁往外省']),
    );
    // Their ID numbers are free: nobody from a closed household blocks a new registration.
    expect((await office.call('households.checkId', { idNumber: members[0]!.idNumber })).holder).toBeNull();

    const edit = await office.fail('households.update', { id: household.id, patch: { phone: '13900000000' } });
    expect(edit).toMatchObject({ code: 'RULE', message: '该户已注销，如需修改请先恢复' });
    expect((await office.fail('households.close', { id: household.id, date: '2026-03-09', reason: '再次注销' })).code).toBe('RULE');
    expect((await office.fail('households.addMember', { householdId: household.id, member: member('张小红', idOf('20100101', 62), 'daughter') })).code).toBe('RULE');
    expect((await office.fail('households.updateMember', { id: members[1]!.id, patch: { name: '李四梅' } })).code).toBe('RULE');

    expect((await office.call('households.list', {})).total).toBe(0);
    expect((await office.call('households.list', { status: 'closed' })).rows.map((r) => r.householdCode)).toEqual(['3504211010010001']);

    const reopened = await office.call('households.reopen', { id: household.id, reason: '登记有误，该户仍在本村居住' });
    expect(reopened).toMatchObject({ status: 'active', closedDate: null, closeReason: null, memberCount: 3, headName: '张三' });
    expect((await office.call('households.get', { id: household.id })).members.every((m) => m.status === 'current')).toBe(true);
    expect((await office.fail('households.reopen', { id: household.id, reason: '再次恢复' })).code).toBe('RULE');

    const audit = (await auditRows(office, household.id)).filter((r) => /^(恢复户|注销户)/.test(r.summary));
    expect(audit.map((r) => r.summary)).toEqual([
      '恢复户 3504211010010001（户主 张三）：登记有误，该户仍在本村居住',
      '注销户 3504211010010001（户主 张三）：全户迁往外省，3 名成员随户迁出',
    ]);
    expect(audit[0]!.changes).toContainEqual({ field: 'closeReason', before: '全户迁往外省', after: null });
    const again = await office.call('households.update', { id: household.id, patch: { phone: '13900000000' } });
    expect(again.phone).toBe('13900000000');
  });
});
