import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { storedFile } from '../../electron/core/files/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { ledgerHeaders } from '../../shared/domain/ledgerLayouts';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { makeHousehold } from './postsFixtures';
import { account, intoLibrary, listStep, project, setDay, throughAcceptance } from './fundsFixtures';

// 项目资产 (issue 13 item 5): a finished project's asset, its income, a 收益分配 plan through
// 村集体制定 → 村民代表讨论 → 乡镇审核备案 → 村内公示, paid through a payment list with one failed
// bank line and its resend; disposal ends the asset.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

function assetInput(projectId: string, over: Partial<InputOf<'assets.create'>> = {}): InputOf<'assets.create'> {
  return {
    projectId,
    name: '食用菌大棚 20 个',
    assetClass: 'operating',
    formedDate: '2026-07-05',
    villageId: office.villages[0]!.id,
    quantity: '20 个',
    valueFen: 600_000_00,
    valueSources: [
      { sourceCode: 'county', amountFen: 500_000_00 },
      { sourceCode: 'village', amountFen: 100_000_00 },
    ],
    ownerLevel: 'village',
    ownerName: '坪埠村股份经济合作社',
    operator: '绿源食用菌专业合作社',
    caretaker: '坪埠村村民委员会',
    caretakerPerson: '王村长',
    ...over,
  };
}

const people = ['村支书', '村主任'];

describe('project → asset → 收益分配 paid through a payment list', () => {
  it('registers the asset of a finished project, shares its income by the four steps and pays it with one failed line', async () => {
    let p = await intoLibrary(office, await project(office));
    const early = await office.fail('assets.create', assetInput(p.id));
    expect(early.message).toContain('还没有办理「完工」');
    p = await throughAcceptance(office, p);
    const mismatch = await office.fail('assets.create', assetInput(p.id, { valueFen: 600_000_01 }));
    expect(mismatch.message).toContain('与资产原值 600000.01 元不符');
    let asset = await office.call('assets.create', assetInput(p.id));
    expect(asset).toMatchObject({ assetCode: 'ZC2026-0001', status: 'inUse', projectCode: p.projectCode, valueFen: 600_000_00 });

    await setDay(office, '2026-12-20');
    asset = await office.call('assets.addEvent', { assetId: asset.id, kind: 'income', date: '2026-12-15', amountFen: 36_000_00, note: '合作社租金' });
    asset = await office.call('assets.addEvent', { assetId: asset.id, kind: 'upkeep', date: '2026-12-16', amountFen: 2_000_00, note: '棚膜更换' });
    expect(asset).toMatchObject({ incomeFen: 36_000_00, upkeepFen: 2_000_00 });

    const hs = [];
    for (let i = 1; i <= 3; i++) hs.push(await makeHousehold(office, `350421101001000${i}`, i));
    const lines = hs.map((h, i) => ({ memberId: h.head, basis: i === 0 ? '整户无劳动能力 1.5 份' : '1 份', amountFen: i === 0 ? 3_000_00 : 2_000_00 }));
    const plan = { assetId: asset.id, year: 2026, title: '2026 年食用菌大棚收益分配', date: '2026-12-18', people };
    const tooMuch = await office.fail('assets.createPlan', { ...plan, lines: [...lines.slice(1), { ...lines[0]!, amountFen: 32_000_01 }] });
    expect(tooMuch.message).toContain('超过该资产 2026 年登记的收益 36000.00 元');
    const notHead = await office.fail('assets.createPlan', { ...plan, lines: [{ memberId: hs[0]!.son, basis: '1 份', amountFen: 100 }] });
    expect(notHead.message).toContain('不是户主');
    asset = await office.call('assets.createPlan', { ...plan, lines });
    let pl = asset.plans[0]!;
    expect(pl).toMatchObject({ status: 'villageDraft', totalFen: 7_000_00 });

    const skip = await office.fail('assets.planStep', { planId: pl.id, version: pl.version, step: 'townshipFiling', date: '2026-12-19', people });
    expect(skip.message).toContain('下一步应办理「村民代表讨论」');
    asset = await office.call('assets.planStep', { planId: pl.id, version: pl.version, step: 'representatives', date: '2026-12-19', people });
    pl = asset.plans[0]!;
    const clerk = await office.loginAs('clerk');
    const byClerk = await office.fail('assets.planStep', { planId: pl.id, version: pl.version, step: 'townshipFiling', date: '2026-12-20', people }, clerk);
    expect(byClerk.code).toBe('FORBIDDEN');
    asset = await office.call('assets.planStep', { planId: pl.id, version: pl.version, step: 'townshipFiling', date: '2026-12-20', people: ['乡镇领导'], docNo: '坪乡备〔2026〕8号' });
    pl = asset.plans[0]!;
    const short = await office.fail('assets.planStep', { planId: pl.id, version: pl.version, step: 'villageNotice', date: '2026-12-20', people, noticeEnd: '2026-12-28' });
    expect(short.message).toContain('不少于 10 天');
    asset = await office.call('assets.planStep', { planId: pl.id, version: pl.version, step: 'villageNotice', date: '2026-12-20', people, noticeEnd: '2026-12-29' });
    pl = asset.plans[0]!;
    const during = await office.fail('assets.payPlan', { planId: pl.id, version: pl.version });
    expect(during.message).toContain('公示期满后（2026-12-30 起）');

    // 收益分配公示 and 资产公示 with the supervision line and the office phone.
    const printed = async (kind: 'assets.assetNotice' | 'assets.incomeNotice', id: string) => {
      const r = await office.call('assets.printNotice', { kind, id });
      return readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8');
    };
    const incomeNotice = await printed('assets.incomeNotice', pl.id);
    expect(incomeNotice).toContain('收益分配公示');
    expect(incomeNotice).toContain('2026年12月20日至2026年12月29日');
    expect(incomeNotice).toContain('整户无劳动能力 1.5 份');
    expect(incomeNotice).toContain('12317');
    expect(incomeNotice).toContain('0598-2812345');
    const assetNotice = await printed('assets.assetNotice', asset.id);
    expect(assetNotice).toContain('坪埠村股份经济合作社');
    expect(assetNotice).toContain('12317');

    await setDay(office, '2026-12-30');
    const { listId } = await office.call('assets.payPlan', { planId: pl.id, version: pl.version });
    const again = await office.fail('assets.payPlan', { planId: pl.id, version: (await office.call('assets.get', { id: asset.id })).plans[0]!.version });
    expect(again.message).toContain('已生成发放清册');
    const draft = await office.call('payments.get', { id: listId });
    expect(draft.list).toMatchObject({ purpose: '收益分配', period: '2026', totalFen: 7_000_00, lineCount: 3, projectId: p.id });

    for (const [i, h] of hs.entries()) await account(office, h.head, i);
    await listStep(office, listId, '2026-12-30');
    await listStep(office, listId, '2026-12-30');
    await listStep(office, listId, '2026-12-30');
    const bank = await office.call('payments.bankRows', { id: listId });
    await office.call('payments.recordResults', {
      id: listId,
      results: bank.map((r, i) => (i === 2 ? { lineId: r.lineId, result: 'failed' as const, reason: '户名不符' } : { lineId: r.lineId, result: 'success' as const })),
    });
    await listStep(office, listId, '2026-12-30');
    const done = await office.call('assets.get', { id: asset.id });
    expect(done.plans[0]).toMatchObject({ status: 'paying', paymentListId: listId, paymentListStatus: 'reconciled' });
    const resend = await office.call('payments.resendFailed', { id: listId });
    expect(resend.lines).toBe(1);
    const paid = await office.call('payments.forHousehold', { householdId: hs[0]!.id });
    expect(paid.incomeByYear).toEqual([{ year: 2026, category: 'otherTransferFen', amountFen: 3_000_00 }]);
    const failed = await office.call('payments.forHousehold', { householdId: hs[2]!.id });
    expect(failed.incomeByYear).toEqual([]);

    const noDecision = await office.fail('assets.addEvent', { assetId: asset.id, kind: 'disposal', date: '2026-12-30', amountFen: 5_000_00, note: '大棚损毁拆除' });
    expect(noDecision.message).toContain('处置决定');
    const disposed = await office.call('assets.addEvent', { assetId: asset.id, kind: 'disposal', date: '2026-12-30', amountFen: 5_000_00, decision: '坪埠村村民代表会议决议（2026-12-28）', note: '大棚损毁拆除，残值收入归村集体' });
    expect(disposed).toMatchObject({ status: 'disposed', disposalFen: 5_000_00 });
    const after = await office.fail('assets.addEvent', { assetId: asset.id, kind: 'income', date: '2026-12-30', amountFen: 100 });
    expect(after.message).toContain('已处置');
    const ledger = await office.call('assets.list', { assetClass: 'operating' });
    expect(ledger).toMatchObject({ total: 1, rows: [{ assetCode: 'ZC2026-0001' }] });
    expect((await office.call('assets.list', { assetClass: 'public' })).total).toBe(0);

    // 资产台账 leaves the office as a workbook.
    const { jobId } = await office.call('files.export', { ledger: 'assets', format: 'xlsx', filters: { assetClass: 'operating' } });
    const file = exportResultSchema.parse((await office.core.jobs.wait(jobId)).result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(office.core.outboxFile('admin-session', file.file.fileId)!.path);
    const sheetRows: ExcelJS.CellValue[][] = [];
    wb.worksheets[0]!.eachRow((row) => sheetRows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(sheetRows[0]!.map(String)).toEqual(ledgerHeaders('assets'));
    expect(sheetRows[1]!.slice(1, 4)).toEqual(['ZC2026-0001', '食用菌大棚 20 个', '经营性']);
    expect(sheetRows[1]!.slice(14)).toEqual(['已处置', 36_000, 2_000, 5_000]);
  });
});
