import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineRows } from '../../electron/core/features/funds/trailData';
import { subsetPrintFonts } from '../../electron/core/features/print/fontSubset';
import { storedFile } from '../../electron/core/files/store';
import { account, batch, intoLibrary, listStep, project, setDay } from './fundsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { makeHousehold } from './postsFixtures';

// 资金流向表 (issue 13 item 8): one project's money from batch → allocation → disbursement →
// payment-list lines to households on one page, with reversals printed as their own lines.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

/**
 * What every trail here starts from: a batch, a project in the library with 100,000 yuan of the
 * batch allocated, one disbursement to households and a payment list (产业奖补) that spends it.
 */
async function projectPayingHouseholds(amountFen: number, voucherNo: string) {
  const b = await batch(office);
  const p = await intoLibrary(office, await project(office));
  await setDay(office, '2026-04-05');
  await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 100_000_00 });
  const d = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen, voucherNo, payeeKind: 'household', stage: 'final' });
  const disbursementId = d.disbursements.find((x) => x.voucherNo === voucherNo)!.id;
  const { id: listId } = await office.call('payments.create', { purpose: '产业奖补', period: '2026', title: '2026 年产业奖补', projectId: p.id, disbursementId });
  return { b, p, disbursementId, listId };
}

/** The list through 审核 → 交银行 → 银行已发放 (5 月), then the bank's result for each line, found by its amount. */
async function bankPays(listId: string, results: readonly { amountFen: number; result: 'success' | 'failed'; reason?: string }[]) {
  await setDay(office, '2026-05-10');
  for (const day of ['2026-05-01', '2026-05-08', '2026-05-09']) await listStep(office, listId, day);
  const bank = await office.call('payments.bankRows', { id: listId });
  const line = (fen: number) => bank.find((r) => r.amountFen === fen)!.lineId;
  await office.call('payments.recordResults', { id: listId, results: results.map(({ amountFen, ...r }) => ({ lineId: line(amountFen), ...r })) });
  return line;
}

/** Two households on the list, 3,000 yuan paid by the bank to the first, 2,000 returned for the second (账号已销户). */
async function twoHouseholdsOneFailed(listId: string) {
  const h1 = await makeHousehold(office, '3504211010010001', 1);
  const h2 = await makeHousehold(office, '3504211010010002', 2);
  await office.call('payments.addLine', { listId, memberId: h1.head, basis: '养牛 3 头 × 1000 元', amountFen: 3_000_00 });
  await office.call('payments.addLine', { listId, memberId: h2.head, basis: '种植 4 亩 × 500 元', amountFen: 2_000_00 });
  for (const [i, m] of [h1.head, h2.head].entries()) await account(office, m, i);
  await bankPays(listId, [
    { amountFen: 3_000_00, result: 'success' },
    { amountFen: 2_000_00, result: 'failed', reason: '账号已销户' },
  ]);
}

describe('资金流向表', () => {
  it('prints each batch with its allocations, disbursements (a reversal named) and the household lines with their bank results', async () => {
    const { b, p, listId } = await projectPayingHouseholds(5_000_00, '记-0501');
    const b2 = await batch(office, { docNo: '明财农〔2026〕7号', issuedDate: '2026-03-01', level: 'central', sourceCode: 'central', amountFen: 50_000_00 });
    const a2 = await office.call('funds.allocate', { batchId: b2.id, projectId: p.id, date: '2026-04-05', amountFen: 20_000_00 });
    await office.call('funds.reverseAllocation', { id: a2.allocations.find((a) => a.batchId === b2.id)!.id, date: '2026-04-05', note: '批次选错' });
    const c = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 40_000_00, voucherNo: '记-0502', payeeKind: 'contractor', stage: 'advance' });
    await office.call('funds.reverseDisbursement', { id: c.disbursements.find((x) => x.voucherNo === '记-0502')!.id, date: '2026-04-05', note: '金额录错' });

    await twoHouseholdsOneFailed(listId);

    const r = await office.call('funds.printTrail', { projectId: p.id });
    expect(r.documents[0]).toMatchObject({ kind: 'funds.moneyTrail', title: `${p.projectCode} 坪埠村食用菌大棚 资金流向`, recordCode: p.projectCode });
    const m = readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8');
    // Batches with source and issued amount, in issue order.
    expect(m).toContain('资金批次 明财农〔2026〕3号（县级衔接推进乡村振兴补助资金，2026 年度，2026-02-20 下达 1,000,000.00 元）');
    expect(m.indexOf('明财农〔2026〕3号')).toBeLessThan(m.indexOf('明财农〔2026〕7号'));
    // The reversed allocation and disbursement: both lines, the reversal naming the original.
    expect(m).toContain('-20,000.00');
    expect(m).toContain('冲销 2026-04-05 的分配；批次选错');
    expect(m).toContain('冲销凭证 记-0502；金额录错');
    expect(m.match(/已冲销/g)).toHaveLength(2);
    expect(m).toContain('本批次小计：分配 0.00，拨付 0.00，结余 0.00');
    expect(m).toContain('本批次小计：分配 100,000.00，拨付 5,000.00，结余 95,000.00');
    // The household lines under the disbursement they spend, with the bank's result.
    expect(m).toContain('拨付 凭证 记-0501（结算款，农户）');
    expect(m).toContain('发放清册：2026 年产业奖补');
    expect(m).toContain('3504211010010001 王大山：养牛 3 头 × 1000 元');
    expect(m).toContain('失败；账号已销户');
    expect(m).toContain('到户合计（成功）；失败 2,000.00 元');
    expect(m).toContain('合计：分配 100,000.00，拨付 5,000.00，到户 3,000.00');
    expect(m).toContain('经发放清册到户 3,000.00 元（1 户，只计银行发放成功的行）');
    expect(m).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
    const verified = await office.call('print.verify', { code: r.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true, kind: 'funds.moneyTrail' });
  });

  it('counts only the lines that reached a household: a bank-failed line, a paid line reversed in full and a draft list add no household', async () => {
    const { p, disbursementId, listId } = await projectPayingHouseholds(10_000_00, '记-0601');
    const hs = [];
    for (let i = 1; i <= 4; i += 1) hs.push(await makeHousehold(office, `350421101001000${i}`, i));
    for (const [i, h] of hs.entries()) await account(office, h.head, i);
    await office.call('payments.addLine', { listId, memberId: hs[0]!.head, basis: '养牛 3 头', amountFen: 3_000_00 });
    await office.call('payments.addLine', { listId, memberId: hs[1]!.head, basis: '种植 4 亩', amountFen: 2_000_00 });
    await office.call('payments.addLine', { listId, memberId: hs[2]!.head, basis: '养羊 10 只', amountFen: 1_000_00 });
    const line = await bankPays(listId, [
      { amountFen: 3_000_00, result: 'success' },
      { amountFen: 2_000_00, result: 'failed', reason: '账号已销户' },
      { amountFen: 1_000_00, result: 'success' },
    ]);
    // The third household's money is pulled back in full; the correction list goes to the bank.
    const { listId: fixId } = await office.call('payments.correct', { lineId: line(1_000_00), correctFen: 0, reason: '不符合奖补条件' });
    for (const day of ['2026-05-10', '2026-05-10', '2026-05-10']) await listStep(office, fixId, day);
    // A second list still in 草稿: nothing has left the office.
    const { id: draftId } = await office.call('payments.create', { purpose: '产业奖补', period: '2026-06', title: '2026 年产业奖补二批', projectId: p.id, disbursementId });
    await office.call('payments.addLine', { listId: draftId, memberId: hs[3]!.head, basis: '种植 1 亩', amountFen: 500_00 });

    const r = await office.call('funds.printTrail', { projectId: p.id });
    const m = readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8');
    expect(m).toContain('经发放清册到户 3,000.00 元（1 户，只计银行发放成功的行）');
    expect(m).toContain('银行退回失败 2,000.00 元（1 户，未计入到户）');
    expect(m).toContain('合计：分配 100,000.00，拨付 10,000.00，到户 3,000.00');
    expect(m).toContain('未交银行，不计入到户');
  });

  it('shows the same trail on screen as its paper, and looking at it logs no print', async () => {
    const { p, listId } = await projectPayingHouseholds(5_000_00, '记-0801');
    await twoHouseholdsOneFailed(listId);
    const printed = async () => (await office.core.db.selectFrom('printed_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const audited = async () => (await office.core.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = { printed: await printed(), audited: await audited() };

    const t = await office.call('funds.trail', { projectId: p.id });
    expect(await printed()).toBe(before.printed);
    expect(await audited()).toBe(before.audited);
    expect(t.project).toMatchObject({ id: p.id, code: p.projectCode, name: '坪埠村食用菌大棚' });
    expect(t.batches).toHaveLength(1);
    const [d] = t.batches[0]!.disbursements;
    expect(d).toMatchObject({ voucherNo: '记-0801', stage: '结算款', payee: '农户', amountFen: 5_000_00 });
    expect(d!.lists).toHaveLength(1);
    expect(d!.lists[0]).toMatchObject({ title: '2026 年产业奖补', sent: true, paidFen: 3_000_00, failedFen: 2_000_00 });
    expect(d!.lists[0]!.lines.map((x) => [x.household, x.name, x.amountFen, x.reachedFen, x.result, x.note])).toEqual([
      ['3504211010010001', '王大山', 3_000_00, 3_000_00, '成功', ''],
      ['3504211010010002', '王大山', 2_000_00, 0, '失败', '账号已销户；未计入到户'],
    ]);
    expect(t.totals).toEqual({ allocatedFen: 100_000_00, disbursedFen: 5_000_00, toHouseholdsFen: 3_000_00, failedFen: 2_000_00, households: 1, failedHouseholds: 1 });

    // The paper says what the screen says.
    const r = await office.call('funds.printTrail', { projectId: p.id });
    const m = readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8');
    expect(m).toContain('经发放清册到户 3,000.00 元（1 户，只计银行发放成功的行）；银行退回失败 2,000.00 元（1 户，未计入到户）');
    expect(await printed()).toBe(before.printed + 1);
  });

  it('tells the clerk when the project is not there', async () => {
    const e = await office.fail('funds.trail', { projectId: '01900000-0000-7000-8000-000000000000' });
    expect(e).toMatchObject({ code: 'NOT_FOUND', message: '找不到该项目，可能已被删除' });
  });

  it('reads each line’s name and household code from the covering indexes, never a table page per line', async () => {
    // The 资金流向表 of 500 households read ~250 pages the first time through the primary keys
    // (migration 0029); the plan names the two covering indexes for the lookups.
    const q = lineRows('x').compile(office.core.db);
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(q.sql.replace(/\?/g, "'x'"))}`.execute(office.core.db);
    const text = plan.rows.map((r) => r.detail).join('\n');
    expect(text).toContain('SEARCH p USING INDEX ix_payment_lines_list');
    expect(text).toContain('SEARCH m USING COVERING INDEX ix_members_id_name');
    expect(text).toContain('SEARCH h USING COVERING INDEX ix_households_id_code');
  });
});

describe('资金流向表 printed again', () => {
  // The print font is cut to the file's characters; the cut for a set of characters is kept for the
  // next print with the same set (print/fontCss.ts). The file's font must be exactly the cut of its
  // own text, whether made afresh or taken from what was kept.
  const fontRules = /@font-face \{[^}]*\}\n@font-face \{[^}]*\}/;
  const fontOf = (file: string) => [...file.matchAll(/base64,([A-Za-z0-9+/=]+)/g)].map((m) => m[1]!);
  const freshCut = (file: string) => {
    const fonts = subsetPrintFonts(file.replace(fontRules, '/* print font */'))!;
    return [fonts.regular.toString('base64'), fonts.bold.toString('base64')];
  };

  it('gives unchanged data the same content code and the same file, and a changed page a font with its new characters', async () => {
    const { p, listId } = await projectPayingHouseholds(10_000_00, '记-0701');
    const h1 = await makeHousehold(office, '3504211010010001', 1);
    await office.call('payments.addLine', { listId, memberId: h1.head, basis: '养牛 3 头', amountFen: 3_000_00 });

    const print = async () => {
      const r = await office.call('funds.printTrail', { projectId: p.id });
      return { code: r.documents[0]!.contentCode, file: readFileSync(storedFile(office.dataDir, 'outbox', r.file.fileId).path, 'utf8'), size: r.file.size };
    };
    const first = await print();
    const again = await print();
    expect(again.code).toBe(first.code);
    expect(again.file).toBe(first.file);
    expect(again.size).toBe(Buffer.byteLength(first.file));
    expect(fontOf(first.file)).toHaveLength(2);
    expect(fontOf(again.file)).toEqual(freshCut(again.file));

    // A new line brings characters the first page did not have: its font is cut for them.
    const h2 = await makeHousehold(office, '3504211010010002', 2);
    await office.call('payments.addLine', { listId, memberId: h2.head, basis: '饲养黑山羊 12 只', amountFen: 1_200_00 });
    const changed = await print();
    expect(changed.code).not.toBe(first.code);
    expect(changed.file).toContain('饲养黑山羊 12 只');
    expect(fontOf(changed.file)).toEqual(freshCut(changed.file));
    expect(fontOf(changed.file)[0]!.length).toBeGreaterThan(fontOf(first.file)[0]!.length);
  });
});
