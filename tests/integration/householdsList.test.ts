import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { openTestOffice, type TestOffice } from './harness';
import { idEndingInX, idOf, member } from './householdsFixtures';

// One office with eight households is read by every test below; none of them writes.
let office: TestOffice;
const xId = idEndingInX('19800808');

interface Spec {
  code: string;
  village: 0 | 1;
  group: number;
  head: string;
  headId: string;
  others?: Array<[string, string]>;
  kind?: InputOf<'households.create'>['kind'];
  dibao?: boolean;
  relocated?: boolean;
  helperName?: string;
}

const specs: Spec[] = [
  { code: '3504211010010001', village: 0, group: 0, head: '张三', headId: idOf('19650312', 11), others: [['李四妹', idOf('19680720', 22)]], dibao: true },
  { code: '3504211010010002', village: 0, group: 1, head: '王建国', headId: idOf('19500101', 31), others: [['张丽', idOf('19900202', 42)]], kind: 'monitored', helperName: '陈干部' },
  { code: '3504211010010003', village: 0, group: 2, head: '张伟', headId: xId, kind: 'ordinary', relocated: true },
  { code: '3504211010010004', village: 0, group: 0, head: '李明', headId: idOf('19720303', 51), dibao: true, relocated: true, helperName: '林干部' },
  { code: '3504211010020001', village: 1, group: 0, head: '张志远', headId: idOf('19610404', 71) },
  { code: '3504211010020002', village: 1, group: 1, head: '陈芳', headId: idOf('19830505', 82), kind: 'monitored' },
  { code: '3504211010020003', village: 1, group: 0, head: '林%强', headId: idOf('19880606', 91) },
  { code: 'A-0001', village: 1, group: 1, head: '周_平', headId: idOf('19700707', 13), helperName: '王干部' },
];

beforeAll(async () => {
  office = await openTestOffice();
  for (const s of specs) {
    const village = office.villages[s.village]!;
    await office.call('households.create', {
      householdCode: s.code,
      villageId: village.id,
      groupId: village.groups[s.group]!.id,
      kind: s.kind ?? 'povertyExited',
      dibao: s.dibao ?? false,
      relocated: s.relocated ?? false,
      helperName: s.helperName ?? '',
      members: [member(s.head, s.headId, 'head'), ...(s.others ?? []).map(([name, id]) => member(name, id, 'spouse'))],
    });
  }
});
afterAll(async () => {
  await office.close();
});

async function codes(input: InputOf<'households.list'>): Promise<string[]> {
  return (await office.call('households.list', input)).rows.map((r) => r.householdCode);
}

describe('households.list', () => {
  it('lists active households by code with names joined and booleans mapped', async () => {
    const list = await office.call('households.list', {});
    expect(list.total).toBe(8);
    expect(list.rows.map((r) => r.householdCode)).toEqual([
      '3504211010010001', '3504211010010002', '3504211010010003', '3504211010010004',
      '3504211010020001', '3504211010020002', '3504211010020003', 'A-0001',
    ]);
    expect(list.rows[0]).toMatchObject({
      villageName: '坪埠村', groupName: '一组', headName: '张三', memberCount: 2, dibao: true, tekun: false, relocated: false, noLabor: false, status: 'active',
    });
  });

  it('filters by village, group, kind and flags (all flags must hold)', async () => {
    const [pingbu, danshang] = office.villages;
    expect(await codes({ villageId: danshang!.id })).toEqual(['3504211010020001', '3504211010020002', '3504211010020003', 'A-0001']);
    expect(await codes({ villageId: pingbu!.id, groupId: pingbu!.groups[0]!.id })).toEqual(['3504211010010001', '3504211010010004']);
    expect(await codes({ kind: 'monitored' })).toEqual(['3504211010010002', '3504211010020002']);
    expect(await codes({ flags: ['dibao'] })).toEqual(['3504211010010001', '3504211010010004']);
    expect(await codes({ flags: ['dibao', 'relocated'] })).toEqual(['3504211010010004']);
  });

  it('searches by the prefix of any member’s name, not only the head’s', async () => {
    expect(await codes({ search: '张' })).toEqual(['3504211010010001', '3504211010010002', '3504211010010003', '3504211010020001']);
    expect(await codes({ search: '张丽' })).toEqual(['3504211010010002']);
    expect(await codes({ search: '丽' })).toEqual([]);
    const [pingbu] = office.villages;
    expect(await codes({ search: '张', villageId: pingbu!.id, sort: { column: 'headName', direction: 'desc' } })).toEqual([
      '3504211010010002', '3504211010010003', '3504211010010001',
    ]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect(await codes({ search: '林%' })).toEqual(['3504211010020003']);
    expect(await codes({ search: '周_' })).toEqual(['A-0001']);
    expect(await codes({ search: '%' })).toEqual([]);
    expect(await codes({ search: '_' })).toEqual([]);
  });

  it('searches by ID number prefix, with a lowercase x typed', async () => {
    expect(xId.endsWith('X')).toBe(true);
    expect(await codes({ search: xId.slice(0, 17) + 'x' })).toEqual(['3504211010010003']);
    expect(await codes({ search: '35042119' })).toEqual([
      '3504211010010001', '3504211010010002', '3504211010010003', '3504211010010004',
      '3504211010020001', '3504211010020002', '3504211010020003', 'A-0001',
    ]);
    expect(await codes({ search: '350421199' })).toEqual(['3504211010010002']); // 张丽, born 1990
    expect(await codes({ search: '3504211970' })).toEqual(['A-0001']);
  });

  it('searches by household code prefix', async () => {
    expect(await codes({ search: '350421101002' })).toEqual(['3504211010020001', '3504211010020002', '3504211010020003']);
    expect(await codes({ search: 'a-00' })).toEqual(['A-0001']);
  });

  it('sorts by village order then name, by member count, by helper, and pages with a total', async () => {
    const byVillageDesc = await codes({ sort: { column: 'villageName', direction: 'desc' } });
    expect(byVillageDesc).toEqual([
      '3504211010020001', '3504211010020002', '3504211010020003', 'A-0001',
      '3504211010010001', '3504211010010002', '3504211010010003', '3504211010010004',
    ]);
    const byCount = await codes({ sort: { column: 'memberCount', direction: 'desc' }, limit: 3 });
    expect(byCount).toEqual(['3504211010010001', '3504211010010002', '3504211010010003']);
    expect(await codes({ sort: { column: 'helperName', direction: 'asc' }, limit: 3 })).toEqual(['3504211010010004', 'A-0001', '3504211010010002']);

    const page2 = await office.call('households.list', { sort: { column: 'householdCode', direction: 'desc' }, offset: 3, limit: 3 });
    expect(page2.total).toBe(8);
    expect(page2.rows.map((r) => r.householdCode)).toEqual(['3504211010020001', '3504211010010004', '3504211010010003']);

    const searched = await office.call('households.list', { search: '张', offset: 2, limit: 1 });
    expect(searched.total).toBe(4);
    expect(searched.rows.map((r) => r.householdCode)).toEqual(['3504211010010003']);
  });

  it('checkId finds a holder when the X is typed in lowercase', async () => {
    const result = await office.call('households.checkId', { idNumber: xId.toLowerCase() });
    expect(result.holder).toMatchObject({ householdCode: '3504211010010003', memberName: '张伟' });
  });
});
