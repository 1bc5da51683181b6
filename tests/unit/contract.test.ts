import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { householdCreateSchema, householdPatchSchema, memberInputSchema, memberPatchSchema } from '../../shared/contract/households';
import { isNoLaborHousehold, type Labor, type MemberStatus } from '../../shared/domain/household';
import { idCheckDigit } from '../../shared/domain/idNumber';

const id = (first17: string) => first17 + idCheckDigit(first17);
const headId = id('35042119800101001');
const wifeId = id('35042119820315002');
const sonId = id('35042120080808003');

const member = (over: Record<string, unknown> = {}) => ({
  name: '张建国',
  idNumber: headId,
  relation: 'head',
  education: 'juniorHigh',
  labor: 'normal',
  ...over,
});
const household = (members: unknown[], over: Record<string, unknown> = {}) => ({
  householdCode: '3504211010010001',
  villageId: 'v1',
  groupId: 'g1',
  kind: 'povertyExited',
  members,
  ...over,
});
const firstMessage = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('member input', () => {
  it('fills the defaults a clerk expects and normalises the ID number', () => {
    const parsed = memberInputSchema.parse(member({ idNumber: ` ${headId.toLowerCase()} ` }));
    expect(parsed).toMatchObject({
      idNumber: headId,
      ethnicity: '汉族',
      schooling: 'notInSchool',
      health: 'healthy',
      workStatus: 'none',
      medicalInsurance: true,
      pensionInsurance: true,
      phone: null,
      disabilityCategory: null,
    });
  });

  it.each([
    [{ name: '  ' }, 'name: 请填写姓名'],
    [{ idNumber: '350421198001010' }, 'idNumber: '],
    [{ idNumber: headId.slice(0, 17) + (headId.endsWith('1') ? '2' : '1') }, 'idNumber: '],
    [{ relation: 'cousin' }, 'relation: 请选择与户主关系'],
    [{ phone: '12345' }, 'phone: 电话应为 11 位手机号'],
    [{ health: 'disabled' }, 'disabilityCategory: 健康状况为残疾时，请填写残疾类别和等级'],
    [{ disabilityCategory: 'physical', disabilityGrade: 2 }, 'health: 填写了残疾类别或等级'],
  ])('refuses %j with a Chinese message at the field', (over, expected) => {
    const r = memberInputSchema.safeParse(member(over));
    expect(r.success).toBe(false);
    expect(firstMessage(r)?.[0]).toContain(expected);
  });

  it('accepts a landline with area code and a disabled member with category and grade', () => {
    expect(memberInputSchema.parse(member({ phone: '0598-2812345' })).phone).toBe('0598-2812345');
    expect(memberInputSchema.safeParse(member({ health: 'disabled', disabilityCategory: 'physical', disabilityGrade: 2 })).success).toBe(true);
  });
});

describe('phone numbers keep what a person reads (issue 15 item 17)', () => {
  it.each([
    ['0797-1234567', '0797-1234567'],
    ['07971234567', '0797-1234567'],
    ['0797 123 4567', '0797-1234567'],
    ['010-12345678', '010-12345678'],
    ['02087654321', '020-87654321'],
    ['139 0598 1234', '13905981234'],
    ['139-0598-1234', '13905981234'],
  ])('%s is stored as %s', (typed, stored) => {
    expect(memberInputSchema.parse(member({ phone: typed })).phone).toBe(stored);
  });
});

describe('household input', () => {
  it('accepts a household of three with one head', () => {
    const r = householdCreateSchema.safeParse(
      household([member(), member({ name: '李秀英', idNumber: wifeId, relation: 'spouse' }), member({ name: '张浩', idNumber: sonId, relation: 'son' })]),
    );
    expect(firstMessage(r)).toBeUndefined();
  });

  it.each([
    [[member({ relation: 'spouse' })], 'members: 请指定一名户主'],
    [[member(), member({ idNumber: wifeId })], 'members: 一户只能有一名户主'],
    [[member(), member({ relation: 'son', idNumber: headId.toLowerCase() })], 'members.1.idNumber: 与第 1 位成员的身份证号重复'],
    [[], 'members: 请至少录入户主'],
  ])('refuses members %# with a message that says what to fix', (members, expected) => {
    expect(firstMessage(householdCreateSchema.safeParse(household(members)))?.join('\n')).toContain(expected);
  });

  it('refuses a household code with spaces or Chinese', () => {
    expect(firstMessage(householdCreateSchema.safeParse(household([member()], { householdCode: '坪埠 01' })))?.[0]).toMatch(/^householdCode: 户编号用/);
  });
});

describe('patches', () => {
  it('leave out what the clerk did not touch, so an edit never resets other fields', () => {
    expect(householdPatchSchema.parse({})).toEqual({});
    expect(householdPatchSchema.parse({ address: '坪埠村一组 3 号' })).toEqual({ address: '坪埠村一组 3 号' });
    expect(memberPatchSchema.parse({ name: '张建华' })).toEqual({ name: '张建华' });
  });
});

describe('first-run setup input', () => {
  const setup = channels['settings.setup'].input;
  const ok = {
    countyName: '明溪县',
    countyCode: '350421',
    townshipName: '城关乡',
    townshipCode: '350421101',
    villages: [{ name: '坪埠村', code: '350421101001', groups: ['一组'] }],
    admin: { username: 'admin', displayName: '林主任', password: 'Admin1234' },
  };
  it('accepts a well-formed office', () => expect(setup.safeParse(ok).success).toBe(true));
  it.each([
    [{ countyCode: '35042' }, 'countyCode: 县级行政区划代码为 6 位数字'],
    [{ admin: { ...ok.admin, password: 'abcdefgh' } }, 'admin.password: 密码需同时包含字母和数字'],
    [{ admin: { ...ok.admin, password: 'a1' } }, 'admin.password: 密码至少 8 位'],
    [{ villages: [] }, 'villages: 请至少填写一个村'],
    [{ villages: [{ name: '坪埠村', code: '350421101001', groups: [] }] }, 'villages.0.groups: 每个村至少要有一个村民小组'],
    [{ villages: [ok.villages[0], ok.villages[0]] }, 'villages.1.code: 村代码重复了'],
  ])('refuses %j', (over, expected) => {
    expect(firstMessage(setup.safeParse({ ...ok, ...over }))?.join('\n')).toContain(expected);
  });
});

describe('整户无劳动能力 is derived from the current members', () => {
  const m = (labor: Labor, status: MemberStatus = 'current') => ({ labor, status });
  it.each([
    [[m('lost'), m('none')], true],
    [[m('lost'), m('weak')], false],
    [[m('none'), m('normal', 'dead')], true],
    [[m('normal', 'movedOut')], false],
    [[], false],
  ])('%j → %s', (members, expected) => expect(isNoLaborHousehold(members)).toBe(expected));
});
