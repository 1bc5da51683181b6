import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figures, Workbench } from '../../shared/contract/reports';
import { dueState, quarterVisit, trendMonths, visitDueState } from '../../shared/domain/workbench';
import { endOfMonth } from '../../shared/lib/dates';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { seedAsOf, writeSeededFolder } from './seededOffice';
import { idOf, member } from './householdsFixtures';

// 工作台 (issue 14): every figure equals the count made straight from the ledger rows with the
// shared rules, on a seeded office, before and after changes made through the program.

const asOf = seedAsOf;
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-workbench-'));
let office: TestOffice;

beforeAll(async () => {
  await writeSeededFolder(dataDir, { seed: 5, households: 400 });
  office = await openTestOffice({ dataDir, clock: new TestClock(`${asOf}T02:00:00.000Z`) });
}, 120_000);
afterAll(async () => {
  await office.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The figures and to-do counts computed in plain code from every row of the ledgers. */
async function fromLedgers(today: string, me: string) {
  const db = office.core.db;
  const households = await db.selectFrom('households').selectAll().where('deleted_at', 'is', null).execute();
  const cases = await db.selectFrom('monitoring_cases').selectAll().where('deleted_at', 'is', null).execute();
  const risks = await db.selectFrom('case_risks').selectAll().where('deleted_at', 'is', null).execute();
  const measures = await db.selectFrom('measures').selectAll().where('deleted_at', 'is', null).where('status', '<>', 'cancelled').execute();
  const objections = await db.selectFrom('notice_objections').selectAll().where('deleted_at', 'is', null).where('resolved_date', 'is', null).execute();
  const year = today.slice(0, 4);
  const active = households.filter((h) => h.status === 'active');
  const withPlan = new Set(measures.map((m) => m.case_id));
  const open = cases.filter((c) => c.status === 'identifying' || c.status === 'monitoring');
  const openIds = new Set(open.map((c) => c.id));
  const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
  const inYear = (d: string | null) => d !== null && d.startsWith(year) && d <= today;
  const householdOfCase = new Map(cases.map((c) => [c.id, c.household_id]));
  const helperOfHousehold = new Map(households.map((h) => [h.id, h.helper_name]));
  const openHelper = new Map(open.map((c) => [c.household_id, c.helper_name]));
  const visitHelper = (hId: string) => openHelper.get(hId) ?? helperOfHousehold.get(hId) ?? null;
  return {
    township: {
      householdTotal: active.length,
      population: active.reduce((a, h) => a + h.member_count, 0),
      monitored: count(active, (h) => h.kind === 'monitored'),
      monitoringCases: count(cases, (c) => c.status === 'monitoring'),
      identifying: count(cases, (c) => c.status === 'identifying'),
      eliminated: count(cases, (c) => c.status === 'eliminated'),
      marginalOpen: count(open, (c) => c.category === 'marginal'),
      includedThisYear: count(cases, (c) => inYear(c.included_date)),
      eliminatedThisYear: count(cases, (c) => inYear(c.eliminated_date)),
      illnessRisks: count(risks, (r) => openIds.has(r.case_id) && r.risk_type === 'illness'),
      monitoringWithMeasure: count(cases, (c) => c.status === 'monitoring' && withPlan.has(c.id)),
      visitsDue: count(active, (h) => quarterVisit({ visitCycle: h.visit_cycle, lastVisitDate: h.last_visit_date, nextVisitDue: h.next_visit_due }, today).due),
      visitsDone: count(active, (h) => quarterVisit({ visitCycle: h.visit_cycle, lastVisitDate: h.last_visit_date, nextVisitDue: h.next_visit_due }, today).done),
    },
    todos: {
      'identification.overdue': count(cases, (c) => c.status === 'identifying' && dueState(c.deadline_date, today) === 'overdue'),
      'identification.soon': count(cases, (c) => c.status === 'identifying' && dueState(c.deadline_date, today) === 'soon'),
      'plan.overdue': count(cases, (c) => c.status === 'monitoring' && !withPlan.has(c.id) && dueState(c.plan_due_date, today) === 'overdue'),
      'plan.soon': count(cases, (c) => c.status === 'monitoring' && !withPlan.has(c.id) && dueState(c.plan_due_date, today) === 'soon'),
      'objection.open': new Set(objections.map((o) => o.case_id)).size,
      // visits.due counts every household with a due date, closed or not (as the 走访待办 page does).
      'visit.overdue': count(households, (h) => visitDueState(h.next_visit_due, today) === 'overdue'),
      'visit.month': count(households, (h) => visitDueState(h.next_visit_due, today) === 'thisMonth'),
      'visit.overdue.mine': count(households, (h) => visitDueState(h.next_visit_due, today) === 'overdue' && visitHelper(h.id) === me),
    },
    trendIncluded: count(cases, (c) => c.included_date !== null && c.included_date >= `${trendMonths(today)[0]!}-01` && c.included_date <= today),
    householdOfCase,
  };
}

function summary(f: Figures) {
  return {
    householdTotal: f.householdTotal,
    population: f.population,
    monitored: f.households.monitored,
    monitoringCases: f.casesByStatus.monitoring,
    identifying: f.casesByStatus.identifying,
    eliminated: f.casesByStatus.eliminated,
    marginalOpen: f.openByCategory.marginal,
    includedThisYear: f.includedThisYear,
    eliminatedThisYear: f.eliminatedThisYear,
    illnessRisks: f.risksByType.illness,
    monitoringWithMeasure: f.monitoringWithMeasure,
    visitsDue: f.visitsDueThisQuarter,
    visitsDone: f.visitsDoneThisQuarter,
  };
}

async function expectMatches(wb: Workbench, me: string): Promise<void> {
  const want = await fromLedgers(wb.today, me);
  expect(summary(wb.township)).toEqual(want.township);
  const todo = (key: string) => wb.todos.find((t) => t.key === key);
  for (const key of ['identification.overdue', 'identification.soon', 'plan.overdue', 'plan.soon', 'objection.open', 'visit.overdue', 'visit.month'] as const) {
    expect({ key, count: todo(key)?.count }).toEqual({ key, count: want.todos[key] });
  }
  expect(todo('visit.overdue')?.mine).toBe(want.todos['visit.overdue.mine']);
  expect(wb.trend).toHaveLength(24);
  expect(wb.trend.reduce((a, m) => a + m.included, 0)).toBe(want.trendIncluded);
  // The villages add up to the township.
  const sum = (pick: (f: Figures) => number) => wb.villages.reduce((a, v) => a + pick(v.figures), 0);
  expect(sum((f) => f.householdTotal)).toBe(wb.township.householdTotal);
  expect(sum((f) => f.casesByStatus.monitoring)).toBe(wb.township.casesByStatus.monitoring);
  expect(sum((f) => f.visitsDoneThisQuarter)).toBe(wb.township.visitsDoneThisQuarter);
}

describe('工作台 figures', () => {
  it('equal the counts made straight from the ledgers on a seeded office', async () => {
    const wb = await office.call('reports.workbench', {});
    expect(wb.today).toBe(asOf);
    expect(wb.township.householdTotal).toBeGreaterThan(300);
    expect(wb.township.casesByStatus.monitoring).toBeGreaterThan(0);
    await expectMatches(wb, '林主任');
    // Each to-do opens a ledger page with its filter in the query string.
    const overdue = wb.todos.find((t) => t.key === 'identification.overdue')!;
    expect(overdue.route).toBe('/monitoring?status=identifying&overdue=deadline');
    expect(wb.todos.find((t) => t.key === 'visit.month')!.route).toBe('/due?show=upcoming');
  });

  it('the to-do counts equal what the filtered ledger pages list', async () => {
    const wb = await office.call('reports.workbench', {});
    for (const key of ['identification.overdue', 'identification.soon', 'plan.overdue', 'plan.soon', 'objection.open'] as const) {
      const t = wb.todos.find((x) => x.key === key)!;
      const params = new URLSearchParams(t.route!.split('?')[1]);
      const list = await office.call('monitoring.list', {
        status: (params.get('status') ?? 'all') as 'identifying',
        ...(params.get('overdue') ? { overdue: params.get('overdue') as 'deadline' } : {}),
        ...(params.get('objection') ? { objectionOpen: true } : {}),
        offset: 0,
        limit: 1,
      });
      expect({ key, total: list.total }).toEqual({ key, total: t.count });
    }
    const overdue = await office.call('visits.due', { show: 'overdue', offset: 0, limit: 1 });
    expect(overdue.total).toBe(wb.todos.find((x) => x.key === 'visit.overdue')!.count);
    const upcoming = await office.call('visits.due', { show: 'upcoming', offset: 0, limit: 1 });
    expect(upcoming.total).toBe(wb.todos.find((x) => x.key === 'visit.month')!.count);
  });

  it('follows changes: a visit, a new household, and another day', async () => {
    const before = await office.call('reports.workbench', {});
    const due = await office.call('visits.due', { show: 'overdue', offset: 0, limit: 1 });
    const target = due.rows[0]!;
    await office.call('visits.create', { householdId: target.householdId, visitDate: asOf, visitors: ['王干部'], findings: '走访正常' });
    const v = office.villages[0]!;
    await office.call('households.create', {
      householdCode: '3504211019990001',
      villageId: v.id,
      groupId: v.groups[0]!.id,
      address: null,
      phone: '13905980000',
      kind: 'ordinary',
      helperName: null,
      members: [member('刘建', idOf('19700101', 911), 'head'), member('刘小红', idOf('19980202', 922), 'daughter')],
    });
    const after = await office.call('reports.workbench', {});
    expect(after.township.householdTotal).toBe(before.township.householdTotal + 1);
    expect(after.township.population).toBe(before.township.population + 2);
    expect(after.todos.find((t) => t.key === 'visit.overdue')!.count).toBe(before.todos.find((t) => t.key === 'visit.overdue')!.count - 1);
    await expectMatches(after, '林主任');

    office.clock.set('2026-12-28');
    await office.call('users.unlock', { password: 'Admin1234' }).catch(() => undefined);
    const later = await office.call('reports.workbench', {});
    expect(later.today).toBe('2026-12-28');
    expect(endOfMonth(later.today)).toBe('2026-12-31');
    await expectMatches(later, '林主任');
    office.clock.set(`${asOf}T02:00:00.000Z`);
    await office.call('users.unlock', { password: 'Admin1234' }).catch(() => undefined);
  });
});

describe('search', () => {
  it('finds 刘建 by lj, liujian, the name, the last digits of the ID number, its first digits, the household code and the phone', async () => {
    const id = idOf('19700101', 911);
    for (const q of ['lj', 'liujian', 'LiuJian', '刘建', id.slice(-6), id, id.slice(0, 10), '350421101999', '1390598']) {
      const r = await office.call('search.query', { q });
      expect({ q, found: r.members.some((m) => m.name === '刘建') || r.households.some((h) => h.headName === '刘建') }).toEqual({ q, found: true });
    }
    const r = await office.call('search.query', { q: 'liujian' });
    const m = r.members.find((x) => x.name === '刘建')!;
    expect(m.idNumberMasked).not.toContain(id.slice(6, 14));
    expect(r.households.find((h) => h.headName === '刘建')?.householdCode).toBe('3504211019990001');
  });

  it('follows a member rename in the same transaction, and finds seeded people by their initials', async () => {
    const [found] = (await office.call('search.query', { q: '刘小红' })).members;
    const detail = await office.call('households.get', { id: found!.householdId });
    const daughter = detail.members.find((x) => x.id === found!.id)!;
    await office.call('households.updateMember', { id: daughter.id, version: daughter.version, patch: { name: '赵晓雪' } });
    expect((await office.call('search.query', { q: 'zxx' })).members.map((m) => m.name)).toContain('赵晓雪');
    expect((await office.call('search.query', { q: 'liuxiaohong' })).members.map((m) => m.name)).not.toContain('刘小红');
    expect((await office.call('search.query', { q: '刘小红' })).members.map((m) => m.id)).not.toContain(daughter.id);
    expect((await office.call('search.query', { q: '赵晓雪' })).members.map((m) => m.id)).toContain(daughter.id);
    const seeded = await office.core.db.selectFrom('members').select(['name']).where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const r = await office.call('search.query', { q: seeded.name });
    expect(r.members.map((m) => m.name)).toContain(seeded.name);
  });
});
