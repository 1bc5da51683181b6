import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedFile } from '../../electron/core/files/store';
import type { PrintResult } from '../../shared/contract/print';
import { batch, intoLibrary, project, setDay, throughAcceptance } from './fundsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';

// 年度计划公告 and 竣工公告 (issue 13 item 7): what they list, the 12317 line and the office phone,
// and a content code that 核验 rebuilds from the records.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

function markup(r: PrintResult): string {
  return readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8');
}

describe('年度计划公告', () => {
  it('lists the year’s planned projects with budget, sources, villages and beneficiaries, and refuses a year with none planned', async () => {
    const none = await office.fail('funds.printPlanNotice', { year: 2026 });
    expect(none.message).toContain('还没有列入年度计划的项目');
    const planned = await intoLibrary(office, await project(office, { budgetSources: [{ sourceCode: 'county', amountFen: 450_000_00 }, { sourceCode: 'selfRaised', amountFen: 150_000_00 }] }));
    await intoLibrary(office, await project(office, { name: '石门村便民桥', content: '新建便民桥一座' }));
    await setDay(office, '2026-04-05');
    await office.call('funds.recordStep', { projectId: planned.id, step: 'annualPlan', date: '2026-04-05', people: '县乡村振兴局', docNo: '明乡振〔2026〕8号', noticeEnd: null, outcome: 'passed' });

    const r = await office.call('funds.printPlanNotice', { year: 2026 });
    expect(r.documents[0]).toMatchObject({ kind: 'funds.planNotice', title: '城关乡2026年度巩固衔接资金项目年度计划公告' });
    const m = markup(r);
    expect(m).toContain('坪埠村食用菌大棚');
    expect(m).not.toContain('石门村便民桥'); // in the library, not in the plan
    expect(m).toContain('新建标准化大棚 20 个');
    expect(m).toContain('县级衔接推进乡村振兴补助资金 450,000.00');
    expect(m).toContain('150,000.00');
    expect(m).toContain('40 户 0 人，其中脱贫户 12 户、监测户 3 户');
    expect(m).toContain(office.villages[0]!.name);
    expect(m).toContain('12317');
    expect(m).toContain('0598-2812345');
    expect(m).toContain('2026年4月5日');
    const verified = await office.call('print.verify', { code: r.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true, kind: 'funds.planNotice' });
  });
});

describe('竣工公告', () => {
  it('shows budget against what was paid (a reversal netted), the dates and the acceptance; refused before 完工', async () => {
    const b = await batch(office);
    let p = await intoLibrary(office, await project(office));
    const early = await office.fail('funds.printCompletionNotice', { projectId: p.id });
    expect(early.message).toContain('完工');
    await setDay(office, '2026-04-04');
    await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-04', amountFen: 500_000_00 });
    const d = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-04', amountFen: 300_000_00, voucherNo: '记-0401', payeeKind: 'contractor', stage: 'advance' });
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-04', amountFen: 180_000_00, voucherNo: '记-0402', payeeKind: 'contractor', stage: 'progress' });
    await office.call('funds.reverseDisbursement', { id: d.disbursements[0]!.id, date: '2026-04-04', note: '凭证号录错' });
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-04', amountFen: 280_000_00, voucherNo: '记-0403', payeeKind: 'contractor', stage: 'advance' });
    p = await throughAcceptance(office, p);

    const r = await office.call('funds.printCompletionNotice', { projectId: p.id });
    const m = markup(r);
    expect(r.documents[0]!.title).toBe('城关乡2026年度巩固衔接资金项目竣工公告');
    expect(m).toContain('600,000.00 元'); // budget
    expect(m).toContain('460,000.00 元'); // 300,000 − 300,000 + 180,000 + 280,000
    expect(m).toContain('县级衔接推进乡村振兴补助资金 460,000.00 元');
    expect(m).toContain('140,000.00 元'); // left of the budget
    expect(m).toContain('2026年4月10日'); // 实施
    expect(m).toContain('2026年6月30日'); // 完工
    expect(m).toContain('2026年7月5日验收通过');
    expect(m).toContain('坪埠村股份经济合作社');
    expect(m).toContain('12317');
    expect(m).toContain('0598-2812345');
    const verified = await office.call('print.verify', { code: r.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true, kind: 'funds.completionNotice' });

    // Without an office phone the gap shows on the paper rather than a blank.
    await office.core.db.updateTable('office').set({ phone: null }).execute();
    expect(markup(await office.call('funds.printCompletionNotice', { projectId: p.id }))).toContain('联系电话：<span class="nowrap">（未设置）</span>');
  });
});
