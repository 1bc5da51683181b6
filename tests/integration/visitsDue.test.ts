import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllSchedulesIn } from '../../electron/core/derived/visitSchedule';
import { guaranteeKeys } from '../../shared/domain/monitoring';
import { adminPassword, openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

// 待办 (visits.due): what is due by the end of a month and what is overdue, by village and by
// helper, with the test clock deciding "today".

let office: TestOffice;
const ids: Record<string, string> = {};

async function setDay(date: string): Promise<void> {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
}

async function household(name: string, n: number, village: 0 | 1, kind: 'povertyExited' | 'ordinary', helperName: string | null): Promise<string> {
  const v = office.villages[village]!;
  const { id } = await office.call(
    'households.create',
    householdInput(office, {
      householdCode: `35042110100370${String(n).padStart(2, '0')}`,
      villageId: v.id,
      groupId: v.groups[0]!.id,
      kind,
      helperName,
      members: [member(name, idOf('19600303', 300 + n * 2 + 1), 'head')],
    }),
  );
  ids[name] = id;
  return id;
}

async function openCase(householdId: string, includedDate: string, helperName: string): Promise<void> {
  const now = new Date().toISOString();
  await office.core.db
    .insertInto('monitoring_cases')
    .values({
      id: `case-${householdId}`,
      office_code: '350421101',
      created_at: now,
      updated_at: now,
      updated_by: 'test',
      deleted_at: null,
      delete_reason: null,
      case_code: `JC-${householdId.slice(-6)}`,
      household_id: householdId,
      status: 'monitoring',
      category: 'marginal',
      suggested_category: null,
      category_confirmed_by: null,
      helper_name: helperName,
      helper_phone: null,
      clue_source: 'selfReport',
      clue_date: includedDate,
      clue_note: null,
      deadline_date: includedDate,
      included_date: includedDate,
      plan_due_date: includedDate,
      eliminated_date: null,
      elimination_method: null,
      rejected_date: null,
      reject_reason: null,
      guarantees: JSON.stringify(Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }]))),
      active_workflow: null,
      next_step: null,
      round: 1,
    })
    .execute();
  await refreshAllSchedulesIn(office.core.db);
}

beforeAll(async () => {
  office = await openTestOffice({ clock: new TestClock('2025-04-01T02:00:00.000Z') });
  await household('六号', 6, 1, 'povertyExited', null); // due 2026-04-01
  await setDay('2025-05-10');
  await household('一号', 1, 0, 'povertyExited', '王干部'); // due 2026-05-10
  await setDay('2025-05-25');
  await household('二号', 2, 1, 'povertyExited', '李干部'); // due 2026-05-25
  await setDay('2025-07-01');
  await household('三号', 3, 0, 'povertyExited', '王干部'); // due 2026-07-01
  await household('五号', 5, 0, 'ordinary', '王干部'); // never on a cycle
  const four = await household('四号', 4, 0, 'ordinary', '王干部');
  await openCase(four, '2026-04-01', '陈帮扶'); // monthly: due 2026-05-01; the case's helper visits
  await setDay('2026-05-15');
});
afterAll(async () => {
  await office.close();
});

describe('visits.due', () => {
  it('lists what is due by the month end, overdue first, with counts by village and helper', async () => {
    const due = await office.call('visits.due', {});
    expect(due).toMatchObject({ month: '2026-05', monthEnd: '2026-05-31', today: '2026-05-15', total: 4, overdueTotal: 3 });
    expect(due.rows.map((r) => [r.headName, r.nextVisitDue, r.overdueDays, r.cycle, r.helperName])).toEqual([
      ['六号', '2026-04-01', 44, 'stableExited', null],
      ['四号', '2026-05-01', 14, 'openCase', '陈帮扶'],
      ['一号', '2026-05-10', 5, 'stableExited', '王干部'],
      ['二号', '2026-05-25', 0, 'stableExited', '李干部'],
    ]);
    const four = due.rows[1]!;
    expect(four).toMatchObject({ villageName: '坪埠村', groupName: '一组', kind: 'ordinary', caseId: `case-${ids['四号']}`, lastVisitDate: null });
    expect(due.byVillage).toEqual([
      { villageId: office.villages[0]!.id, name: '坪埠村', due: 2, overdue: 2 },
      { villageId: office.villages[1]!.id, name: '旦上村', due: 2, overdue: 1 },
    ]);
    expect(due.byHelper).toEqual([
      { helperName: '陈帮扶', due: 1, overdue: 1 },
      { helperName: '李干部', due: 1, overdue: 0 },
      { helperName: '王干部', due: 1, overdue: 1 },
      { helperName: null, due: 1, overdue: 1 },
    ]);
  });

  it('filters by village, helper and overdue; counts stay as facets', async () => {
    const village = await office.call('visits.due', { month: '2026-05', villageId: office.villages[1]!.id });
    expect(village.rows.map((r) => r.headName)).toEqual(['六号', '二号']);
    expect(village.total).toBe(2);
    expect(village.byVillage).toHaveLength(2); // the village list still shows every village
    expect(village.byHelper).toEqual([
      { helperName: '李干部', due: 1, overdue: 0 },
      { helperName: null, due: 1, overdue: 1 },
    ]);

    const helper = await office.call('visits.due', { helperName: '陈帮扶' });
    expect(helper.rows.map((r) => r.headName)).toEqual(['四号']);
    expect(helper.byVillage).toEqual([{ villageId: office.villages[0]!.id, name: '坪埠村', due: 1, overdue: 1 }]);
    const nobody = await office.call('visits.due', { helperName: '' });
    expect(nobody.rows.map((r) => r.headName)).toEqual(['六号']);

    const overdue = await office.call('visits.due', { show: 'overdue' });
    expect(overdue.rows.map((r) => r.headName)).toEqual(['六号', '四号', '一号']);
    expect(overdue).toMatchObject({ total: 3, overdueTotal: 3 });
    const upcoming = await office.call('visits.due', { show: 'upcoming' });
    expect(upcoming.rows.map((r) => r.headName)).toEqual(['二号']);
    expect(upcoming).toMatchObject({ total: 1, overdueTotal: 0 });

    const page = await office.call('visits.due', { offset: 1, limit: 2 });
    expect(page.rows.map((r) => r.headName)).toEqual(['四号', '一号']);
    expect(page.total).toBe(4);
  });

  it('looks ahead to a later month and drops a household once visited', async () => {
    const july = await office.call('visits.due', { month: '2026-07' });
    expect(july.rows.map((r) => r.headName)).toEqual(['六号', '四号', '一号', '二号', '三号']);
    expect(july.rows.some((r) => r.headName === '五号')).toBe(false);

    await office.call('visits.create', { householdId: ids['一号']!, visitDate: '2026-05-15', visitors: ['王干部'], findings: '年度走访' });
    const may = await office.call('visits.due', { month: '2026-05' });
    expect(may.rows.map((r) => r.headName)).toEqual(['六号', '四号', '二号']);
    expect(may.byHelper.find((h) => h.helperName === '王干部')).toBeUndefined();

    const bad = await office.fail('visits.due', { month: '2026-13' });
    expect(bad.fields?.month).toBe('月份格式应为 年-月，例如 2026-05');
  });

  it('recomputes schedules missing after an upgrade, once, on first use', async () => {
    await office.core.db.updateTable('households').set({ visit_cycle: null, next_visit_due: null, last_visit_date: null }).execute();
    // Already checked in this process: an import or a seed calls refreshAllSchedulesIn itself.
    expect(await refreshAllSchedulesIn(office.core.db)).toBe(5);
    expect(await refreshAllSchedulesIn(office.core.db)).toBe(0);
    const due = await office.call('visits.due', { month: '2026-05' });
    expect(due.total).toBe(3);
  });
});
