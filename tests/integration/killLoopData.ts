// The households the SIGKILL loop writes: a distinct code and a distinct valid head ID per index,
// so a reopened ledger can be checked for every acknowledged one.
import type { InputOf } from '../../shared/contract';
import { idOf } from './householdsFixtures';

export function householdCodeOf(i: number): string {
  return `350421101001${String(i).padStart(4, '0')}`;
}

function birthOf(i: number): string {
  const d = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000);
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

export function householdOf(i: number, villageId: string, groupId: string): InputOf<'households.create'> {
  return {
    householdCode: householdCodeOf(i),
    villageId,
    groupId,
    address: `坪埠村一组 ${i} 号`,
    phone: '13905981234',
    kind: 'povertyExited',
    helperName: '王干部',
    members: [{ name: '张三', idNumber: idOf(birthOf(i), 11), relation: 'head', education: 'juniorHigh', labor: 'normal' }],
  };
}
