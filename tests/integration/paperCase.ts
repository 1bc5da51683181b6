// A case taken the whole way — identified through 县级审定, helped with three measures, then
// eliminated through 县级审定 — for the tests that print its forms (page counts, artifacts).
// `long` adds members, risks and measures the way a hard case looks on paper.
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import type { InputOf } from '../../shared/contract';
import { adminPassword, userPassword, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

type StepIn = InputOf<'monitoring.recordStep'>;
const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

async function setDay(office: TestOffice, date: string): Promise<void> {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
  await office.core.invoke('users.unlock', { password: userPassword }, 'reviewer-session');
}

export interface PaperCase {
  caseId: string;
  householdId: string;
}

export async function caseThroughElimination(office: TestOffice, options: { code?: string; long?: boolean } = {}): Promise<PaperCase> {
  const code = options.code ?? '3504211010010007';
  const n = Number(code.slice(-3));
  const extra = options.long
    ? [
        member('张小红', idOf('19980214', 40 + n), 'daughter', { education: 'college' }),
        member('张老汉', idOf('19400808', 50 + n), 'father', { education: 'none', labor: 'none', health: 'chronic' }),
        member('王秀英', idOf('19420101', 60 + n), 'mother', { education: 'none', labor: 'none', health: 'chronic' }),
        member('张小军', idOf('20120303', 70 + n), 'grandson', { education: 'primary' }),
      ]
    : [];
  const members = [
    member('张大山', idOf('19650312', 10 + n), 'head'),
    member('李四妹', idOf('19680720', 20 + n), 'spouse', { education: 'primary' }),
    member('张小明', idOf('19950105', 30 + n), 'son'),
    ...extra,
  ];
  await setDay(office, '2026-04-28');
  const reviewer = await office.loginAs('reviewer');
  const { id: householdId } = await office.call('households.create', householdInput(office, { householdCode: code, members }));
  await office.call('income.save', { householdId, year: 2025, wageFen: 1_200_000 });
  const risks: InputOf<'monitoring.open'>['risks'] = options.long ? ['illness', 'schooling', 'disaster', 'unstableJob'] : ['illness', 'schooling'];
  const opened = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate: '2026-04-20', clueNote: '户主住院，医疗支出大', risks });
  const caseId = opened.case.id;
  const step = (s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn => ({ id: caseId, step: s, date, people: ['王干部'], outcome: 'passed', ...over });
  const notice = (date: string, end: string) => ({ details: { notice: { startDate: date, endDate: end, place: '村务公开栏' } } });

  await office.call('monitoring.recordStep', step('apply', '2026-04-21', { people: ['张大山'] }));
  await office.call('monitoring.recordStep', step('homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step('villageReview', '2026-04-23', { people: ['村支书', '村主任', '村民代表'] }));
  await office.call('monitoring.recordStep', step('notice', '2026-04-24', notice('2026-04-24', '2026-04-28')));
  await office.call('monitoring.update', { id: caseId, category: 'unstableExited' });
  await setDay(office, '2026-04-30');
  await office.call('monitoring.recordStep', step('townshipReview', '2026-04-29', { people: ['陈乡长'] }), reviewer);
  await office.call('monitoring.recordStep', step('countyDecision', '2026-04-30', { people: ['县乡村振兴局'] }), reviewer);

  const measure = async (measureTypeCode: string, riskTypes: InputOf<'measures.create'>['riskTypes'], amountFen: number | null) => {
    const m = await office.call('measures.create', { caseId, measureTypeCode, riskTypes, responsibleUnit: '乡民政办', helperName: '王干部', plannedDate: '2026-05-10', ...(amountFen === null ? {} : { amountFen }) });
    // Done as the clerk would mark it; set directly so the fixture does not depend on the edit form's shape.
    await office.core.db.updateTable('measures').set({ status: 'done', done_date: '2026-06-01' }).where('id', '=', m.id).execute();
  };
  await measure('JK03', ['illness'], 600_000);
  await measure('JX02', ['schooling'], 150_000);
  if (options.long) {
    await measure('JK02', ['illness'], 320_000);
    await measure('ZF02', ['disaster'], 2_000_000);
    await measure('JY01', ['unstableJob'], null);
    await measure('JY05', ['unstableJob'], null);
    await measure('ZB03', ['disaster'], 100_000);
  }
  await setDay(office, '2026-11-02');
  await office.call('income.save', { householdId, year: 2026, wageFen: 2_700_000 + (options.long ? 4_000_000 : 0) });
  await office.call('monitoring.recordStep', step('nominate', '2026-11-01'));
  await office.call('monitoring.recordStep', step('homeCheck', '2026-11-01', { people: ['王干部', '刘会计', '张大山'] }));
  await office.call('monitoring.recordStep', step('villageReview', '2026-11-01', { people: ['村支书', '村主任'] }));
  await office.call('monitoring.recordStep', step('notice', '2026-11-02', notice('2026-11-02', '2026-11-06')));
  await setDay(office, '2026-11-09');
  await office.call('monitoring.recordStep', step('townshipReview', '2026-11-07', { people: ['陈乡长'] }), reviewer);
  await office.call('monitoring.recordStep', step('countyDecision', '2026-11-09', { people: ['县乡村振兴局'], details: { eliminationMethod: 'assisted' } }), reviewer);
  return { caseId, householdId };
}
