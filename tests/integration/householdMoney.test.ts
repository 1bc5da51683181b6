import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { makeHousehold } from './postsFixtures';
import { account, batch, insertCase, intoLibrary, listStep, project, setDay } from './fundsFixtures';

// 到户资金 (issue 13 item 4): 产业奖补 paid from a project's disbursement through a payment list —
// 按户 to the head only, within the disbursement, a paid line ticking the measure once and showing
// on the household with its income category; a failed line does neither.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function projectWithHouseholdDisbursement(fen: number) {
  const b = await batch(office);
  const p = await intoLibrary(office, await project(office));
  await setDay(office, '2026-04-05');
  await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100_000_00 });
  const d = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: fen, voucherNo: '记-0501', payeeKind: 'household', stage: 'final' });
  const contractor = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100, voucherNo: '记-0502', payeeKind: 'contractor', stage: 'advance' });
  const id = (v: string) => [...d.disbursements, ...contractor.disbursements].find((x) => x.voucherNo === v)!.id;
  return { projectId: p.id, disbursementId: id('记-0501'), contractorId: id('记-0502') };
}

describe('产业奖补 to households through a payment list', () => {
  it('pays the head within the disbursement, ticks the measure of a paid line and shows it as 生产经营性 income', async () => {
    const { projectId, disbursementId, contractorId } = await projectWithHouseholdDisbursement(5_000_00);
    const h1 = await makeHousehold(office, '3504211010010001', 1);
    const h2 = await makeHousehold(office, '3504211010010002', 2);
    const h3 = await makeHousehold(office, '3504211010010003', 3);
    await insertCase(office, h1.id, ['businessFailure']);

    const wrong = await office.fail('payments.create', { purpose: '产业奖补', period: '2026', title: '产业奖补', projectId, disbursementId: contractorId });
    expect(wrong.message).toContain('收款方不是「农户（清册发放）」');
    const { id: listId } = await office.call('payments.create', { purpose: '产业奖补', period: '2026', title: '2026 年产业奖补', projectId, disbursementId });
    const spouse = await office.fail('payments.addLine', { listId, memberId: h1.spouse, basis: '养牛 3 头 × 1000 元', amountFen: 3_000_00 });
    expect(spouse.message).toContain('按户发放，应发到户主的账户');
    await office.call('payments.addLine', { listId, memberId: h1.head, basis: '养牛 3 头 × 1000 元', amountFen: 3_000_00 });
    await office.call('payments.addLine', { listId, memberId: h2.head, basis: '种植 4 亩 × 500 元', amountFen: 2_000_00 });
    expect((await office.call('payments.get', { id: listId })).list).toMatchObject({ projectId, projectName: '坪埠村食用菌大棚', disbursementId, totalFen: 5_000_00 });

    // A second list on the same disbursement: one fen over what it paid out is refused at 交银行.
    const { id: overId } = await office.call('payments.create', { purpose: '产业奖补', period: '2026', title: '补充', projectId, disbursementId });
    await office.call('payments.addLine', { listId: overId, memberId: h3.head, basis: '补充', amountFen: 1 });
    for (const [i, m] of [h1.head, h2.head, h3.head].entries()) await account(office, m, i);
    await setDay(office, '2026-05-10');
    for (const id of [listId, overId]) {
      await listStep(office, id, '2026-05-01');
      await listStep(office, id, '2026-05-08');
    }
    await listStep(office, listId, '2026-05-09');
    const over = await office.fail('payments.advance', { id: overId, date: '2026-05-09' });
    expect(over.message).toContain('超过这笔拨付的 5,000.00 元');

    const bank = await office.call('payments.bankRows', { id: listId });
    const byName = (n: number) => bank.find((r) => r.amountFen === n)!.lineId;
    const results = await office.call('payments.recordResults', {
      id: listId,
      results: [
        { lineId: byName(3_000_00), result: 'success' },
        { lineId: byName(2_000_00), result: 'failed', reason: '账号已销户' },
      ],
    });
    expect(results).toMatchObject({ success: 1, failed: 1 });
    expect(results.measureNotes.join('')).toContain('CY01');
    const measure = await office.core.db.selectFrom('measures').selectAll().where('household_id', '=', h1.id).execute();
    expect(measure).toMatchObject([{ measure_type_code: 'CY01', status: 'done', amount_fen: 3_000_00, done_date: '2026-05-09' }]);
    // Recording again does not tick twice.
    const again = await office.call('payments.recordResults', { id: listId, results: [{ lineId: byName(3_000_00), result: 'success' }] });
    expect(again.measureNotes).toEqual([]);
    expect(await office.core.db.selectFrom('measures').select('amount_fen').where('household_id', '=', h1.id).execute()).toEqual([{ amount_fen: 3_000_00 }]);

    const paid = await office.call('payments.forHousehold', { householdId: h1.id });
    expect(paid.lines).toMatchObject([{ purpose: '产业奖补', amountFen: 3_000_00, paid: true, measureTicked: true, projectName: '坪埠村食用菌大棚', incomeLabel: '生产经营性收入' }]);
    expect(paid.incomeByYear).toEqual([{ year: 2026, category: 'businessIncomeFen', amountFen: 3_000_00 }]);
    const failed = await office.call('payments.forHousehold', { householdId: h2.id });
    expect(failed.lines).toMatchObject([{ paid: false, result: 'failed', resultReason: '账号已销户', measureTicked: false }]);
    expect(failed.incomeByYear).toEqual([]);
  });
});
