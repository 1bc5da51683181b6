import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, intoLibrary, project, setDay, throughAcceptance } from './fundsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';

// 月报 R4 资金进度 and R5 项目进度 (EMPLOYMENT-FUNDS §3.1) on a fixture: a month's table counts
// the entries dated up to its last day, nets a reversal, and sets progress against the milestone.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

describe('月报 R4 / R5', () => {
  it('R4 per source: 下达 / 分配 / 拨付 / 进度 against the 06-30 milestone; R5 per project: step, 开工 / 完工 and 拨付进度', async () => {
    const b = await batch(office); // 县级 1,000,000.00 issued 2026-02-20
    let a = await project(office);
    const other = await intoLibrary(office, await project(office, { name: '旦上村产业路', budgetFen: 300_000_00 }));
    a = await intoLibrary(office, a);
    await setDay(office, '2026-04-04');
    await office.call('funds.allocate', { batchId: b.id, projectId: a.id, date: '2026-04-04', amountFen: 500_000_00 });
    await office.call('funds.disburse', { batchId: b.id, projectId: a.id, date: '2026-04-04', amountFen: 300_000_00, voucherNo: '记-1', payeeKind: 'contractor', stage: 'advance' });
    const wrong = await office.call('funds.disburse', { batchId: b.id, projectId: a.id, date: '2026-04-04', amountFen: 50_000_00, voucherNo: '记-2', payeeKind: 'contractor', stage: 'progress' });
    await office.call('funds.reverseDisbursement', { id: wrong.disbursements.find((d) => d.voucherNo === '记-2')!.id, date: '2026-04-04', note: '重复录入' });
    a = await throughAcceptance(office, a); // 实施 04-10, 完工 06-30, 验收 07-05
    await setDay(office, '2026-07-10');
    // July entries: outside June's tables.
    await batch(office, { docNo: '财农〔2026〕9号', issuedDate: '2026-07-01', level: 'central', sourceCode: 'central', amountFen: 200_000_00 });
    await office.call('funds.allocate', { batchId: b.id, projectId: other.id, date: '2026-07-05', amountFen: 100_000_00 });
    await office.call('funds.disburse', { batchId: b.id, projectId: other.id, date: '2026-07-05', amountFen: 100_000_00, voucherNo: '记-3', payeeKind: 'contractor', stage: 'advance' });

    const june = await office.call('subsidies.monthlyTables', { month: '2026-06' });
    expect(june.r4.title).toBe('R4 资金进度（2026 年度，截至 2026-06-30）');
    const county = june.r4.rows.find((r) => r.source === '县级衔接推进乡村振兴补助资金')!;
    expect(county).toMatchObject({ issued: 1_000_000_00, allocated: 500_000_00, disbursed: 300_000_00, balance: 700_000_00, progress: 0.6, milestone: 0.5 });
    expect(county.gap).toBeCloseTo(0.1, 10);
    expect(june.r4.rows.find((r) => r.source === '中央衔接推进乡村振兴补助资金')).toMatchObject({ issued: 0, progress: null });
    expect(june.r4.rows.at(-1)).toMatchObject({ source: '合计', issued: 1_000_000_00, allocated: 500_000_00, disbursed: 300_000_00 });

    expect(june.r5.rows).toHaveLength(3);
    const [ra, rb, total] = june.r5.rows;
    expect(ra).toMatchObject({ project: `${a.projectCode} 坪埠村食用菌大棚`, step: '完工', started: '2026-04-10', completed: '2026-06-30', budget: 600_000_00, allocated: 500_000_00, disbursed: 300_000_00, progress: 0.6 });
    expect(rb).toMatchObject({ step: '入库公告', started: null, completed: null, allocated: 0, progress: null });
    expect(total).toMatchObject({ project: '合计 2 个项目', started: '开工 1 个', completed: '完工 1 个', budget: 900_000_00, startRate: 0.5, completeRate: 0.5 });

    // July (running: stands on today, 07-10): the central batch, B's money, A accepted; milestone still 50 %.
    const july = await office.call('subsidies.monthlyTables', { month: '2026-07' });
    expect(july.r4.rows.at(-1)).toMatchObject({ issued: 1_200_000_00, allocated: 600_000_00, disbursed: 400_000_00, milestone: 0.5 });
    expect(july.r5.rows[0]).toMatchObject({ step: '验收' });
    expect(july.r5.rows[1]).toMatchObject({ allocated: 100_000_00, disbursed: 100_000_00, progress: 1 });
  });
});
