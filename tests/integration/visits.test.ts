import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllSchedulesIn } from '../../electron/core/derived/visitSchedule';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { guaranteeKeys, type CaseStatus, type GuaranteeKey } from '../../shared/domain/monitoring';
import type { InputOf } from '../../shared/contract';
import { adminPassword, openTestOffice, userPassword, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

// Visits and the schedule they drive (DOMAIN §9), through the core: monthly for an open case, six
// months after elimination, yearly for a stable exited household, kept current by households,
// cases (set with SQL here) and thresholds; guarantees checks update the open case; audit rows.

let office: TestOffice;
let seq = 0;

async function newHousehold(kind: 'povertyExited' | 'ordinary' = 'ordinary', extra: Partial<InputOf<'households.create'>> = {}): Promise<string> {
  seq += 1;
  const { id } = await office.call(
    'households.create',
    householdInput(office, {
      householdCode: `35042110100280${String(seq).padStart(2, '0')}`,
      kind,
      members: [member(`户主${seq}`, idOf('19720202', 200 + seq * 2 + 1), 'head')],
      ...extra,
    }),
  );
  return id;
}

function allSecure(over: Partial<Record<GuaranteeKey, 'secure' | 'atRisk'>> = {}) {
  return Object.fromEntries(guaranteeKeys.map((k) => [k, { status: over[k] ?? 'secure', note: over[k] === 'atRisk' ? '房屋漏雨' : null }])) as Record<
    GuaranteeKey,
    { status: 'secure' | 'atRisk'; note: string | null }
  >;
}

async function insertCase(householdId: string, status: CaseStatus, dates: { included?: string; eliminated?: string } = {}): Promise<string> {
  const id = `case-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const now = new Date().toISOString();
  await office.core.db
    .insertInto('monitoring_cases')
    .values({
      id,
      office_code: '350421101',
      created_at: now,
      updated_at: now,
      updated_by: 'test',
      deleted_at: null,
      delete_reason: null,
      case_code: `JC${id}`,
      household_id: householdId,
      status,
      category: 'marginal',
      suggested_category: null,
      category_confirmed_by: null,
      helper_name: '陈帮扶',
      helper_phone: null,
      clue_source: 'cadreVisit',
      clue_date: '2026-01-20',
      clue_note: null,
      deadline_date: '2026-02-04',
      included_date: dates.included ?? '2026-02-01',
      plan_due_date: '2026-02-11',
      eliminated_date: dates.eliminated ?? null,
      elimination_method: dates.eliminated ? 'assisted' : null,
      rejected_date: null,
      reject_reason: null,
      guarantees: JSON.stringify(allSecure()),
      active_workflow: null,
      next_step: null,
      round: 1,
    })
    .execute();
  await refreshAllSchedulesIn(office.core.db);
  return id;
}

/** Moves the office's day; sessions lock after the idle time, so each one signed in unlocks again. */
async function setDay(date: string): Promise<void> {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
  await office.core.invoke('users.unlock', { password: userPassword }, 'clerk-session');
}

async function schedule(householdId: string) {
  return (await office.call('visits.forHousehold', { householdId })).schedule;
}

beforeAll(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterAll(async () => {
  await office.close();
});

describe('stable exited household: yearly', () => {
  it('is due a year after registration, then a year after each visit', async () => {
    const hh = await newHousehold('povertyExited');
    expect(await schedule(hh)).toEqual({ cycle: 'stableExited', cycleMonths: 12, lastVisitDate: null, nextVisitDue: '2027-03-10', overdue: false, overdueDays: 0 });

    await setDay('2026-05-20');
    const clerk = await office.loginAs('clerk');
    const created = await office.call(
      'visits.create',
      { householdId: hh, visitDate: '2026-05-20', visitors: ['王干部', ' 村支书 '], findings: '生产生活正常，两不愁三保障稳定', guarantees: allSecure() },
      clerk,
    );
    expect(created.visit).toMatchObject({
      householdId: hh,
      caseId: null,
      visitDate: '2026-05-20',
      visitors: ['王干部', '村支书'],
      kind: 'routine',
      incomeYear: null,
      recordedBy: 'clerk测试',
    });
    expect(created.visit.guarantees?.food).toEqual({ status: 'secure', note: null });
    expect(created.schedule).toMatchObject({ cycle: 'stableExited', lastVisitDate: '2026-05-20', nextVisitDue: '2027-05-20', overdue: false });

    const list = await office.call('visits.forHousehold', { householdId: hh });
    expect(list.visits.map((v) => v.visitDate)).toEqual(['2026-05-20']);

    const audit = await auditRows(office, created.visit.id);
    expect(audit[0]?.summary).toMatch(/^登记日常走访：户主\d+户（\d+），2026-05-20，王干部、村支书，两不愁三保障均有保障$/);
  });

  it('has no cycle for an ordinary household, and follows kind changes, closing and reopening', async () => {
    await setDay('2026-03-10');
    const hh = await newHousehold('ordinary');
    expect((await schedule(hh)).cycle).toBeNull();

    await office.call('households.update', { id: hh, patch: { kind: 'povertyExited' } });
    expect(await schedule(hh)).toMatchObject({ cycle: 'stableExited', nextVisitDue: '2027-03-10' });

    await office.call('households.close', { id: hh, date: '2026-03-10', reason: '整户迁出本县', membersLeaveAs: 'movedOut' });
    expect(await schedule(hh)).toMatchObject({ cycle: null, nextVisitDue: null });
    const refused = await office.fail('visits.create', { householdId: hh, visitDate: '2026-03-10', visitors: ['王干部'], findings: '已迁出' });
    expect(refused.code).toBe('RULE');
    expect(refused.message).toContain('已注销');

    await office.call('households.reopen', { id: hh, reason: '误注销' });
    expect(await schedule(hh)).toMatchObject({ cycle: 'stableExited', nextVisitDue: '2027-03-10' });
  });
});

describe('open case: monthly, and the guarantees check', () => {
  let hh: string;
  let caseId: string;

  beforeAll(async () => {
    await setDay('2026-03-10');
    hh = await newHousehold('ordinary');
    caseId = await insertCase(hh, 'monitoring', { included: '2026-02-01' });
  });

  it('is due a month after inclusion, overdue after that', async () => {
    expect(await schedule(hh)).toEqual({ cycle: 'openCase', cycleMonths: 1, lastVisitDate: null, nextVisitDue: '2026-03-01', overdue: true, overdueDays: 9 });
  });

  it('links the visit to the open case, updates its guarantees and moves the due date a month on', async () => {
    const created = await office.call('visits.create', {
      householdId: hh,
      visitDate: '2026-03-09',
      visitors: ['陈帮扶'],
      kind: 'return',
      findings: '住房有漏雨，已报危房鉴定',
      guarantees: allSecure({ housing: 'atRisk' }),
    });
    expect(created.visit.caseId).toBe(caseId);
    expect(created.visit.caseCode).toBe(`JC${caseId}`);
    expect(created.schedule).toEqual({ cycle: 'openCase', cycleMonths: 1, lastVisitDate: '2026-03-09', nextVisitDue: '2026-04-09', overdue: false, overdueDays: 0 });

    const row = await office.core.db.selectFrom('monitoring_cases').select('guarantees').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.guarantees).housing).toEqual({ status: 'atRisk', note: '房屋漏雨' });
    const caseAudit = await auditRows(office, caseId);
    expect(caseAudit[0]?.summary).toContain('两不愁三保障按 2026-03-09 走访核查更新：1 项有风险');
    expect(caseAudit[0]?.changes[0]?.field).toBe('guarantees');

    const forCase = await office.call('visits.forHousehold', { caseId });
    expect(forCase.householdId).toBe(hh);
    expect(forCase.visits.map((v) => v.id)).toEqual([created.visit.id]);
  });

  it('does not let an older visit entered late overwrite a newer check, nor move the schedule back', async () => {
    await office.call('visits.create', { householdId: hh, visitDate: '2026-03-02', visitors: ['陈帮扶'], findings: '补录', guarantees: allSecure() });
    const row = await office.core.db.selectFrom('monitoring_cases').select('guarantees').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.guarantees).housing.status).toBe('atRisk');
    expect(await schedule(hh)).toMatchObject({ lastVisitDate: '2026-03-09', nextVisitDue: '2026-04-09' });
    const visits = await office.call('visits.forHousehold', { householdId: hh });
    expect(visits.visits.map((v) => v.visitDate)).toEqual(['2026-03-09', '2026-03-02']);
  });

  it('saves an income update through the income rules', async () => {
    const created = await office.call('visits.create', {
      householdId: hh,
      visitDate: '2026-03-10',
      visitors: ['陈帮扶', '刘会计'],
      kind: 'evaluation',
      findings: '核实 2025 年收入',
      income: { year: 2025, wageFen: 1_800_000, pensionFen: 120_000 },
    });
    expect(created.visit.incomeYear).toBe(2025);
    const income = await office.call('income.forHousehold', { householdId: hh });
    expect(income.years.map((y) => [y.year, y.wageFen])).toEqual([[2025, 1_800_000]]);
    const future = await office.fail('visits.create', { householdId: hh, visitDate: '2026-03-10', visitors: ['陈帮扶'], findings: 'x', income: { year: 2027 } });
    expect(Object.keys(future.fields ?? {})).toEqual(['income.year']);
    expect((await office.call('visits.forHousehold', { householdId: hh })).visits).toHaveLength(3); // nothing saved
    const visitAudit = await office.core.db.selectFrom('audit_log').select('entity').where('channel', '=', 'visits.create').execute();
    expect(visitAudit.map((a) => a.entity)).toContain('income');
  });

  it('refuses visits in the future, without visitors, or for another household’s case', async () => {
    const future = await office.fail('visits.create', { householdId: hh, visitDate: '2026-03-11', visitors: ['陈帮扶'], findings: 'x' });
    expect(future.fields?.visitDate).toBe('不能晚于今天');
    const nobody = await office.fail('visits.create', { householdId: hh, visitDate: '2026-03-10', visitors: [], findings: 'x' });
    expect(nobody.fields?.visitors).toBe('请至少填写一名走访人');
    const blank = await office.fail('visits.create', { householdId: hh, visitDate: '2026-03-10', visitors: ['  '], findings: 'x' });
    expect(blank.fields?.['visitors.0']).toBe('请填写走访人');
    const other = await newHousehold('ordinary');
    const wrongCase = await office.fail('visits.create', { householdId: other, caseId, visitDate: '2026-03-10', visitors: ['陈帮扶'], findings: 'x' });
    expect(wrongCase.fields?.caseId).toBe('不属于该户');
    expect((await office.fail('visits.forHousehold', { householdId: hh, caseId })).code).toBe('INVALID_INPUT');
    expect((await office.fail('visits.forHousehold', { householdId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('follows the visit frequency the admin saves for the year', async () => {
    await office.call('thresholds.save', { ...suggestedThresholds(2026), visitOpenMonths: 2 });
    expect(await schedule(hh)).toMatchObject({ cycleMonths: 2, lastVisitDate: '2026-03-10', nextVisitDue: '2026-05-10' });
    await office.call('thresholds.save', { ...suggestedThresholds(2026), visitOpenMonths: 1 });
    expect(await schedule(hh)).toMatchObject({ nextVisitDue: '2026-04-10' });
  });
});

describe('eliminated case: every six months', () => {
  it('is due six months after elimination, then six months after each 回访 linked to that case', async () => {
    await setDay('2026-03-10');
    const hh = await newHousehold('povertyExited');
    const caseId = await insertCase(hh, 'eliminated', { included: '2025-08-31', eliminated: '2026-02-28' });
    expect(await schedule(hh)).toEqual({ cycle: 'eliminated', cycleMonths: 6, lastVisitDate: null, nextVisitDue: '2026-08-28', overdue: false, overdueDays: 0 });

    await setDay('2026-08-31');
    const created = await office.call('visits.create', { householdId: hh, visitDate: '2026-08-31', visitors: ['陈帮扶'], kind: 'return', findings: '风险消除后回访，收入稳定', guarantees: allSecure() });
    expect(created.visit.caseId).toBe(caseId);
    expect(created.schedule).toMatchObject({ cycle: 'eliminated', lastVisitDate: '2026-08-31', nextVisitDue: '2027-02-28' });
    // No open case: the eliminated case's guarantees are history and stay as they were.
    expect(await auditRows(office, caseId)).toHaveLength(0);
  });

  it('returns to monthly when the risk returns (a new open case)', async () => {
    await setDay('2026-09-10');
    const hh = await newHousehold('ordinary');
    await insertCase(hh, 'eliminated', { included: '2025-08-01', eliminated: '2026-02-01' });
    expect((await schedule(hh)).cycle).toBe('eliminated');
    await office.core.db
      .updateTable('monitoring_cases')
      .set({ status: 'monitoring', eliminated_date: null, elimination_method: null, included_date: '2026-09-05' })
      .where('household_id', '=', hh)
      .execute();
    await refreshAllSchedulesIn(office.core.db);
    expect(await schedule(hh)).toMatchObject({ cycle: 'openCase', nextVisitDue: '2026-10-05' });
  });
});
