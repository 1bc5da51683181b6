import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput } from './householdsFixtures';
import { makeHousehold } from './postsFixtures';

// 技能培训, 以工代赈 and 就业补贴申请 (issue 12 item 6) and the monthly table R2.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice(); // the test clock says 2026-03-10
});
afterEach(async () => {
  await office.close();
});

/** A 脱贫户 of 张三 (male, 1965: past labour age), 李四妹 (female, 1968: past it) and 张小明 (male, 1995). */
async function household(code = '3504211010010001') {
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code }));
  const detail = await office.call('households.get', { id });
  const byName = (n: string) => detail.members.find((m) => m.name === n)!.id;
  return { id, zhang: byName('张三'), xiaoMing: byName('张小明') };
}

function spell(memberId: string, over: Partial<InputOf<'employment.saveSpell'>> = {}): InputOf<'employment.saveSpell'> {
  return { memberId, place: '广东省东莞市长安镇', area: 'outOfProvince', startDate: '2025-12-10', monthlyIncomeFen: 500_000, channel: 'organized', ...over };
}

function transport(memberId: string, appliedOn: string): InputOf<'subsidies.apply'> {
  return { memberId, kind: 'transport', year: 2026, appliedOn };
}

describe('一次性交通补助', () => {
  it('is refused at 2 months 29 days of continuous work away and granted at 3 months, from the year’s tier', async () => {
    const h = await household();
    // 2025-10-10 + 2 months = 2025-12-10; + 29 days = 2026-01-08. 3 months: 2026-01-10.
    await office.call('employment.saveSpell', spell(h.xiaoMing, { startDate: '2025-10-10' }));
    const early = await office.fail('subsidies.apply', transport(h.xiaoMing, '2026-01-08'));
    expect(early.code).toBe('RULE');
    expect(early.message).toContain('连续外出务工 2 个月 29 天');
    expect(early.fields?.memberId).toBeDefined();
    expect((await office.fail('subsidies.apply', transport(h.xiaoMing, '2026-01-09'))).message).toContain('2 个月 30 天');
    const ok = await office.call('subsidies.apply', transport(h.xiaoMing, '2026-01-10'));
    expect(ok).toMatchObject({ status: 'applied', amountFen: 40_000, area: 'outOfProvince', memberName: '张小明' });
    expect(ok.basis).toContain('连续 3 个月');
    expect((await auditRows(office, ok.id))[0]!.summary).toContain('登记 张小明 的 2026 年一次性交通补助申请：400.00 元');
  });

  it('a second transport subsidy in the same year is refused, also after the first was approved', async () => {
    const h = await household();
    await office.call('employment.saveSpell', spell(h.xiaoMing, { startDate: '2025-06-01' }));
    const first = await office.call('subsidies.apply', transport(h.xiaoMing, '2026-03-01'));
    const again = await office.fail('subsidies.apply', transport(h.xiaoMing, '2026-03-10'));
    expect(again.message).toContain('每人每年只能享受一次');
    await office.call('subsidies.decide', { id: first.id, version: first.version, approve: true, date: '2026-03-10' });
    expect((await office.fail('subsidies.apply', transport(h.xiaoMing, '2026-03-10'))).message).toContain('每人每年只能享受一次');
  });

  it('a refused application frees the year; only a reviewer or admin decides, and a refusal needs a reason', async () => {
    const h = await household();
    await office.call('employment.saveSpell', spell(h.xiaoMing, { startDate: '2025-06-01' }));
    const a = await office.call('subsidies.apply', transport(h.xiaoMing, '2026-03-01'));
    const clerk = await office.loginAs('clerk');
    expect((await office.fail('subsidies.decide', { id: a.id, version: a.version, approve: true, date: '2026-03-10' }, clerk)).code).toBe('FORBIDDEN');
    expect((await office.fail('subsidies.decide', { id: a.id, version: a.version, approve: false, date: '2026-03-10' })).fields?.reason).toBeDefined();
    const refused = await office.call('subsidies.decide', { id: a.id, version: a.version, approve: false, date: '2026-03-10', reason: '材料不全' });
    expect(refused).toMatchObject({ status: 'refused', refuseReason: '材料不全' });
    expect((await office.call('subsidies.apply', transport(h.xiaoMing, '2026-03-10'))).status).toBe('applied');
  });

  it('an approved application goes onto a 交通补助 payment list, once; the open case’s JY06 is ticked with the amount', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['unstableJob'] });
    await office.call('employment.saveSpell', spell(h.xiaoMing, { startDate: '2025-06-01' }));
    const a = await office.call('subsidies.apply', transport(h.xiaoMing, '2026-03-01'));
    const notYet = await office.fail('subsidies.addToPaymentList', { kind: 'transport', year: 2026 });
    expect(notYet.message).toContain('没有已审核通过');
    await office.call('subsidies.decide', { id: a.id, version: a.version, approve: true, date: '2026-03-10' });
    const made = await office.call('subsidies.addToPaymentList', { kind: 'transport', year: 2026 });
    expect(made.lines).toBe(1);
    const list = await office.call('payments.get', { id: made.listId });
    expect(list.list).toMatchObject({ purpose: '交通补助', period: '2026', status: 'draft', totalFen: 40_000 });
    expect(list.lines.map((l) => [l.name, l.amountFen])).toEqual([['张小明', 40_000]]);
    const apps = await office.call('subsidies.applications', { year: 2026 });
    expect(apps.rows[0]).toMatchObject({ status: 'approved', paymentListId: made.listId });
    expect((await office.fail('subsidies.addToPaymentList', { kind: 'transport', year: 2026 })).message).toContain('尚未列入清册');
    const plan = await office.call('measures.forCase', { caseId: opened.case.id });
    expect(plan.measures.filter((m) => m.measureTypeCode === 'JY06').map((m) => [m.status, m.amountFen])).toEqual([['done', 40_000]]);
    expect(made.measureNotes[0]).toContain('JY06');
  });

  it('a 稳岗补贴 carries the amount typed and is paid under its own purpose', async () => {
    const h = await household();
    const noAmount = await office.fail('subsidies.apply', { memberId: h.xiaoMing, kind: 'stable', year: 2026, appliedOn: '2026-03-01' });
    expect(noAmount.fields?.amountFen).toContain('金额');
    const a = await office.call('subsidies.apply', { memberId: h.xiaoMing, kind: 'stable', year: 2026, appliedOn: '2026-03-01', amountFen: 100_000 });
    await office.call('subsidies.decide', { id: a.id, version: a.version, approve: true, date: '2026-03-02' });
    const made = await office.call('subsidies.addToPaymentList', { kind: 'stable', year: 2026 });
    expect((await office.call('payments.get', { id: made.listId })).list).toMatchObject({ purpose: '稳岗补贴', totalFen: 100_000 });
  });
});

describe('training and 以工代赈 records', () => {
  it('a training on a household with an open case ticks JY05; a correction checks the version', async () => {
    const h = await household();
    const opened = await office.call('monitoring.open', { householdId: h.id, clueSource: 'cadreVisit', clueDate: '2026-03-02', risks: ['unstableJob'] });
    const input: InputOf<'subsidies.saveTraining'> = { memberId: h.xiaoMing, kind: 'jobSkill', course: '电工', startDate: '2026-03-02', endDate: '2026-03-06', hours: 40, certificate: '初级电工证' };
    const t = await office.call('subsidies.saveTraining', input);
    expect(t.measureNote).toContain('JY05');
    const plan = await office.call('measures.forCase', { caseId: opened.case.id });
    expect(plan.measures.map((m) => [m.measureTypeCode, m.status, m.doneDate])).toEqual([['JY05', 'done', '2026-03-06']]);
    const clerk = await office.loginAs('clerk');
    await office.call('subsidies.saveTraining', { ...input, id: t.id, version: 1, hours: 48 }, clerk);
    const stale = await office.fail('subsidies.saveTraining', { ...input, id: t.id, version: 1, course: '焊工' });
    expect(stale.code).toBe('CONFLICT');
    const rows = await office.call('subsidies.trainings', { year: 2026 });
    expect(rows.rows.map((r) => [r.memberName, r.course, r.hours, r.version])).toEqual([['张小明', '电工', 48, 2]]);
  });

  it('以工代赈 work is recorded with pay in fen; a start after today is refused', async () => {
    const h = await household();
    const w = await office.call('subsidies.saveWorkRelief', { memberId: h.zhang, project: '坪埠村机耕路硬化', startDate: '2026-02-01', days: 20, payFen: 300_000 });
    expect(w.measureNote).toBeNull();
    expect((await office.call('subsidies.workRelief', {})).rows[0]).toMatchObject({ project: '坪埠村机耕路硬化', days: 20, payFen: 300_000 });
    const future = await office.fail('subsidies.saveWorkRelief', { memberId: h.zhang, project: '某项目', startDate: '2026-04-01', days: 2, payFen: 0 });
    expect(future.fields?.startDate).toContain('不能晚于今天');
  });
});

describe('月报 R2 务工就业', () => {
  it('counts labour, work by 务工地域 and channel per village against the same day last year', async () => {
    const a = await household('3504211010010001');
    const b = await makeHousehold(office, '3504211010010002', 1); // 王大山, 刘秀英 (55: still labour age), 王小军
    // a: 张小明 省外 since 2025-01; 张三 公益岗 in the county since 2026-01
    await office.call('employment.saveSpell', spell(a.xiaoMing, { startDate: '2025-01-15' }));
    await office.call('employment.saveSpell', spell(a.zhang, { area: 'inCounty', place: '明溪县城关乡', channel: 'welfarePost', startDate: '2026-01-01', monthlyIncomeFen: 50_000 }));
    // b: 王小军 省内县外 2025-02 … 2025-12 (ended: working last year, not now)
    await office.call('employment.saveSpell', spell(b.son, { area: 'inProvince', place: '福建省三明市', startDate: '2025-02-01', endDate: '2025-12-31' }));
    const { r2 } = await office.call('subsidies.monthlyTables', { month: '2026-03' });
    const pick = (village: string) => {
      const r = r2.rows.find((x) => x.village === village)!;
      return [r.labour, r.working, r.outOfProvince, r.inProvince, r.inCounty, r.welfarePost, r.lastYear, r.yoy];
    };
    // Both households in 坪埠村, counted on 2026-03-10 (the running month): labour = 张三 and 王大山
    // (born 1965-03-12: still 60), 张小明, 刘秀英 (55), 王小军; 李四妹 (57) is past 55. Working now =
    // a's two; last year (2025-03-10) = 张小明 and 王小军 → 同比 0.
    expect(pick('坪埠村')).toEqual([5, 2, 1, 0, 1, 1, 2, 0]);
    expect(pick('旦上村')).toEqual([0, 0, 0, 0, 0, 0, 0, null]);
    expect(pick('合计')).toEqual([5, 2, 1, 0, 1, 1, 2, 0]);
    expect(r2.title).toContain('2026-03-10');
  });
});
