// Shared data for the households integration tests: valid ID numbers and ready-made households.
import type { InputOf } from '../../shared/contract';
import type { MemberInput } from '../../shared/contract/households';
import { idCheckDigit } from '../../shared/domain/idNumber';
import type { TestOffice } from './harness';

/** A valid 18-digit number for a person born on `birth` (YYYYMMDD); odd `seq` = male. */
export function idOf(birth: string, seq: number, region = '350421'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** A valid number whose check character is X. */
export function idEndingInX(birth: string): string {
  for (let seq = 1; seq < 1000; seq++) {
    const id = idOf(birth, seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check digit found');
}

export const zhangSan = idOf('19650312', 11); // male
export const liSiMei = idOf('19680720', 22); // female
export const zhangXiaoMing = idOf('19950105', 31); // male

export function member(name: string, idNumber: string, relation: MemberInput['relation'], extra: Partial<MemberInput> = {}): MemberInput {
  return { name, idNumber, relation, education: 'juniorHigh', labor: 'normal', ...extra };
}

export function threeMembers(): MemberInput[] {
  return [
    member('张三', zhangSan, 'head'),
    member('李四妹', liSiMei, 'spouse', { education: 'primary' }),
    member('张小明', zhangXiaoMing, 'son', { education: 'college', workStatus: 'outOfProvince' }),
  ];
}

export function householdInput(
  office: TestOffice,
  overrides: Partial<InputOf<'households.create'>> = {},
): InputOf<'households.create'> {
  const village = office.villages[0]!;
  return {
    householdCode: '3504211010010001',
    villageId: village.id,
    groupId: village.groups[0]!.id,
    address: '坪埠村一组 8 号',
    phone: '13905981234',
    kind: 'povertyExited',
    tekun: true,
    helperName: '王干部',
    members: threeMembers(),
    ...overrides,
  };
}

export async function auditRows(office: TestOffice, entityId: string) {
  return (await office.call('audit.list', { entityId, limit: 100 })).rows;
}
