import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { adminPassword, openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member, threeMembers } from './householdsFixtures';

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice(); // the test clock says 2026-03-10
});
afterEach(async () => {
  await office.close();
});

/** A 脱贫户 of 张三 (61 on 2026-03-31: past the male limit 60), 李四妹 (57: past 55) and 张小明 (31). */
async function household() {
  const { id } = await office.call('households.create', householdInput(office));
  const detail = await office.call('households.get', { id });
  const byName = (n: string) => detail.members.find((m) => m.name === n)!;
  return { id, zhang: byName('张三'), xiaoMing: byName('张小明') };
}

function spell(memberId: string, over: Partial<InputOf<'employment.saveSpell'>> = {}): InputOf<'employment.saveSpell'> {
  return {
    memberId,
    place: '广东省东莞市长安镇',
    area: 'outOfProvince',
    province: '广东省',
    city: '东莞市',
    employer: '东莞某电子厂',
    startDate: '2025-06-15',
    monthlyIncomeFen: 500_000,
    channel: 'organized',
    ...over,
  };
}

async function workStatusOf(householdId: string, memberId: string) {
  return (await office.call('households.get', { id: householdId })).members.find((m) => m.id === memberId)!.workStatus;
}

describe('job spells', () => {
  it('records a spell, derives months and 务工状况, and audits it', async () => {
    const h = await household();
    const s = await office.call('employment.saveSpell', spell(h.zhang.id, { area: 'inCounty', place: '明溪县城关乡', channel: 'welfarePost', startDate: '2026-01-01', monthlyIncomeFen: 50_000 }));
    expect(s).toMatchObject({ memberName: '张三', open: true, monthsThisYear: 3, version: 1 });
    expect(await workStatusOf(h.id, h.zhang.id)).toBe('welfarePost');
    const audit = await auditRows(office, s.id);
    expect(audit[0]!.summary).toContain('登记 张三 的务工记录');
  });

  it('refuses a stale save and names who changed the spell', async () => {
    const h = await household();
    const clerk = await office.loginAs('clerk');
    const s = await office.call('employment.saveSpell', spell(h.xiaoMing.id));
    const edited = await office.call('employment.saveSpell', { ...spell(h.xiaoMing.id, { employer: '东莞另一家厂' }), id: s.id, version: s.version }, clerk);
    expect(edited.version).toBe(2);
    const err = await office.fail('employment.saveSpell', { ...spell(h.xiaoMing.id, { monthlyIncomeFen: 600_000 }), id: s.id, version: s.version });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('此记录已被 clerk测试');
    expect(err.fields).toMatchObject({ employer: expect.any(String), monthlyIncomeFen: expect.any(String) });
  });

  it('refuses a start in the future and an end before the start, with what to do', async () => {
    const h = await household();
    const future = await office.fail('employment.saveSpell', spell(h.xiaoMing.id, { startDate: '2026-04-01' }));
    expect(future.fields?.startDate).toContain('不能晚于今天');
    const backwards = await office.fail('employment.saveSpell', spell(h.xiaoMing.id, { endDate: '2025-01-01' }));
    expect(backwards.fields?.endDate).toContain('不能早于开始日期');
  });

  it('ending the open spell turns 务工状况 into 未务工; the year suggests 工资性收入 from the months', async () => {
    const h = await household();
    const s = await office.call('employment.saveSpell', spell(h.xiaoMing.id));
    expect(await workStatusOf(h.id, h.xiaoMing.id)).toBe('outOfProvince');
    await office.call('employment.endSpell', { id: s.id, version: s.version, endDate: '2026-02-20', endReason: '工厂停产' });
    expect(await workStatusOf(h.id, h.xiaoMing.id)).toBe('none');
    // 2025-06 … 2025-12 = 7 months × 5,000 元
    expect(await office.call('employment.wageSuggestion', { householdId: h.id, year: 2025 })).toEqual({ wageFen: 3_500_000, spellCount: 1, endedInYear: 0 });
    expect(await office.call('employment.wageSuggestion', { householdId: h.id, year: 2026 })).toEqual({ wageFen: 1_000_000, spellCount: 1, endedInYear: 1 });
    const stale = await office.fail('employment.endSpell', { id: s.id, version: s.version, endDate: '2026-02-21', endReason: '重复' });
    expect(stale.code).toBe('CONFLICT');
  });
});

describe('quarterly 务工摸排', () => {
  it('lists labour-age members of covered households, checks them, shows progress and becomes a to-do past due', async () => {
    const h = await household();
    const round = await office.call('employment.createRound', { year: 2026, quarter: 1, dueDate: '2026-03-31' });
    expect(round).toMatchObject({ total: 1, checked: 0, overdue: false });
    const dup = await office.fail('employment.createRound', { year: 2026, quarter: 1, dueDate: '2026-03-31' });
    expect(dup.message).toContain('已建立');

    const village = office.villages[0]!;
    const list = await office.call('employment.checklist', { roundId: round.id, villageId: village.id });
    expect(list.rows.map((r) => r.name)).toEqual(['张小明']);

    office.clock.set('2026-04-02');
    await office.call('users.unlock', { password: adminPassword });
    expect((await office.call('employment.surveyTodo', {})).rounds.map((r) => r.id)).toEqual([round.id]);

    await office.call('employment.saveSpell', { ...spell(h.xiaoMing.id, { startDate: '2026-03-01', source: 'survey' }), surveyRoundId: round.id });
    const after = await office.call('employment.checklist', { roundId: round.id, villageId: village.id });
    expect(after.rows[0]).toMatchObject({ outcome: 'changed', lastSpell: { startDate: '2026-03-01' } });
    const progress = await office.call('employment.surveyRound', { roundId: round.id });
    expect(progress.villages.find((v) => v.villageId === village.id)).toMatchObject({ total: 1, checked: 1 });
    expect((await office.call('employment.surveyTodo', {})).rounds).toEqual([]);
  });

  it('无变化 is one call; the settings decide which households are covered', async () => {
    await household();
    const round = await office.call('employment.createRound', { year: 2026, quarter: 1, dueDate: '2026-03-31' });
    const village = office.villages[0]!;
    const [row] = (await office.call('employment.checklist', { roundId: round.id, villageId: village.id })).rows;
    await office.call('employment.check', { roundId: round.id, memberId: row!.memberId, outcome: 'unchanged' });
    expect((await office.call('employment.surveyRound', { roundId: round.id })).round).toMatchObject({ total: 1, checked: 1 });

    const { suggested } = await office.call('employment.settings', {});
    await office.call('employment.saveSettings', { ...suggested, surveyKinds: ['monitored'], version: null });
    expect((await office.call('employment.surveyRound', { roundId: round.id })).round.total).toBe(0);
  });
});

describe('employment settings', () => {
  it('saves a year, refuses a stale save and bad tiers with what to do', async () => {
    const first = await office.call('employment.settings', {});
    expect(first.inForce.source).toBe('default');
    const saved = await office.call('employment.saveSettings', { ...first.suggested, maxAgeMale: 65, version: null });
    expect((await office.call('employment.settings', {})).inForce).toMatchObject({ source: 'saved', maxAgeMale: 65 });
    await office.call('employment.saveSettings', { ...first.suggested, maxAgeMale: 62, version: saved.version });
    const stale = await office.fail('employment.saveSettings', { ...first.suggested, maxAgeMale: 64, version: saved.version });
    expect(stale.code).toBe('CONFLICT');
    const bad = await office.fail('employment.saveSettings', {
      ...first.suggested,
      workshopTiers: [
        { minPeople: 5, rewardFen: 2_000_000 },
        { minPeople: 10, rewardFen: 1_000_000 },
      ],
      version: null,
    });
    expect(bad.message).toContain('人数多的档次奖补不能少于');
    const clerk = await office.loginAs('clerk');
    expect((await office.fail('employment.saveSettings', { ...first.suggested, version: null }, clerk)).code).toBe('FORBIDDEN');
  });
});

describe('the link to the open case’s 就业帮扶 measure', () => {
  it('a new spell creates and ticks JY01 on a case with an employment risk; a second spell does not repeat it', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['unstableJob'] });
    const first = await office.call('employment.saveSpell', spell(h.xiaoMing.id, { startDate: '2026-03-05' }));
    expect(first.measureNote).toContain('JY01');
    const plan = await office.call('measures.forCase', { caseId: opened.case.id });
    expect(plan.measures.map((m) => [m.measureTypeCode, m.status, m.doneDate])).toEqual([['JY01', 'done', '2026-03-05']]);
    const second = await office.call('employment.saveSpell', spell(h.zhang.id, { startDate: '2026-03-06' }));
    expect(second.measureNote).toContain('未重复登记');
    expect((await office.call('measures.forCase', { caseId: opened.case.id })).measures).toHaveLength(1);
  });

  it('a welfare-post spell on a case without a matching risk keeps the spell and says why JY02 was not recorded', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['illness'] });
    const s = await office.call('employment.saveSpell', spell(h.zhang.id, { channel: 'welfarePost', area: 'inCounty', place: '明溪县城关乡', startDate: '2026-01-01', monthlyIncomeFen: 50_000 }));
    expect(s.measureNote).toContain('未能登记 JY02');
    expect((await office.call('measures.forCase', { caseId: opened.case.id })).measures).toEqual([]);
    expect((await office.call('employment.forHousehold', { householdId: h.id })).spells).toHaveLength(1);
  });

  it('writes the spell, its measure and their audit rows in one transaction: a failed measure write leaves no spell', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['unstableJob'] });
    const auditBefore = (await office.call('audit.list', { limit: 200 })).rows.length;
    const statusBefore = await workStatusOf(h.id, h.xiaoMing.id);
    // The disk or the database refuses the measure's row (not a rule of the plan): the whole channel fails.
    await sql`create trigger refuse_measure before insert on measures begin select raise(abort, 'measure write failed'); end`.execute(office.core.db);
    const err = await office.fail('employment.saveSpell', spell(h.xiaoMing.id, { startDate: '2026-03-05', area: 'inCounty', place: '明溪县城关乡' }));
    expect(err.code).toBe('INTERNAL');
    expect((await office.call('employment.forHousehold', { householdId: h.id })).spells).toEqual([]);
    expect(await workStatusOf(h.id, h.xiaoMing.id)).toBe(statusBefore);
    expect((await office.call('audit.list', { limit: 200 })).rows).toHaveLength(auditBefore);

    await sql`drop trigger refuse_measure`.execute(office.core.db);
    const saved = await office.call('employment.saveSpell', spell(h.xiaoMing.id, { startDate: '2026-03-05' }));
    expect(saved.measureNote).toContain('JY01');
    expect((await office.call('measures.forCase', { caseId: opened.case.id })).measures).toHaveLength(1);
  });

  it('a household without an open case gets no measure and no note', async () => {
    const h = await household();
    const s = await office.call('employment.saveSpell', spell(h.xiaoMing.id));
    expect(s.measureNote).toBeNull();
  });
});

describe('外出务工台账', () => {
  it('lists the spells touching the year, filtered by village and 务工地域, with the months of that year', async () => {
    const h = await household();
    await office.call('employment.saveSpell', spell(h.xiaoMing.id));
    await office.call('employment.saveSpell', spell(h.zhang.id, { area: 'inCounty', place: '明溪县城关乡', channel: 'flexible', startDate: '2024-02-01', endDate: '2024-10-31' }));
    const y2025 = await office.call('employment.migrantLedger', { year: 2025 });
    expect(y2025.rows.map((r) => [r.name, r.months])).toEqual([['张小明', 7]]);
    const y2024 = await office.call('employment.migrantLedger', { year: 2024, area: 'inCounty' });
    expect(y2024).toMatchObject({ total: 1, rows: [{ name: '张三', months: 9, villageName: '坪埠村' }] });
    expect((await office.call('employment.migrantLedger', { year: 2025, villageId: office.villages[1]!.id })).total).toBe(0);
    expect((await office.call('employment.migrantLedger', { year: 2025, area: 'inProvince' })).total).toBe(0);
  });
});

describe('employment checks before submission', () => {
  it('lists a pupil with an open job and a working person without an 11-digit mobile, until put right', async () => {
    const { id } = await office.call(
      'households.create',
      householdInput(office, { members: [...threeMembers(), member('张小丽', idOf('20100505', 42), 'daughter', { education: 'primary', schooling: 'juniorHigh' })] }),
    );
    const members = (await office.call('households.get', { id })).members;
    const xiaoLi = members.find((m) => m.name === '张小丽')!;
    const xiaoMing = members.find((m) => m.name === '张小明')!;
    await office.call('employment.saveSpell', spell(xiaoLi.id, { startDate: '2026-01-10', workPhone: '13912345678' }));
    const s = await office.call('employment.saveSpell', spell(xiaoMing.id));
    const byKind = async () => Object.fromEntries((await office.call('files.submissionCheck', { quarter: '2026Q1' })).rules.map((r) => [r.kind, r]));
    const before = await byKind();
    expect(before.pupilWorking!.items.map((i) => i.detail)).toEqual(['张小丽（在校生）在 广东省东莞市长安镇 务工']);
    expect(before.workerNoMobile!.items.map((i) => i.detail)).toEqual(['张小明（广东省东莞市长安镇）']);
    await office.call('employment.saveSpell', { ...spell(xiaoMing.id, { workPhone: '13812345678' }), id: s.id, version: s.version });
    expect((await byKind()).workerNoMobile!.count).toBe(0);
  });
});
