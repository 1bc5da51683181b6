import type { InputOf } from '../../shared/contract';
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import type { TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

// A monitoring case taken the whole identification path, as the signature tests need it.

/** A 1×1 PNG: a signature image the forms accept. */
export const signaturePng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

type StepIn = InputOf<'monitoring.recordStep'>;
const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

/** A two-person household with a 2025 income and a case taken through 县级审定 (监测中), helper 王干部. */
export async function monitoredCase(office: TestOffice, reviewer: string, code: string): Promise<{ id: string; householdId: string }> {
  const n = Number(code.slice(-2));
  const members = [member('张三', idOf('19650312', 10 + n), 'head'), member('李四妹', idOf('19680720', 20 + n), 'spouse')];
  const { id: householdId } = await office.call('households.create', householdInput(office, { householdCode: code, members }));
  await office.call('income.save', { householdId, year: 2025, wageFen: 800_000 });
  const d = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', clueNote: '住院', risks: ['illness'] });
  const id = d.case.id;
  const step = (s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn => ({ id, step: s, date, people: ['王干部'], outcome: 'passed', ...over });
  await office.call('monitoring.recordStep', step('apply', '2026-04-21', { people: ['张三'] }));
  await office.call('monitoring.recordStep', step('homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step('villageReview', '2026-04-23', { people: ['村支书', '村主任'] }));
  await office.call('monitoring.recordStep', step('notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } }));
  await office.call('monitoring.update', { id, category: 'unstableExited' });
  await office.call('monitoring.recordStep', step('townshipReview', '2026-04-29', { people: ['陈乡长'] }), reviewer);
  await office.call('monitoring.recordStep', step('countyDecision', '2026-04-30', { people: ['县乡村振兴局'] }), reviewer);
  return { id, householdId };
}
