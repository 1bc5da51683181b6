import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { suggestedThresholds } from '../../shared/domain/thresholds';
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import { uuidv7 } from '../../electron/core/ids';
import { adminPassword, openTestOffice, TestClock, userPassword, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
});

/** Moves the office's day; sessions lock after the idle time, so each one signed in unlocks again. */
async function setDay(date: string) {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
  for (const role of ['reviewer', 'clerk'] as const) {
    const r = await office.core.invoke('users.unlock', { password: userPassword }, `${role}-session`);
    void r; // a role that never signed in has nothing to unlock
  }
}
afterEach(async () => {
  await office.close();
});

const thresholds2026 = { ...suggestedThresholds(2026) };

const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

async function household(code = '3504211010010001', over: Partial<InputOf<'households.create'>> = {}) {
  const n = Number(code.slice(-3));
  const members = [
    member('张三', idOf('19650312', 10 + n), 'head'),
    member('李四妹', idOf('19680720', 20 + n), 'spouse', { education: 'primary' }),
    member('张小明', idOf('19950105', 30 + n), 'son'),
  ];
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, members, ...over }));
  return id;
}

/** Per-capita income for a three-person household, in fen. */
async function income(householdId: string, year: number, perCapitaFen: number) {
  await office.call('income.save', { householdId, year, wageFen: perCapitaFen * 3 });
}

async function openCase(householdId: string, over: Partial<InputOf<'monitoring.open'>> = {}) {
  return office.call('monitoring.open', {
    householdId,
    clueSource: 'cadreVisit',
    clueDate: '2026-04-20',
    clueNote: '户主住院，医疗支出大',
    risks: ['illness', 'schooling'],
    ...over,
  });
}

type StepIn = InputOf<'monitoring.recordStep'>;
function step(id: string, s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn {
  return { id, step: s, date, people: ['王干部'], outcome: 'passed', ...over };
}

/** Takes a freshly opened case (clue 2026-04-20) to inclusion on 2026-04-30. */
async function identify(caseId: string) {
  const reviewer = await office.loginAs('reviewer');
  await office.call('monitoring.recordStep', step(caseId, 'apply', '2026-04-21', { people: ['张三'] }));
  await office.call('monitoring.recordStep', step(caseId, 'homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step(caseId, 'villageReview', '2026-04-23', { people: ['村支书', '村主任', '村民代表'] }));
  await office.call(
    'monitoring.recordStep',
    step(caseId, 'notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } }),
  );
  await office.call('monitoring.update', { id: caseId, category: 'unstableExited' });
  await office.call('monitoring.recordStep', step(caseId, 'townshipReview', '2026-04-29', { people: ['乡镇领导'] }), reviewer);
  return office.call('monitoring.recordStep', step(caseId, 'countyDecision', '2026-04-30', { people: ['县乡村振兴局'] }), reviewer);
}

/** Direct SQL for a measure (the measures feature is another helper's). */
async function insertMeasure(caseId: string, householdId: string, riskTypes: string[], status: 'planned' | 'done', date: string) {
  const now = new Date().toISOString();
  const office_code = (await office.core.db.selectFrom('office').select('township_code').executeTakeFirstOrThrow()).township_code;
  const id = uuidv7();
  await office.core.db
    .insertInto('measures')
    .values({
      id,
      office_code,
      created_at: now,
      updated_at: now,
      updated_by: 'test',
      deleted_at: null,
      delete_reason: null,
      case_id: caseId,
      household_id: householdId,
      measure_type_code: 'TEST',
      risk_types: JSON.stringify(riskTypes),
      responsible_unit: '镇卫生院',
      helper_name: null,
      planned_date: date,
      done_date: status === 'done' ? date : null,
      status,
      amount_fen: null,
      note: null,
    })
    .execute();
  return id;
}

describe('monitoring.open', () => {
  it('opens a case: code, deadline from the thresholds in force, helper from the household, suggestion', async () => {
    const hh = await household();
    await income(hh, 2025, 500_000);
    const d = await openCase(hh);
    expect(d.case.caseCode).toBe('JC2026-0001');
    expect(d.case.status).toBe('identifying');
    expect(d.case.activeWorkflow).toBe('identification');
    expect(d.case.nextStep).toBe('apply');
    expect(d.case.deadlineDate).toBe('2026-05-05'); // 15 calendar days (defaults)
    expect(d.case.helperName).toBe('王干部');
    expect(d.case.suggestedCategory).toBe('unstableExited');
    expect(d.case.category).toBeNull();
    expect(d.case.guarantees.food.status).toBe('secure');
    expect(d.risks.map((r) => r.riskType)).toEqual(['illness', 'schooling']);
    expect(d.deadlines.identification).toEqual({ date: '2026-05-05', daysLeft: 4, overdue: false });
    expect(d.workflow.nextStepLabel).toBe('农户申请');
    const audit = await auditRows(office, d.case.id);
    expect(audit.some((a) => a.summary.includes('新建监测案件 JC2026-0001'))).toBe(true);

    const fh = await office.call('monitoring.forHousehold', { householdId: hh });
    expect(fh.openCaseId).toBe(d.case.id);
    expect(fh.suggestion.category).toBe('unstableExited');
    expect(fh.openBlockedReason).toContain('JC2026-0001');
  });

  it('an admin saving thresholds moves the deadlines of open cases', async () => {
    const d = await openCase(await household());
    expect(d.case.deadlineDate).toBe('2026-05-05');
    await office.call('thresholds.save', { ...thresholds2026, identificationDeadlineDays: 10 } as InputOf<'thresholds.save'>);
    expect((await office.call('monitoring.get', { id: d.case.id })).case.deadlineDate).toBe('2026-04-30');
  });

  it('uses working days when the year says so', async () => {
    await office.call('thresholds.save', { ...thresholds2026, identificationDeadlineDays: 20, identificationDeadlineUnit: 'working' } as InputOf<'thresholds.save'>);
    const d = await openCase(await household());
    expect(d.case.deadlineDate).toBe('2026-05-18'); // Mon 20 April + 20 working days
  });

  it('refuses a second open case naming the first, a future clue date and an empty risk list', async () => {
    const hh = await household();
    await openCase(hh);
    const dup = await office.fail('monitoring.open', { householdId: hh, clueSource: 'selfReport', clueDate: '2026-04-25', risks: ['illness'] });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('JC2026-0001');
    const hh2 = await household('3504211010010002');
    const future = await office.fail('monitoring.open', { householdId: hh2, clueSource: 'selfReport', clueDate: '2026-05-02', risks: ['illness'] });
    expect(future.fields?.clueDate).toContain('晚于今天');
    const noRisk = await office.fail('monitoring.open', { householdId: hh2, clueSource: 'selfReport', clueDate: '2026-04-25', risks: [] });
    expect(noRisk.code).toBe('INVALID_INPUT');
    expect(noRisk.message).toContain('风险类型');
  });

  it('no income: no suggestion, with the reason', async () => {
    const d = await openCase(await household());
    expect(d.suggestion.category).toBeNull();
    expect(d.suggestion.reason).toContain('尚无收入记录');
  });
});

describe('identification', () => {
  it('runs from clue to inclusion; an ordinary household becomes monitored; audit rows for each step', async () => {
    const hh = await household('3504211010010001', { kind: 'ordinary' });
    await income(hh, 2025, 700_000);
    const opened = await openCase(hh);
    expect(opened.suggestion.category).toBe('marginal');
    const d = await identify(opened.case.id);
    expect(d.case.status).toBe('monitoring');
    expect(d.case.includedDate).toBe('2026-04-30');
    expect(d.case.planDueDate).toBe('2026-05-10');
    expect(d.case.activeWorkflow).toBeNull();
    expect(d.case.nextStep).toBeNull();
    expect(d.case.category).toBe('unstableExited');
    expect(d.case.categoryConfirmedBy).toBe('林主任');
    expect(d.steps.map((s) => s.step)).toEqual(['apply', 'homeCheck', 'villageReview', 'notice', 'townshipReview', 'countyDecision']);
    expect(d.deadlines.identification).toBeNull();
    expect(d.deadlines.plan).toEqual({ date: '2026-05-10', daysLeft: 9, overdue: false, done: false });
    expect(d.elimination?.allMet).toBe(false);

    const dates = d.timeline.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(d.timeline.some((e) => e.title === '县级审定通过，纳入监测')).toBe(true);

    const h = await office.call('households.get', { id: hh });
    expect(h.household.kind).toBe('monitored');
    const hAudit = await auditRows(office, hh);
    expect(hAudit.some((a) => a.summary.includes('户类型由一般农户改为监测户'))).toBe(true);
    const audit = await auditRows(office, d.case.id);
    expect(audit.filter((a) => a.summary.includes('识别纳入·')).length).toBe(6);
    expect(audit.some((a) => a.summary.includes('确认类别为脱贫不稳定户'))).toBe(true);

    // Plan overdue after the due date with no measure, and in the ledger's filter
    await setDay('2026-05-12');
    const later = await office.call('monitoring.get', { id: d.case.id });
    expect(later.deadlines.plan?.overdue).toBe(true);
    const overdue = await office.call('monitoring.list', { overdue: 'plan' });
    expect(overdue.rows.map((r) => r.id)).toEqual([d.case.id]);
    expect(overdue.rows[0]!.dueKind).toBe('plan');
    expect(overdue.rows[0]!.daysLeft).toBe(-2);
    await insertMeasure(d.case.id, hh, ['illness'], 'planned', '2026-05-11');
    expect((await office.call('monitoring.list', { overdue: 'plan' })).total).toBe(0);
  });

  it('refuses steps out of order, naming the expected step', async () => {
    const { case: c } = await openCase(await household());
    const e = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-21', { people: ['a', 'b'] }));
    expect(e.code).toBe('RULE');
    expect(e.message).toContain('下一步应为「农户申请」');
    const nominate = await office.fail('monitoring.recordStep', step(c.id, 'nominate', '2026-04-21'));
    expect(nominate.message).toContain('农户申请');
  });

  it('refuses a step dated before the previous one or in the future', async () => {
    const { case: c } = await openCase(await household());
    const beforeClue = await office.fail('monitoring.recordStep', step(c.id, 'apply', '2026-04-19'));
    expect(beforeClue.fields?.date).toContain('早于');
    const future = await office.fail('monitoring.recordStep', step(c.id, 'apply', '2026-05-02'));
    expect(future.fields?.date).toContain('晚于今天');
  });

  it('home check: two investigators, every item answered, a hit needs the special decision', async () => {
    const { case: c } = await openCase(await household());
    await office.call('monitoring.recordStep', step(c.id, 'apply', '2026-04-21'));
    const one = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { details: { negativeList: noHits() } }));
    expect(one.message).toContain('至少两名');
    const noList = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'] }));
    expect(noList.message).toContain('负面清单');
    const { assets: _assets, ...partial } = noHits();
    const unanswered = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], details: { negativeList: partial as Record<NegativeListItem, boolean> } }));
    expect(unanswered.code).toBe('INVALID_INPUT');
    const hit = { ...noHits(), assets: true };
    const blocked = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], details: { negativeList: hit } }));
    expect(blocked.code).toBe('RULE');
    expect(blocked.message).toContain('特别决定');
    const ok = await office.call(
      'monitoring.recordStep',
      step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], details: { negativeList: hit, specialDecision: { date: '2026-04-22', note: '车辆为务工用旧车，村民代表大会同意' } } }),
    );
    expect(ok.case.nextStep).toBe('villageReview');
    expect(ok.steps[1]!.details.specialDecision?.note).toContain('村民代表大会');
  });

  it('refuses a short notice (days required, earliest end), a decision before the notice ended, a clerk approving, and unresolved objections', async () => {
    const hh = await household();
    await income(hh, 2025, 500_000);
    const { case: c } = await openCase(hh);
    const clerk = await office.loginAs('clerk');
    const reviewer = await office.loginAs('reviewer');
    await office.call('monitoring.recordStep', step(c.id, 'apply', '2026-04-21'), clerk);
    await office.call('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], details: { negativeList: noHits() } }), clerk);
    await office.call('monitoring.recordStep', step(c.id, 'villageReview', '2026-04-23'), clerk);
    const short = await office.fail(
      'monitoring.recordStep',
      step(c.id, 'notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-26', place: '村部' } } }),
      clerk,
    );
    expect(short.code).toBe('RULE');
    expect(short.message).toContain('不少于 5 天');
    expect(short.message).toContain('2026-04-28');
    await office.call(
      'monitoring.recordStep',
      step(c.id, 'notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村部' } } }),
      clerk,
    );

    // Objection during the notice blocks the next step until resolved
    const withObjection = await office.call('monitoring.addObjection', { id: c.id, receivedDate: '2026-04-25', objector: '村民甲', content: '该户有小汽车' }, clerk);
    expect(withObjection.workflow.unresolvedObjections).toBe(1);
    const tooEarlyObjection = await office.fail('monitoring.addObjection', { id: c.id, receivedDate: '2026-04-23', content: 'x' }, clerk);
    expect(tooEarlyObjection.fields?.receivedDate).toContain('早于公示开始日期');

    const byClerk = await office.fail('monitoring.recordStep', step(c.id, 'townshipReview', '2026-04-29'), clerk);
    expect(byClerk.code).toBe('FORBIDDEN');
    expect(byClerk.message).toContain('审核人');

    const blocked = await office.fail('monitoring.recordStep', step(c.id, 'townshipReview', '2026-04-29'), reviewer);
    expect(blocked.message).toContain('异议尚未核实处理');
    const objectionId = withObjection.objections[0]!.id;
    await office.call('monitoring.resolveObjection', { id: objectionId, resolvedDate: '2026-04-27', resolution: '经核实为租用车辆，异议不成立' }, clerk);
    const again = await office.fail('monitoring.resolveObjection', { id: objectionId, resolvedDate: '2026-04-27', resolution: 'x' }, clerk);
    expect(again.message).toContain('不能重复处理');

    const early = await office.fail('monitoring.recordStep', step(c.id, 'townshipReview', '2026-04-28'), reviewer);
    expect(early.message).toContain('公示期满后');
    expect(early.message).toContain('2026-04-29');
    await office.call('monitoring.recordStep', step(c.id, 'townshipReview', '2026-04-29'), reviewer);

    const noCategory = await office.fail('monitoring.recordStep', step(c.id, 'countyDecision', '2026-04-30'), reviewer);
    expect(noCategory.message).toContain('确认监测对象类别');
    expect(noCategory.message).toContain('脱贫不稳定户');
    await office.call('monitoring.update', { id: c.id, category: 'unstableExited' }, clerk);
    const clerkDecides = await office.fail('monitoring.recordStep', step(c.id, 'countyDecision', '2026-04-30'), clerk);
    expect(clerkDecides.code).toBe('FORBIDDEN');
    const done = await office.call('monitoring.recordStep', step(c.id, 'countyDecision', '2026-04-30'), reviewer);
    expect(done.case.status).toBe('monitoring');
    expect(done.timeline.some((e) => e.kind === 'objectionResolved')).toBe(true);
  });

  it('a rejected step ends identification: status rejected, then a new case may be opened', async () => {
    const hh = await household();
    const { case: c } = await openCase(hh);
    await office.call('monitoring.recordStep', step(c.id, 'apply', '2026-04-21'));
    const noReason = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], outcome: 'rejected', details: { negativeList: noHits() } }));
    expect(noReason.fields?.note).toBeDefined();
    const d = await office.call(
      'monitoring.recordStep',
      step(c.id, 'homeCheck', '2026-04-22', { people: ['a', 'b'], outcome: 'rejected', note: '家庭有稳定工资收入', details: { negativeList: { ...noHits(), publicSalary: true } } }),
    );
    expect(d.case.status).toBe('rejected');
    expect(d.case.rejectedDate).toBe('2026-04-22');
    expect(d.case.rejectReason).toContain('家庭有稳定工资收入');
    expect(d.case.nextStep).toBeNull();
    const after = await office.fail('monitoring.recordStep', step(c.id, 'villageReview', '2026-04-23'));
    expect(after.message).toContain('未纳入');
    const second = await openCase(hh, { clueDate: '2026-04-28' });
    expect(second.case.caseCode).toBe('JC2026-0002');
  });
});

describe('monitoring.update', () => {
  it('adds and removes risks (kept with the reason), changes guarantees and helper, with audit', async () => {
    const { case: c } = await openCase(await household());
    const d = await office.call('monitoring.update', {
      id: c.id,
      addRisks: [{ riskType: 'housing', note: '危房' }],
      removeRisks: [{ riskType: 'schooling', reason: '子女已毕业' }],
      guarantees: { housing: { status: 'atRisk', note: '房屋裂缝' } },
      helperName: '陈干部',
    });
    expect(d.risks.map((r) => r.riskType)).toEqual(['illness', 'housing']);
    expect(d.removedRisks).toMatchObject([{ riskType: 'schooling', removeReason: '子女已毕业' }]);
    expect(d.case.guarantees.housing).toEqual({ status: 'atRisk', note: '房屋裂缝' });
    expect(d.case.guarantees.food.status).toBe('secure');
    expect(d.case.helperName).toBe('陈干部');
    const audit = await auditRows(office, c.id);
    expect(audit.some((a) => a.summary.includes('移除风险 因学（子女已毕业）'))).toBe(true);
    const dupRisk = await office.fail('monitoring.update', { id: c.id, addRisks: [{ riskType: 'illness' }] });
    expect(dupRisk.message).toContain('无需重复添加');
    const last = await office.fail('monitoring.update', {
      id: c.id,
      removeRisks: [
        { riskType: 'illness', reason: 'x' },
        { riskType: 'housing', reason: 'x' },
      ],
    });
    expect(last.message).toContain('至少要保留一种风险类型');
  });
});

describe('risk elimination and 回退', () => {
  it('is refused until every precondition is met, then runs to 风险已消除; reopen keeps history', async () => {
    const hh = await household();
    await income(hh, 2025, 500_000);
    const { case: c } = await openCase(hh);
    await identify(c.id);
    const reviewer = await office.loginAs('reviewer');

    // Too early, income within the line, no measures, a guarantee at risk
    await office.call('monitoring.update', { id: c.id, guarantees: { medical: { status: 'atRisk', note: '未参保' } } });
    const early = await office.fail('monitoring.recordStep', step(c.id, 'nominate', '2026-05-01'));
    expect(early.code).toBe('RULE');
    expect(early.message).toContain('最早 2026-10-30');
    expect(early.message).toContain('未高于');
    expect(early.message).toContain('基本医疗保障');
    expect(early.message).toContain('没有对应措施');

    await setDay('2026-11-02');
    let d = await office.call('monitoring.get', { id: c.id });
    expect(d.elimination?.preconditions.filter((p) => !p.met).map((p) => p.key)).toEqual(['income', 'guarantees', 'measures']);
    expect(d.workflow.canStartElimination).toBe(false);

    await income(hh, 2026, 900_000);
    await office.call('monitoring.update', { id: c.id, guarantees: { medical: { status: 'secure', note: null } } });
    await insertMeasure(c.id, hh, ['illness'], 'done', '2026-06-01');
    const mSchool = await insertMeasure(c.id, hh, ['schooling'], 'planned', '2026-06-01');
    d = await office.call('monitoring.get', { id: c.id });
    expect(d.elimination?.preconditions.filter((p) => !p.met).map((p) => p.key)).toEqual(['measures']);
    expect(d.coverage.find((x) => x.riskType === 'schooling')).toMatchObject({ covered: true, done: false });

    await office.core.db.updateTable('measures').set({ status: 'done', done_date: '2026-09-01' }).where('id', '=', mSchool).execute();
    d = await office.call('monitoring.get', { id: c.id });
    expect(d.elimination?.allMet).toBe(true);
    expect(d.workflow.canStartElimination).toBe(true);

    const wrongFirst = await office.fail('monitoring.recordStep', step(c.id, 'homeCheck', '2026-11-01', { people: ['a', 'b'] }));
    expect(wrongFirst.message).toContain('村提名');
    await office.call('monitoring.recordStep', step(c.id, 'nominate', '2026-11-01'));
    await office.call('monitoring.recordStep', step(c.id, 'homeCheck', '2026-11-01', { people: ['王干部', '刘会计', '张三'] }));
    await office.call('monitoring.recordStep', step(c.id, 'villageReview', '2026-11-01'));
    await office.call(
      'monitoring.recordStep',
      step(c.id, 'notice', '2026-11-02', { details: { notice: { startDate: '2026-11-02', endDate: '2026-11-06', place: '村务公开栏' } } }),
    );
    await setDay('2026-11-09');
    await office.call('monitoring.recordStep', step(c.id, 'townshipReview', '2026-11-07'), reviewer);
    const noMethod = await office.fail('monitoring.recordStep', step(c.id, 'countyDecision', '2026-11-09'), reviewer);
    expect(noMethod.fields?.['details.eliminationMethod']).toBeDefined();
    d = await office.call('monitoring.recordStep', step(c.id, 'countyDecision', '2026-11-09', { details: { eliminationMethod: 'assisted' } }), reviewer);
    expect(d.case.status).toBe('eliminated');
    expect(d.case.eliminatedDate).toBe('2026-11-09');
    expect(d.case.eliminationMethod).toBe('assisted');
    expect(d.elimination).toBeNull();
    expect(d.workflow.reopenBlockedReason).toBeNull();
    expect((await office.call('monitoring.list', { status: 'eliminated' })).total).toBe(1);

    // 回退
    await setDay('2027-02-01');
    // Another case opened meanwhile blocks the reopening
    const other = await openCase(hh, { clueDate: '2027-01-25', risks: ['disaster'] });
    expect((await office.call('monitoring.get', { id: c.id })).workflow.reopenBlockedReason).toContain(other.case.caseCode);
    const blocked = await office.fail('monitoring.reopen', { id: c.id, date: '2027-01-26', reason: '再次患病' });
    expect(blocked.code).toBe('CONFLICT');
    expect(blocked.message).toContain(other.case.caseCode);
    await office.call('monitoring.recordStep', step(other.case.id, 'apply', '2027-01-26', { outcome: 'rejected', note: '农户撤回申请' }));

    const beforeDate = await office.fail('monitoring.reopen', { id: c.id, date: '2026-11-01', reason: '再次患病' });
    expect(beforeDate.fields?.date).toContain('早于风险消除日期');
    const r = await office.call('monitoring.reopen', { id: c.id, date: '2027-01-20', reason: '户主旧病复发，再次住院' });
    expect(r.case.status).toBe('monitoring');
    expect(r.case.round).toBe(2);
    expect(r.case.eliminatedDate).toBeNull();
    expect(r.steps.length).toBe(13);
    expect(r.steps.at(-1)).toMatchObject({ workflow: 'reopen', date: '2027-01-20', note: '户主旧病复发，再次住院' });
    expect(r.timeline.some((e) => e.title.startsWith('标注风险消除'))).toBe(false); // the date is cleared, the steps stay
    expect(r.timeline.filter((e) => e.title.includes('风险消除·县级审定')).length).toBe(1);
    // the minimum monitoring time counts again from the reopening
    expect(r.elimination?.earliestDate).toBe('2027-07-20');
    // and the monthly visits run from the reopening, not from the first inclusion long ago
    expect(r.household).toMatchObject({ visitCycle: 'openCase', nextVisitDue: '2027-02-20' });
    const audit = await auditRows(office, c.id);
    expect(audit.some((a) => a.summary.includes('回退'))).toBe(true);
    expect(audit.some((a) => a.summary.includes('风险消除·县级审定 通过'))).toBe(true);
  });

  it('a rejected elimination step ends that run and the case stays monitored; a reopen is refused while another case is open', async () => {
    const hh = await household();
    await income(hh, 2025, 500_000);
    const { case: c } = await openCase(hh);
    await identify(c.id);
    await setDay('2026-11-02');
    await income(hh, 2026, 900_000);
    await insertMeasure(c.id, hh, ['illness', 'schooling'], 'done', '2026-06-01');
    await office.call('monitoring.recordStep', step(c.id, 'nominate', '2026-11-01'));
    const d = await office.call('monitoring.recordStep', step(c.id, 'homeCheck', '2026-11-02', { people: ['a', 'b'], outcome: 'rejected', note: '收入不稳定' }));
    expect(d.case.status).toBe('monitoring');
    expect(d.case.activeWorkflow).toBeNull();
    expect(d.workflow.canStartElimination).toBe(true);
    const restart = await office.call('monitoring.recordStep', step(c.id, 'nominate', '2026-11-02'));
    expect(restart.case.nextStep).toBe('homeCheck');

    // Reopen refused: not eliminated
    const notElim = await office.fail('monitoring.reopen', { id: c.id, date: '2026-11-02', reason: 'x' });
    expect(notElim.message).toContain('只有风险已消除的案件可以回退');
  });

  it('a no-labour household is never eliminated', async () => {
    const hh = await household('3504211010010001', {
      members: [member('张三', idOf('19450312', 11), 'head', { labor: 'lost' })],
    });
    await office.call('income.save', { householdId: hh, year: 2025, pensionFen: 500_000 });
    const { case: c } = await openCase(hh);
    await identify(c.id);
    await setDay('2026-11-02');
    await office.call('income.save', { householdId: hh, year: 2026, pensionFen: 900_000 });
    await insertMeasure(c.id, hh, ['illness', 'schooling'], 'done', '2026-06-01');
    const e = await office.fail('monitoring.recordStep', step(c.id, 'nominate', '2026-11-01'));
    expect(e.message).toContain('整户无劳动能力');
  });
});

describe('monitoring.list', () => {
  it('filters by village, category, risk, status, overdue, helper and search', async () => {
    const a = await household('3504211010010001');
    const village2 = office.villages[1]!;
    const b = await household('3504211010020002', { villageId: village2.id, groupId: village2.groups[0]!.id, helperName: '陈干部' });
    const caseA = (await openCase(a, { risks: ['illness'] })).case;
    const caseB = (await openCase(b, { risks: ['housing'], clueDate: '2026-04-10' })).case;
    const ids = async (input: InputOf<'monitoring.list'>) => (await office.call('monitoring.list', input)).rows.map((r) => r.id);

    expect(await ids({})).toEqual([caseA.id, caseB.id]); // case code order
    expect((await office.call('monitoring.list', {})).total).toBe(2);
    expect(await ids({ villageId: village2.id })).toEqual([caseB.id]);
    expect(await ids({ riskType: 'illness' })).toEqual([caseA.id]);
    expect(await ids({ riskType: 'housing', villageId: office.villages[0]!.id })).toEqual([]);
    expect(await ids({ helperName: '陈干部' })).toEqual([caseB.id]);
    // Part of the name finds it too (issue 15 #20); % and _ are taken literally.
    expect(await ids({ helperName: '陈' })).toEqual([caseB.id]);
    expect(await ids({ helperName: '干部' })).toHaveLength(2); // 王干部 and 陈干部
    expect(await ids({ helperName: '陈%' })).toEqual([]);
    expect(await ids({ overdue: 'deadline' })).toEqual([caseB.id]); // 10 April + 15 days < 1 May
    expect(await ids({ status: 'monitoring' })).toEqual([]);
    expect(await ids({ status: 'open' })).toHaveLength(2);
    expect(await ids({ search: '3504211010020' })).toEqual([caseB.id]);
    expect(await ids({ search: '张' })).toHaveLength(2);
    expect(await ids({ category: 'marginal' })).toEqual([]);
    expect(await ids({ sort: { column: 'dueDate', direction: 'asc' } })).toEqual([caseB.id, caseA.id]);

    const row = (await office.call('monitoring.list', { villageId: village2.id })).rows[0]!;
    expect(row).toMatchObject({
      caseCode: 'JC2026-0002',
      villageName: '旦上村',
      headName: '张三',
      status: 'identifying',
      risks: ['housing'],
      helperName: '陈干部',
      dueKind: 'identification',
      dueDate: '2026-04-25',
      daysLeft: -6,
    });
  });

  it('the visit filter lists open cases whose monthly visit is overdue', async () => {
    const a = await household('3504211010010001');
    const { case: c } = await openCase(a, { clueDate: '2026-03-30' }); // first visit due a month after the clue
    const b = await household('3504211010010002');
    await openCase(b); // clue 2026-04-20: its visit is not due until 2026-05-20
    const rows = (await office.call('monitoring.list', { overdue: 'visit' })).rows;
    expect(rows.map((r) => r.id)).toEqual([c.id]);
    expect(rows[0]!.visitOverdue).toBe(true);
    const d = await office.call('monitoring.get', { id: c.id });
    expect(d.deadlines.visit).toEqual({ date: '2026-04-30', daysLeft: -1, overdue: true });
  });
});
